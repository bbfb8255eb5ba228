import type { CatalogStore } from '../../../../application/catalog/store.js';
import { Brand, type BrandSnapshot } from '../../../../domain/catalog/brand.js';
import { Category, type CategorySnapshot } from '../../../../domain/catalog/category.js';
import { FrontCategory, type FrontCategorySnapshot } from '../../../../domain/catalog/front-category.js';
import type { Brands, Categories, FrontCategories, Spus } from '../../../../domain/catalog/ports.js';
import { Spu, type SpuSnapshot } from '../../../../domain/catalog/spu.js';
import type { MemoryTransactionState } from '../memory-transaction.js';

/** The catalog's tables in the memory database (the read side, `MemoryCatalogQueries`, reads them too). */
export const CATALOG_TABLES = { categories: 'categories', brands: 'brands', frontCategories: 'frontCategories', spus: 'spus' } as const;
const T = CATALOG_TABLES;

/** The catalog store of one memory transaction. */
export const memoryCatalogStore = (tx: MemoryTransactionState): CatalogStore => ({
  categories: new MemoryCategories(tx),
  brands: new MemoryBrands(tx),
  frontCategories: new MemoryFrontCategories(tx),
  spus: new MemorySpus(tx),
});

/** Back-end categories (table `categories`); saving records the category's pending events. */
export class MemoryCategories implements Categories {
  constructor(private readonly tx: MemoryTransactionState) {}

  async get(id: string): Promise<Category | null> {
    const s = this.tx.read<CategorySnapshot>(T.categories, id);
    return s ? Category.restore(s) : null;
  }
  async save(category: Category): Promise<void> {
    category.markSaved(this.tx.write(T.categories, category.toSnapshot()));
    this.tx.record(category.pullEvents());
  }
  async remove(category: Category): Promise<void> {
    this.tx.delete(T.categories, category.id);
  }
  async hasChildren(id: string): Promise<boolean> {
    return this.tx.rows<CategorySnapshot>(T.categories).some((c) => c.parentId === id);
  }
}

/** Brands (table `brands`). */
export class MemoryBrands implements Brands {
  constructor(private readonly tx: MemoryTransactionState) {}

  async get(id: string): Promise<Brand | null> {
    const s = this.tx.read<BrandSnapshot>(T.brands, id);
    return s ? Brand.restore(s) : null;
  }
  async save(brand: Brand): Promise<void> {
    brand.markSaved(this.tx.write(T.brands, brand.toSnapshot()));
    this.tx.record(brand.pullEvents());
  }
}

/** Front categories (table `frontCategories`). */
export class MemoryFrontCategories implements FrontCategories {
  constructor(private readonly tx: MemoryTransactionState) {}

  async get(id: string): Promise<FrontCategory | null> {
    const s = this.tx.read<FrontCategorySnapshot>(T.frontCategories, id);
    return s ? FrontCategory.restore(s) : null;
  }
  async save(fc: FrontCategory): Promise<void> {
    fc.markSaved(this.tx.write(T.frontCategories, fc.toSnapshot()));
    this.tx.record(fc.pullEvents());
  }
  async remove(fc: FrontCategory): Promise<void> {
    this.tx.delete(T.frontCategories, fc.id);
  }
}

/** Products with their SKUs, one snapshot each (table `spus`); saving records the product's pending events. */
export class MemorySpus implements Spus {
  constructor(private readonly tx: MemoryTransactionState) {}

  async get(id: string): Promise<Spu | null> {
    const s = this.tx.read<SpuSnapshot>(T.spus, id);
    return s ? Spu.restore(s) : null;
  }
  async getMany(ids: readonly string[]): Promise<Spu[]> {
    return [...new Set(ids)].flatMap((id) => {
      const s = this.tx.read<SpuSnapshot>(T.spus, id);
      return s ? [Spu.restore(s)] : [];
    });
  }
  async getManyBySkus(skuIds: readonly string[]): Promise<Spu[]> {
    const wanted = new Set(skuIds);
    return this.all()
      .filter((s) => s.skus.some((k) => wanted.has(k.id)))
      .map((s) => Spu.restore(s));
  }
  async save(spu: Spu): Promise<void> {
    spu.markSaved(this.tx.write(T.spus, spu.toSnapshot()));
    this.tx.record(spu.pullEvents());
  }
  async countInCategory(categoryId: string): Promise<number> {
    return this.all().filter((s) => s.categoryId === categoryId).length;
  }
  async takenSkuCodes(codes: readonly string[], exceptSpuId?: string): Promise<string[]> {
    const wanted = new Set(codes);
    return this.all()
      .filter((s) => s.id !== exceptSpuId)
      .flatMap((s) => s.skus.map((k) => k.code))
      .filter((c) => wanted.has(c));
  }
  async codeTaken(code: string): Promise<boolean> {
    return this.all().some((s) => s.code === code);
  }
  async findSkus(ids: readonly string[]) {
    const wanted = new Set(ids);
    return this.all().flatMap((s) => s.skus.filter((k) => wanted.has(k.id)).map((k) => ({ skuId: k.id, spuId: s.id, kind: s.kind })));
  }
  async dueForSchedule(now: Date, limit: number): Promise<Spu[]> {
    return this.all()
      .filter((s) => (s.listAt && s.listAt <= now) || (s.unlistAt && s.unlistAt <= now))
      .slice(0, limit)
      .map((s) => Spu.restore(s));
  }

  private all(): SpuSnapshot[] {
    return this.tx.rows<SpuSnapshot>(T.spus);
  }
}
