import { EntitySchema } from '@mikro-orm/core';
import type { AttributeTemplate } from '../../../../domain/catalog/attribute.js';
import type { CategorySnapshot } from '../../../../domain/catalog/category.js';

/** One row of `category`: the back-end category tree, one row per node with its root-to-self path. */
export class CategoryRecord {
  id!: string;
  name!: string;
  parentId!: string | null;
  path!: string[];
  sort!: number;
  attributes!: AttributeTemplate[];
  version!: number;
}

export const CategorySchema = new EntitySchema<CategoryRecord>({
  class: CategoryRecord,
  tableName: 'category',
  properties: {
    id: { type: 'text', primary: true },
    name: { type: 'text' },
    parentId: { type: 'text', nullable: true },
    path: { type: 'text[]' },
    sort: { type: 'integer' },
    attributes: { type: 'json' },
    version: { type: 'integer' },
  },
  indexes: [{ name: 'category_parent_id_index', properties: ['parentId'] }],
  checks: [{ name: 'category_version_check', expression: 'version >= 0' }],
});

/** The row to write for a snapshot, at its next version. */
export function categoryRecord(s: CategorySnapshot, version: number): CategoryRecord {
  return { id: s.id, name: s.name, parentId: s.parentId, path: [...s.path], sort: s.sort, attributes: [...s.attributes], version };
}

/** A `category` row as native SQL returns it. */
export interface CategoryRow {
  id: string;
  name: string;
  parent_id: string | null;
  path: string[];
  sort: number;
  attributes: AttributeTemplate[];
  version: number;
}

export function categoryFromRow(r: CategoryRow): CategorySnapshot {
  return { id: r.id, name: r.name, parentId: r.parent_id, path: r.path, sort: r.sort, attributes: r.attributes, version: r.version };
}
