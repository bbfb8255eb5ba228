import { EntitySchema } from '@mikro-orm/core';
import type { AttributeTemplate } from '../../../../domain/catalog/attribute.js';
import type { BrandSnapshot, BrandStatus } from '../../../../domain/catalog/brand.js';
import type { CategorySnapshot } from '../../../../domain/catalog/category.js';
import type { FrontCategoryMapping, FrontCategorySnapshot } from '../../../../domain/catalog/front-category.js';
import { timestamp } from '../records/timestamp.js';

// The catalog's tables but the products': `category`, `brand`, `front_category` (spu-records.ts has `spu` and `sku`).

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

/** One row of `brand`. */
export class BrandRecord {
  id!: string;
  nameZh!: string;
  nameEn!: string | null;
  logoUrl!: string | null;
  origin!: string | null;
  status!: BrandStatus;
  categoryIds!: string[];
  version!: number;
}

export const BrandSchema = new EntitySchema<BrandRecord>({
  class: BrandRecord,
  tableName: 'brand',
  properties: {
    id: { type: 'text', primary: true },
    nameZh: { type: 'text' },
    nameEn: { type: 'text', nullable: true },
    logoUrl: { type: 'text', nullable: true },
    origin: { type: 'text', nullable: true },
    status: { type: 'text' },
    categoryIds: { type: 'text[]' },
    version: { type: 'integer' },
  },
  checks: [
    { name: 'brand_status_check', expression: `status in ('enabled', 'disabled')` },
    { name: 'brand_version_check', expression: 'version >= 0' },
  ],
});

/** The row to write for a snapshot, at its next version. */
export function brandRecord(s: BrandSnapshot, version: number): BrandRecord {
  return {
    id: s.id,
    nameZh: s.nameZh,
    nameEn: s.nameEn,
    logoUrl: s.logoUrl,
    origin: s.origin,
    status: s.status,
    categoryIds: [...s.categoryIds],
    version,
  };
}

/** A `brand` row as native SQL returns it. */
export interface BrandRow {
  id: string;
  name_zh: string;
  name_en: string | null;
  logo_url: string | null;
  origin: string | null;
  status: BrandStatus;
  category_ids: string[];
  version: number;
}

export function brandFromRow(r: BrandRow): BrandSnapshot {
  return {
    id: r.id,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    logoUrl: r.logo_url,
    origin: r.origin,
    status: r.status,
    categoryIds: r.category_ids,
    version: r.version,
  };
}

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
