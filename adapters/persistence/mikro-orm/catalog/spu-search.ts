import type { FrontCategoryMapping } from '../../../../domain/catalog/front-category.js';
import type { SpuSearch, SpuSummary } from '../../../../domain/catalog/ports.js';
import { Money } from '../../../../domain/shared/money.js';

export interface SpuSummaryRow {
  id: string;
  code: string;
  title: string;
  category_id: string;
  brand_id: string | null;
  status: SpuSummary['status'];
  platform_price: string;
  tags: SpuSummary['tags'];
  sku_count: number;
  total: number;
}

type Rows = <R>(sql: string, params: unknown[]) => Promise<R[]>;

/**
 * The WHERE clause of a product search, with `?` placeholders, filter by filter as MemoryCatalogQueries
 * filters. Returns null when nothing can match (a front category that is missing or maps nothing).
 */
export async function spuSearchQuery(f: SpuSearch, rows: Rows): Promise<{ where: string; params: unknown[] } | null> {
  const where: string[] = ['true'];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    where.push(sql);
    params.push(...values);
  };
  if (f.categoryId !== undefined) add('s.category_path @> array[?]::text[]', f.categoryId);
  if (f.brandId !== undefined) add('s.brand_id = ?', f.brandId);
  if (f.status !== undefined) add('s.status = ?', f.status);
  // Parsed like the memory adapter parses them (same errors for bad input), then compared exactly.
  if (f.minPrice !== undefined) add('s.platform_price >= ?::numeric', Money.of(f.minPrice).amount.toString());
  if (f.maxPrice !== undefined) add('s.platform_price <= ?::numeric', Money.of(f.maxPrice).amount.toString());
  if (f.keyword) {
    const pattern = `%${f.keyword.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    add('(s.title ilike ? or s.code ilike ?)', pattern, pattern);
  }
  if (f.frontCategoryId !== undefined) {
    const [fc] = await rows<{ mappings: FrontCategoryMapping[] }>('select mappings from front_category where id = ?', [f.frontCategoryId]);
    const mapped = mappingCondition(fc?.mappings ?? []);
    if (!mapped) return null;
    add(mapped.sql, ...mapped.params);
  }
  return { where: where.join(' and '), params };
}

/** Products a front category shows: any of its mappings matches (CAT-2). */
function mappingCondition(mappings: readonly FrontCategoryMapping[]): { sql: string; params: unknown[] } | null {
  const any: string[] = [];
  const params: unknown[] = [];
  const of = <K extends FrontCategoryMapping['kind']>(kind: K) => mappings.filter((m): m is Extract<FrontCategoryMapping, { kind: K }> => m.kind === kind);

  const categories = of('category').map((m) => m.categoryId);
  if (categories.length > 0) {
    any.push('s.category_path && array[?]::text[]');
    params.push(categories);
  }
  const brands = of('brand').map((m) => m.brandId);
  if (brands.length > 0) {
    any.push('s.brand_id = any(array[?]::text[])');
    params.push(brands);
  }
  const spus = of('spu').map((m) => m.spuId);
  if (spus.length > 0) {
    any.push('s.id = any(array[?]::text[])');
    params.push(spus);
  }
  for (const m of of('attribute')) {
    // A product attribute value (a JSON array contains a string it lists: attributes -> 'os' @> '"iOS"'),
    // or a sales attribute value one of the SKUs has.
    any.push(
      `(s.category_id = ? and (s.attributes -> ? @> to_jsonb(?::text)
         or exists (select 1 from sku k where k.spu_id = s.id and k.specs ->> ? = ?)))`,
    );
    params.push(m.categoryId, m.attributeId, m.value, m.attributeId, m.value);
  }
  return any.length === 0 ? null : { sql: `(${any.join(' or ')})`, params };
}
