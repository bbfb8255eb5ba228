import { EntitySchema } from '@mikro-orm/core';
import type { BrandSnapshot, BrandStatus } from '../../../../domain/catalog/brand.js';

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
