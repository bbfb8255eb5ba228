import { EntitySchema } from '@mikro-orm/core';
import type { FrontCategoryMapping, FrontCategorySnapshot } from '../../../../domain/catalog/front-category.js';
import { timestamp } from './timestamp.js';

/** One row of `front_category`; its mappings are a small JSON list read as a whole. */
export class FrontCategoryRecord {
  id!: string;
  name!: string;
  parentId!: string | null;
  sort!: number;
  visible!: boolean;
  visibleFrom!: Date | null;
  visibleUntil!: Date | null;
  mappings!: FrontCategoryMapping[];
  version!: number;
}

export const FrontCategorySchema = new EntitySchema<FrontCategoryRecord>({
  class: FrontCategoryRecord,
  tableName: 'front_category',
  properties: {
    id: { type: 'text', primary: true },
    name: { type: 'text' },
    parentId: { type: 'text', nullable: true },
    sort: { type: 'integer' },
    visible: { type: 'boolean' },
    visibleFrom: { type: 'datetime', columnType: 'timestamptz', nullable: true },
    visibleUntil: { type: 'datetime', columnType: 'timestamptz', nullable: true },
    mappings: { type: 'json' },
    version: { type: 'integer' },
  },
  checks: [{ name: 'front_category_version_check', expression: 'version >= 0' }],
});

/** The row to write for a snapshot, at its next version. */
export function frontCategoryRecord(s: FrontCategorySnapshot, version: number): FrontCategoryRecord {
  return {
    id: s.id,
    name: s.name,
    parentId: s.parentId,
    sort: s.sort,
    visible: s.visible,
    visibleFrom: s.visibleFrom,
    visibleUntil: s.visibleUntil,
    mappings: [...s.mappings],
    version,
  };
}

/** A `front_category` row as native SQL returns it (timestamps as text, as MikroORM's type parsers leave them). */
export interface FrontCategoryRow {
  id: string;
  name: string;
  parent_id: string | null;
  sort: number;
  visible: boolean;
  visible_from: string | null;
  visible_until: string | null;
  mappings: FrontCategoryMapping[];
  version: number;
}

export function frontCategoryFromRow(r: FrontCategoryRow): FrontCategorySnapshot {
  return {
    id: r.id,
    name: r.name,
    parentId: r.parent_id,
    sort: r.sort,
    visible: r.visible,
    visibleFrom: timestamp(r.visible_from),
    visibleUntil: timestamp(r.visible_until),
    mappings: r.mappings,
    version: r.version,
  };
}
