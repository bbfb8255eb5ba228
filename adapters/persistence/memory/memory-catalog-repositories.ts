import { Brand } from '../../../domain/catalog/brand.js';
import { Category } from '../../../domain/catalog/category.js';
import { FrontCategory } from '../../../domain/catalog/front-category.js';
import type { Brands, Categories, FrontCategories, Spus } from '../../../domain/catalog/ports.js';
import { Spu } from '../../../domain/catalog/spu.js';
import type { MemoryTransactionState } from './memory-unit-of-work.js';

export class MemoryCategories implements Categories {
  constructor(private readonly tx: MemoryTransactionState) {}

  async get(id: string): Promise<Category | null> {
    const s = this.tx.read('categories', id);
    return s ? Category.restore(s) : null;
  }
  async save(category: Category): Promise<void> {
    category.markSaved(this.tx.write('categories', category.toSnapshot()));
  }
  async remove(category: Category): Promise<void> {
    this.tx.delete('categories', category.id);
  }
  async hasChildren(id: string): Promise<boolean> {
    return this.tx.rows('categories').some((c) => c.parentId === id);
  }
}

export class MemoryBrands implements Brands {
  constructor(private readonly tx: MemoryTransactionState) {}

  async get(id: string): Promise<Brand | null> {
    const s = this.tx.read('brands', id);
    return s ? Brand.restore(s) : null;
  }
  async save(brand: Brand): Promise<void> {
    brand.markSaved(this.tx.write('brands', brand.toSnapshot()));
  }
}

export class MemoryFrontCategories implements FrontCategories {
  constructor(private readonly tx: MemoryTransactionState) {}

  async get(id: string): Promise<FrontCategory | null> {
    const s = this.tx.read('frontCategories', id);
    return s ? FrontCategory.restore(s) : null;
  }
  async save(fc: FrontCategory): Promise<void> {
    fc.markSaved(this.tx.write('frontCategories', fc.toSnapshot()));
  }
  async remove(fc: FrontCategory): Promise<void> {
    this.tx.delete('frontCategories', fc.id);
  }
}

export class MemorySpus implements Spus {
  constructor(private readonly tx: MemoryTransactionState) {}

  async get(id: string): Promise<Spu | null> {
    const s = this.tx.read('spus', id);
    return s ? Spu.restore(s) : null;
  }
  async getMany(ids: readonly string[]): Promise<Spu[]> {
    return [...new Set(ids)].flatMap((id) => {
      const s = this.tx.read('spus', id);
      return s ? [Spu.restore(s)] : [];
    });
  }
  async save(spu: Spu): Promise<void> {
    spu.markSaved(this.tx.write('spus', spu.toSnapshot()));
  }
  async countInCategory(categoryId: string): Promise<number> {
    return this.tx.rows('spus').filter((s) => s.categoryId === categoryId).length;
  }
  async takenSkuCodes(codes: readonly string[], exceptSpuId?: string): Promise<string[]> {
    const wanted = new Set(codes);
    return this.tx
      .rows('spus')
      .filter((s) => s.id !== exceptSpuId)
      .flatMap((s) => s.skus.map((k) => k.code))
      .filter((c) => wanted.has(c));
  }
  async codeTaken(code: string): Promise<boolean> {
    return this.tx.rows('spus').some((s) => s.code === code);
  }
  async findSkus(ids: readonly string[]) {
    const wanted = new Set(ids);
    return this.tx
      .rows('spus')
      .flatMap((s) => s.skus.filter((k) => wanted.has(k.id)).map((k) => ({ skuId: k.id, spuId: s.id, kind: s.kind })));
  }
  async dueForSchedule(now: Date, limit: number): Promise<Spu[]> {
    return this.tx
      .rows('spus')
      .filter((s) => (s.listAt && s.listAt <= now) || (s.unlistAt && s.unlistAt <= now))
      .slice(0, limit)
      .map((s) => Spu.restore(s));
  }
}
