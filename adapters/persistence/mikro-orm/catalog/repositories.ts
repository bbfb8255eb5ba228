import type { CatalogStore } from '../../../../application/catalog/store.js';
import { Brand } from '../../../../domain/catalog/brand.js';
import { Category } from '../../../../domain/catalog/category.js';
import { FrontCategory } from '../../../../domain/catalog/front-category.js';
import type { Brands, Categories, FrontCategories, Spus } from '../../../../domain/catalog/ports.js';
import { Spu, type SpuSnapshot } from '../../../../domain/catalog/spu.js';
import type { TxScope } from '../db.js';
import { saveVersionedRow } from '../repositories/versioned-row.js';
import {
  BrandRecord,
  brandFromRow,
  brandRecord,
  CategoryRecord,
  categoryFromRow,
  categoryRecord,
  FrontCategoryRecord,
  frontCategoryFromRow,
  frontCategoryRecord,
  type BrandRow,
  type CategoryRow,
  type FrontCategoryRow,
} from './records.js';
import { writeSkus } from './sku-writer.js';
import { SpuRecord } from './spu-records.js';
import { SELECT_SPU, spuFromRow, spuRecord, type SpuRow } from './spu-row.js';

/** The catalog store of one PostgreSQL transaction. */
export const pgCatalogStore = (tx: TxScope): CatalogStore => ({
  categories: new MikroOrmCategories(tx),
  brands: new MikroOrmBrands(tx),
  frontCategories: new MikroOrmFrontCategories(tx),
  spus: new MikroOrmSpus(tx),
});

/** Back-end categories on PostgreSQL (`category`); saving records the category's pending events. */
export class MikroOrmCategories implements Categories {
  constructor(private readonly tx: TxScope) {}

  /**
   * Locks the row for the rest of the transaction. CAT-1 spans aggregates (a product may hang only on
   * a leaf, a category with products may not be deleted or get children): every use case that judges
   * it loads the category first, so the lock serialises them and each sees the others' commits.
   * NO KEY UPDATE still lets foreign-key checks through.
   */
  async get(id: string): Promise<Category | null> {
    const [row] = await this.tx.rows<CategoryRow>('select * from category where id = ? for no key update', [id]);
    return row ? Category.restore(categoryFromRow(row)) : null;
  }

  async save(category: Category): Promise<void> {
    const s = category.toSnapshot();
    category.markSaved(await saveVersionedRow(this.tx, CategoryRecord, 'categories', s.version, categoryRecord(s, s.version + 1)));
    this.tx.record(category.pullEvents());
  }

  async remove(category: Category): Promise<void> {
    await this.tx.run(this.tx.builder.createQueryBuilder(CategoryRecord).delete({ id: category.id }));
  }

  async hasChildren(id: string): Promise<boolean> {
    const rows = await this.tx.rows('select 1 from category where parent_id = ? limit 1', [id]);
    return rows.length > 0;
  }
}

/** Brands on PostgreSQL (`brand`). */
export class MikroOrmBrands implements Brands {
  constructor(private readonly tx: TxScope) {}

  async get(id: string): Promise<Brand | null> {
    const [row] = await this.tx.rows<BrandRow>('select * from brand where id = ?', [id]);
    return row ? Brand.restore(brandFromRow(row)) : null;
  }

  async save(brand: Brand): Promise<void> {
    const s = brand.toSnapshot();
    brand.markSaved(await saveVersionedRow(this.tx, BrandRecord, 'brands', s.version, brandRecord(s, s.version + 1)));
    this.tx.record(brand.pullEvents());
  }
}

/** Front categories on PostgreSQL (`front_category`). */
export class MikroOrmFrontCategories implements FrontCategories {
  constructor(private readonly tx: TxScope) {}

  async get(id: string): Promise<FrontCategory | null> {
    const [row] = await this.tx.rows<FrontCategoryRow>('select * from front_category where id = ?', [id]);
    return row ? FrontCategory.restore(frontCategoryFromRow(row)) : null;
  }

  async save(fc: FrontCategory): Promise<void> {
    const s = fc.toSnapshot();
    fc.markSaved(await saveVersionedRow(this.tx, FrontCategoryRecord, 'frontCategories', s.version, frontCategoryRecord(s, s.version + 1)));
    this.tx.record(fc.pullEvents());
  }

  async remove(fc: FrontCategory): Promise<void> {
    await this.tx.run(this.tx.builder.createQueryBuilder(FrontCategoryRecord).delete({ id: fc.id }));
  }
}

