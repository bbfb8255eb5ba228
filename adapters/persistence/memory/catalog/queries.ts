import type { BrandSnapshot } from '../../../../domain/catalog/brand.js';
import type { CategorySnapshot } from '../../../../domain/catalog/category.js';
import type { FrontCategoryMapping, FrontCategorySnapshot } from '../../../../domain/catalog/front-category.js';
import { categoryTree } from '../../../../domain/catalog/category-tree.js';
import type { CatalogQueries, CategoryNode, SpuSearch, SpuSummary } from '../../../../domain/catalog/ports.js';
import { Spu, type SpuSnapshot } from '../../../../domain/catalog/spu.js';
import { Money } from '../../../../domain/shared/money.js';
import type { Page, PageRequest } from '../../../../domain/shared/page.js';
import type { MemoryDatabase } from '../memory-database.js';
import { CATALOG_TABLES } from './repositories.js';

export function summarize(s: SpuSnapshot): SpuSummary {
  return {
    id: s.id,
    code: s.code,
    title: s.title,
    categoryId: s.categoryId,
    brandId: s.brandId,
    status: s.status,
    platformPrice: Spu.restore(s).platformPrice.toString(),
    skuCount: s.skus.length,
    tags: s.tags,
  };
}

/** Code-point order, the same as PostgreSQL's "C" collation: independent of the process locale. */
function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function paginate<T>(rows: readonly T[], page: PageRequest): Page<T> {
  const start = (page.page - 1) * page.size;
  return { items: rows.slice(start, start + page.size), page: page.page, size: page.size, total: rows.length };
}

function matchesMapping(s: SpuSnapshot, m: FrontCategoryMapping): boolean {
  switch (m.kind) {
    case 'category':
      return s.categoryPath.includes(m.categoryId);
    case 'attribute':
      // A product attribute value, or a sales attribute value one of its SKUs has.
      return (
        s.categoryId === m.categoryId && ((s.attributes[m.attributeId]?.includes(m.value) ?? false) || s.skus.some((k) => k.specs[m.attributeId] === m.value))
      );
    case 'brand':
      return s.brandId === m.brandId;
    case 'spu':
      return s.id === m.spuId;
  }
}

/** Catalog read side over the in-memory tables (committed data only). */
export class MemoryCatalogQueries implements CatalogQueries {
  constructor(private readonly db: MemoryDatabase) {}

  /** The committed rows of one of the catalog's tables. */
  private table<R>(name: keyof typeof CATALOG_TABLES): ReadonlyMap<string, R> {
    return this.db.table(CATALOG_TABLES[name]) as unknown as ReadonlyMap<string, R>;
  }

  async spu(id: string): Promise<SpuSnapshot | null> {
    return this.table<SpuSnapshot>('spus').get(id) ?? null;
  }

  async searchSpus(f: SpuSearch, page: PageRequest): Promise<Page<SpuSummary>> {
    const keyword = f.keyword?.toLowerCase();
    const min = f.minPrice !== undefined ? Money.of(f.minPrice) : undefined;
    const max = f.maxPrice !== undefined ? Money.of(f.maxPrice) : undefined;
    const mappings =
      f.frontCategoryId !== undefined ? (this.table<FrontCategorySnapshot>('frontCategories').get(f.frontCategoryId)?.mappings ?? []) : undefined;
    const rows = [...this.table<SpuSnapshot>('spus').values()]
      .filter((s) => f.categoryId === undefined || s.categoryPath.includes(f.categoryId))
      .filter((s) => f.brandId === undefined || s.brandId === f.brandId)
      .filter((s) => f.status === undefined || s.status === f.status)
      .filter((s) => !keyword || s.title.toLowerCase().includes(keyword) || s.code.toLowerCase().includes(keyword))
      .filter((s) => !mappings || mappings.some((m) => matchesMapping(s, m)))
      .map(summarize)
      .filter((s) => !min || !Money.of(s.platformPrice).lessThan(min))
      .filter((s) => !max || !Money.of(s.platformPrice).greaterThan(max))
      .sort((a, b) => byCodePoint(a.code, b.code));
    return paginate(rows, page);
  }

  async categoryTree(): Promise<CategoryNode[]> {
    return categoryTree(
      [...this.table<CategorySnapshot>('categories').values()].sort((a, b) => a.sort - b.sort || byCodePoint(a.name, b.name) || byCodePoint(a.id, b.id)),
    );
  }

  async brands(page: PageRequest): Promise<Page<BrandSnapshot>> {
    const rows = [...this.table<BrandSnapshot>('brands').values()].sort((a, b) => byCodePoint(a.nameZh, b.nameZh) || byCodePoint(a.id, b.id));
    return paginate(rows, page);
  }

  async frontCategories(): Promise<FrontCategorySnapshot[]> {
    return [...this.table<FrontCategorySnapshot>('frontCategories').values()].sort((a, b) => a.sort - b.sort || byCodePoint(a.id, b.id));
  }
}
