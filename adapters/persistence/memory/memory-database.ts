import { FifoLock } from '../../system/fifo-lock.js';
import type { BrandSnapshot } from '../../../domain/catalog/brand.js';
import type { CategorySnapshot } from '../../../domain/catalog/category.js';
import type { FrontCategorySnapshot } from '../../../domain/catalog/front-category.js';
import type { SpuSnapshot } from '../../../domain/catalog/spu.js';
import type { DomainEvent } from '../../../domain/shared/domain-event.js';

export interface Versioned {
  readonly id: string;
  readonly version: number;
}

export interface MemoryTables {
  categories: Map<string, CategorySnapshot>;
  brands: Map<string, BrandSnapshot>;
  frontCategories: Map<string, FrontCategorySnapshot>;
  spus: Map<string, SpuSnapshot>;
}

export type TableName = keyof MemoryTables;

/**
 * The in-memory database: immutable snapshots per table, an outbox, and a lock that makes every
 * transaction serializable. Snapshots are never mutated in place, so reading one is safe.
 */
export class MemoryDatabase {
  readonly tables: MemoryTables = {
    categories: new Map(),
    brands: new Map(),
    frontCategories: new Map(),
    spus: new Map(),
  };
  /** Committed events waiting to be published. */
  readonly outbox: DomainEvent[] = [];
  private readonly lock = new FifoLock();

  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.lock.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }
}
