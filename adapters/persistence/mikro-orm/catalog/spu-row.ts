import type { SkuSnapshot, SpuSnapshot } from '../../../../domain/catalog/spu.js';
import type { Money } from '../../../../domain/shared/money.js';
import { MoneyType } from '../types/money-type.js';
import type { SkuRecord, SpuRecord } from './spu-records.js';
import { requiredTimestamp, timestamp } from '../records/timestamp.js';

/** A product as JSON: the snapshot with prices as decimal text and times as ISO text. */
export type SpuDocument = Omit<SpuSnapshot, 'skus' | 'listAt' | 'unlistAt' | 'createdAt' | 'updatedAt'> & {
  skus: (Omit<SkuSnapshot, 'salePrice' | 'marketPrice'> & { salePrice: string; marketPrice: string | null })[];
  listAt: string | null;
  unlistAt: string | null;
  createdAt: string;
  updatedAt: string;
};

/** A row of either select below. */
export interface SpuRow {
  spu: SpuDocument;
}

/**
 * The aggregate from its tables, for the repository: one statement, one JSON column, SKUs in position
 * order. Prices are cast to text inside the JSON (a JSON number would be parsed into a float).
 */
export const SELECT_SPU = `select json_build_object('id', s.id, 'code', s.code, 'title', s.title, 'description', s.description,
  'categoryId', s.category_id, 'categoryPath', s.category_path, 'brandId', s.brand_id, 'kind', s.kind, 'attributes', s.attributes,
  'salesAttributes', s.sales_attributes,
  'skus', coalesce((select json_agg(json_build_object('id', k.id, 'code', k.code, 'specs', k.specs, 'salePrice', k.sale_price::text,
      'marketPrice', k.market_price::text, 'components', k.components) order by k.position)
    from sku k where k.spu_id = s.id), '[]'::json),
  'tags', s.tags, 'status', s.status, 'listAt', s.list_at, 'unlistAt', s.unlist_at, 'createdAt', s.created_at,
  'updatedAt', s.updated_at, 'version', s.version) as spu
  from spu s`;

/**
 * The product detail for the read side: `spu.detail`, the same document, written by every save in the
 * same statement as the columns. Reading one stored `json` value costs PostgreSQL about a third of
 * building it with json_agg (the product page is the hottest read).
 */
export const SELECT_SPU_DETAIL = 'select s.detail as spu from spu s';

/** The document stored in `spu.detail` for a snapshot saved at `version`. */
export function spuDocument(s: SpuSnapshot, version: number): SpuDocument {
  return {
    ...s,
    skus: s.skus.map((k) => ({ ...k, salePrice: k.salePrice.toString(), marketPrice: k.marketPrice?.toString() ?? null })),
    listAt: s.listAt?.toISOString() ?? null,
    unlistAt: s.unlistAt?.toISOString() ?? null,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
    version,
  };
}

const money = new MoneyType();
const toMoney = (text: string): Money => money.convertToJSValue(text)!;

/** The snapshot, shaped exactly like the memory adapter's (Money objects, Dates, key order). */
export function spuFromRow({ spu: j }: SpuRow): SpuSnapshot {
  return {
    id: j.id,
    code: j.code,
    title: j.title,
    description: j.description,
    categoryId: j.categoryId,
    categoryPath: j.categoryPath,
    brandId: j.brandId,
    kind: j.kind,
    attributes: j.attributes,
    salesAttributes: j.salesAttributes,
    skus: j.skus.map(
      (k): SkuSnapshot => ({
        id: k.id,
        code: k.code,
        specs: k.specs,
        salePrice: toMoney(k.salePrice),
        marketPrice: k.marketPrice === null ? null : toMoney(k.marketPrice),
        components: k.components,
      }),
    ),
    tags: j.tags,
    status: j.status,
    listAt: timestamp(j.listAt),
    unlistAt: timestamp(j.unlistAt),
    createdAt: requiredTimestamp(j.createdAt),
    updatedAt: requiredTimestamp(j.updatedAt),
    version: j.version,
  };
}

/** The `spu` row to write for a snapshot at its next version; the platform price is derived here. */
export function spuRecord(s: SpuSnapshot, version: number, platformPrice: Money): SpuRecord {
  return {
    id: s.id,
    code: s.code,
    title: s.title,
    description: s.description,
    categoryId: s.categoryId,
    categoryPath: [...s.categoryPath],
    brandId: s.brandId,
    kind: s.kind,
    attributes: { ...s.attributes },
    salesAttributes: [...s.salesAttributes],
    tags: [...s.tags],
    status: s.status,
    listAt: s.listAt,
    unlistAt: s.unlistAt,
    platformPrice,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    version,
    detail: spuDocument(s, version),
  };
}

/** The `sku` rows of a snapshot; `position` keeps the aggregate's order. */
export function skuRecords(s: SpuSnapshot): Omit<SkuRecord, 'spu'>[] {
  return s.skus.map((k, position) => ({
    id: k.id,
    code: k.code,
    specs: { ...k.specs },
    salePrice: k.salePrice,
    marketPrice: k.marketPrice,
    components: [...k.components],
    position,
  }));
}
