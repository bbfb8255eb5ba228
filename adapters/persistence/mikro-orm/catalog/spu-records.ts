import { EntitySchema } from '@mikro-orm/core';
import type { ComboComponent, SalesAttributeValues, SpuSnapshot, SpuStatus, Tag } from '../../../../domain/catalog/spu.js';
import type { Money } from '../../../../domain/shared/money.js';
import { MoneyType } from '../types/money-type.js';
import type { SpuDocument } from './spu-row.js';
import { cacheEpochTrigger } from '../read-caches.js';

/**
 * One row of `spu`. `platformPrice` (the lowest SKU sale price) is derived, stored for price-band
 * search; `categoryPath` is stored for descendant search (`category_path @> array[id]`, GIN index);
 * `detail` is the whole product as a JSON document for the product page, rewritten by every save.
 */
export class SpuRecord {
  id!: string;
  code!: string;
  title!: string;
  description!: string;
  categoryId!: string;
  categoryPath!: string[];
  brandId!: string | null;
  kind!: SpuSnapshot['kind'];
  attributes!: Record<string, readonly string[]>;
  salesAttributes!: SalesAttributeValues[];
  tags!: Tag[];
  status!: SpuStatus;
  listAt!: Date | null;
  unlistAt!: Date | null;
  platformPrice!: Money;
  createdAt!: Date;
  updatedAt!: Date;
  version!: number;
  /** The whole product as JSON, for the read side (see SELECT_SPU_DETAIL). */
  detail!: SpuDocument;
}

/** One row of `sku`: part of the SPU aggregate, written and read with it. */
export class SkuRecord {
  id!: string;
  spu!: SpuRecord;
  code!: string;
  specs!: Record<string, string>;
  salePrice!: Money;
  marketPrice!: Money | null;
  components!: ComboComponent[];
  position!: number;
}

const timestamptz = { type: 'datetime', columnType: 'timestamptz' } as const;

export const SpuSchema = new EntitySchema<SpuRecord>({
  class: SpuRecord,
  tableName: 'spu',
  // Decision 0030: every statement writing it gives the catalog read cache a new epoch.
  triggers: [cacheEpochTrigger('catalog', 'spu')],
  properties: {
    id: { type: 'text', primary: true },
    // "C" collation: codes sort and compare by code point, the same order as the memory adapter.
    code: { type: 'text', collation: 'C' },
    title: { type: 'text' },
    description: { type: 'text' },
    categoryId: { type: 'text' },
    categoryPath: { type: 'text[]' },
    brandId: { type: 'text', nullable: true },
    kind: { type: 'text' },
    attributes: { type: 'json' },
    salesAttributes: { type: 'json' },
    tags: { type: 'json' },
    status: { type: 'text' },
    listAt: { ...timestamptz, nullable: true },
    unlistAt: { ...timestamptz, nullable: true },
    platformPrice: { type: MoneyType },
    createdAt: { ...timestamptz },
    updatedAt: { ...timestamptz },
    version: { type: 'integer' },
    // `json`, not `jsonb`: stored as text, it is sent back without conversion and keeps key order.
    detail: { type: 'json', columnType: 'json' },
  },
  uniques: [{ name: 'spu_code_unique', properties: ['code'] }],
  indexes: [
    { name: 'spu_category_path_index', properties: ['categoryPath'], type: 'gin' },
    { name: 'spu_category_id_index', properties: ['categoryId'] },
    { name: 'spu_brand_id_index', properties: ['brandId'] },
    { name: 'spu_list_at_index', properties: ['listAt'], where: 'list_at is not null' },
    { name: 'spu_unlist_at_index', properties: ['unlistAt'], where: 'unlist_at is not null' },
  ],
  checks: [
    { name: 'spu_kind_check', expression: `kind in ('standard', 'combo')` },
    { name: 'spu_status_check', expression: `status in ('draft', 'listed', 'unlisted')` },
    { name: 'spu_platform_price_check', expression: 'platform_price > 0' },
    { name: 'spu_version_check', expression: 'version >= 0' },
  ],
});

export const SkuSchema = new EntitySchema<SkuRecord>({
  class: SkuRecord,
  tableName: 'sku',
  // Decision 0030: every statement writing it gives the catalog read cache a new epoch.
  triggers: [cacheEpochTrigger('catalog', 'sku')],
  properties: {
    id: { type: 'text', primary: true },
    spu: { kind: 'm:1', entity: () => SpuRecord, deleteRule: 'cascade', updateRule: 'cascade' },
    code: { type: 'text', collation: 'C' },
    specs: { type: 'json' },
    salePrice: { type: MoneyType },
    marketPrice: { type: MoneyType, nullable: true },
    components: { type: 'json' },
    position: { type: 'integer' },
  },
  uniques: [{ name: 'sku_code_unique', properties: ['code'] }],
  indexes: [{ name: 'sku_spu_id_position_index', properties: ['spu', 'position'] }],
  checks: [
    { name: 'sku_sale_price_check', expression: 'sale_price > 0' },
    { name: 'sku_market_price_check', expression: 'market_price is null or market_price >= sale_price' },
  ],
});
