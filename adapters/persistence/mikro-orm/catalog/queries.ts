import type { EntityManager } from '@mikro-orm/postgresql';
import type { BrandSnapshot } from '../../../../domain/catalog/brand.js';
import { categoryTree } from '../../../../domain/catalog/category-tree.js';
import type { FrontCategorySnapshot } from '../../../../domain/catalog/front-category.js';
import type { CatalogQueries, CategoryNode, SpuSearch, SpuSummary } from '../../../../domain/catalog/ports.js';
import type { SpuSnapshot } from '../../../../domain/catalog/spu.js';
import type { Page, PageRequest } from '../../../../domain/shared/page.js';
import { refuseNul, rethrowTranslated } from '../db.js';
import type { PreparingPool } from '../sql-session.js';
import { brandFromRow, categoryFromRow, frontCategoryFromRow, type BrandRow, type CategoryRow, type FrontCategoryRow } from './records.js';
import { SELECT_SPU_DETAIL, spuFromRow, type SpuRow } from './spu-row.js';
import type { SpuDetailCache } from './spu-detail-cache.js';
import { spuSearchQuery, type SpuSummaryRow } from './spu-search.js';

/**
 * The catalog read side in SQL, over committed data, answering exactly what MemoryCatalogQueries
 * answers. Orderings use the "C" collation: code-point order, as the memory adapter compares.
 */
export class MikroOrmCatalogQueries implements CatalogQueries {
  constructor(
    private readonly em: EntityManager,
    private readonly pool?: PreparingPool,
    private readonly cache?: SpuDetailCache,
  ) {}

  /**
   * The hot read path: one stored JSON document by primary key. On a server it runs as a named
   * prepared statement on the `pg` pool itself, which PostgreSQL parses and plans once per connection
   * instead of on every call.
   */
  spu(id: string): Promise<SpuSnapshot | null> {
    return this.cache ? this.cache.load(id, (key) => this.spuFromDatabase(key)) : this.spuFromDatabase(id);
  }

  private async spuFromDatabase(id: string): Promise<SpuSnapshot | null> {
    const [row] = this.pool
      ? ((await this.pool.query({ name: 'zhongtai_spu_detail', text: `${SELECT_SPU_DETAIL} where s.id = $1`, values: [id] }).catch(rethrowTranslated))
          .rows as SpuRow[])
      : await this.rows<SpuRow>(`${SELECT_SPU_DETAIL} where s.id = ?`, [id]);
    return row ? spuFromRow(row) : null;
  }

  async searchSpus(filter: SpuSearch, page: PageRequest): Promise<Page<SpuSummary>> {
    const query = await spuSearchQuery(filter, (sql, params) => this.rows(sql, params));
    if (!query) return { items: [], page: page.page, size: page.size, total: 0 };
    const rows = await this.rows<SpuSummaryRow>(
      `select s.id, s.code, s.title, s.category_id, s.brand_id, s.status, s.platform_price::text as platform_price, s.tags,
         (select count(*)::int from sku k where k.spu_id = s.id) as sku_count, count(*) over ()::int as total
       from spu s where ${query.where} order by s.code collate "C" limit ? offset ?`,
      [...query.params, page.size, (page.page - 1) * page.size],
    );
    const total = rows[0]?.total ?? (page.page > 1 ? await this.count(`select count(*)::int as n from spu s where ${query.where}`, query.params) : 0);
    return { items: rows.map(summary), page: page.page, size: page.size, total };
  }

  async categoryTree(): Promise<CategoryNode[]> {
    const rows = await this.rows<CategoryRow>('select * from category order by sort, name collate "C", id collate "C"');
    return categoryTree(rows.map(categoryFromRow));
  }

  async brands(page: PageRequest): Promise<Page<BrandSnapshot>> {
    const rows = await this.rows<BrandRow & { total: number }>(
      'select *, count(*) over ()::int as total from brand order by name_zh collate "C", id collate "C" limit ? offset ?',
      [page.size, (page.page - 1) * page.size],
    );
    const total = rows[0]?.total ?? (page.page > 1 ? await this.count('select count(*)::int as n from brand') : 0);
    return { items: rows.map(({ total: _, ...row }) => brandFromRow(row)), page: page.page, size: page.size, total };
  }

  async frontCategories(): Promise<FrontCategorySnapshot[]> {
    const rows = await this.rows<FrontCategoryRow>('select * from front_category order by sort, id collate "C"');
    return rows.map(frontCategoryFromRow);
  }

  /** Outside any unit of work: a value the database cannot read (a NUL in a keyword …) is refused or translated here (decision 0020). */
  private async rows<R>(sql: string, params: unknown[] = []): Promise<R[]> {
    refuseNul(params);
    return (this.em.execute<R[] & object[]>(sql, params) as Promise<R[]>).catch(rethrowTranslated);
  }

  /** Only needed for a page past the end, where the window count has no row to ride on. */
  private async count(sql: string, params: unknown[] = []): Promise<number> {
    const [row] = await this.rows<{ n: number }>(sql, params);
    return row?.n ?? 0;
  }
}

function summary(r: SpuSummaryRow): SpuSummary {
  return {
    id: r.id,
    code: r.code,
    title: r.title,
    categoryId: r.category_id,
    brandId: r.brand_id,
    status: r.status,
    platformPrice: r.platform_price,
    skuCount: r.sku_count,
    tags: r.tags,
  };
}