/** Products on PostgreSQL (`spu` and its `sku` rows); saving records the product's pending events. */
export class MikroOrmSpus implements Spus {
  /** Each SPU as this transaction last read or wrote it: a save then writes only the SKUs that changed. */
  private readonly seen = new Map<string, SpuSnapshot>();

  constructor(private readonly tx: TxScope) {}

  async get(id: string): Promise<Spu | null> {
    const [row] = await this.tx.rows<SpuRow>(`${SELECT_SPU} where s.id = ?`, [id]);
    return row ? this.restore(row) : null;
  }

  async getMany(ids: readonly string[]): Promise<Spu[]> {
    if (ids.length === 0) return [];
    const rows = await this.tx.rows<SpuRow>(`${SELECT_SPU} where s.id = any(?::text[])`, [[...new Set(ids)]]);
    return rows.map((r) => this.restore(r));
  }

  /** Served from the catalog's read cache, SKU by SKU, until this transaction writes to the domain (decision 0030). */
  async getManyBySkus(skuIds: readonly string[]): Promise<Spu[]> {
    if (skuIds.length === 0) return [];
    const bySku = await this.tx.cachedMany<SpuRow>('catalog', 'spu-of-sku', [...new Set(skuIds)], async (missing) => {
      const rows = await this.tx.rows<SpuRow>(`${SELECT_SPU} where s.id in (select spu_id from sku where id = any(?::text[]))`, [missing]);
      return new Map(rows.flatMap((row) => row.spu.skus.map((k) => [k.id, row] as const)));
    });
    const spus = new Map<string, SpuRow>();
    for (const row of bySku.values()) if (row) spus.set(row.spu.id, row);
    return [...spus.values()].map((r) => this.restore(r));
  }

  async save(spu: Spu): Promise<void> {
    const s = spu.toSnapshot();
    const version = await saveVersionedRow(this.tx, SpuRecord, 'spus', s.version, spuRecord(s, s.version + 1, spu.platformPrice));
    await writeSkus(this.tx, s, s.version === 0 ? 'new' : this.seen.get(s.id));
    spu.markSaved(version);
    this.seen.set(s.id, spu.toSnapshot());
    this.tx.writtenSpus.add(s.id);
    this.tx.touched.add('catalog');
    this.tx.record(spu.pullEvents());
  }

  async countInCategory(categoryId: string): Promise<number> {
    const [row] = await this.tx.rows<{ n: number }>('select count(*)::int as n from spu where category_id = ?', [categoryId]);
    return row?.n ?? 0;
  }

  async takenSkuCodes(codes: readonly string[], exceptSpuId?: string): Promise<string[]> {
    if (codes.length === 0) return [];
    const rows = await this.tx.rows<{ code: string }>('select code from sku where code = any(?::text[]) and spu_id is distinct from ? order by code', [
      [...codes],
      exceptSpuId ?? null,
    ]);
    return rows.map((r) => r.code);
  }

  async codeTaken(code: string): Promise<boolean> {
    return (await this.tx.rows('select 1 from spu where code = ? limit 1', [code])).length > 0;
  }

  async findSkus(ids: readonly string[]): Promise<{ skuId: string; spuId: string; kind: SpuSnapshot['kind'] }[]> {
    if (ids.length === 0) return [];
    const rows = await this.tx.rows<{ sku_id: string; spu_id: string; kind: SpuSnapshot['kind'] }>(
      'select k.id as sku_id, k.spu_id, s.kind from sku k join spu s on s.id = k.spu_id where k.id = any(?::text[])',
      [[...ids]],
    );
    return rows.map((r) => ({ skuId: r.sku_id, spuId: r.spu_id, kind: r.kind }));
  }

  /**
   * Earliest due first. `skip locked`: schedulers running side by side on a PostgreSQL server split
   * the due products between them instead of colliding on the same ones.
   */
  async dueForSchedule(now: Date, limit: number): Promise<Spu[]> {
    const at = now.toISOString();
    const rows = await this.tx.rows<SpuRow>(
      `${SELECT_SPU} where s.list_at <= ?::timestamptz or s.unlist_at <= ?::timestamptz
       order by least(s.list_at, s.unlist_at), s.id collate "C" limit ? for update of s skip locked`,
      [at, at, limit],
    );
    return rows.map((r) => this.restore(r));
  }

  private restore(row: SpuRow): Spu {
    const snapshot = spuFromRow(row);
    this.seen.set(snapshot.id, snapshot);
    return Spu.restore(snapshot);
  }
}
