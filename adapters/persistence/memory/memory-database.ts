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

/** A strict FIFO lock: one transaction at a time, in arrival order. */
class Mutex {
  private tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((r) => (release = r));
    const ready = this.tail.then(() => release);
    this.tail = this.tail.then(() => next);
    return ready;
  }
}

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
  private readonly lock = new Mutex();

  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.lock.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }
}
