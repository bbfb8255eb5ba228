import { FifoLock } from '../../system/fifo-lock.js';
import type { DomainEvent } from '../../../domain/shared/domain-event.js';

export interface Versioned {
  readonly id: string;
  readonly version: number;
}

/**
 * A durable job (decision 0017), keyed by its job key, which is also its id here. `payload` is stored
 * as JSON would keep it (a Date comes back as its ISO string), as PostgreSQL's jsonb does.
 */
export interface MemoryJob {
  readonly id: string;
  readonly kind: string;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly runAt: Date;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly lockedUntil: Date | null;
  readonly doneAt: Date | null;
  readonly version: number;
}

export interface MemoryTables {
  /** First answers to request keys, keyed by scope and key. */
  idempotency: Map<string, { id: string; fingerprint: string; response: unknown; at: Date; version: number }>;
  /** Durable jobs, keyed by job key; scheduled through transactions, claimed and settled by the job queue. */
  jobs: Map<string, MemoryJob>;
}

export type TableName = keyof MemoryTables;

/**
 * The in-memory database: immutable snapshots per table, an outbox, and a lock that makes every
 * transaction serializable. Snapshots are never mutated in place, so reading one is safe.
 */
export class MemoryDatabase {
  readonly tables: MemoryTables = {
    idempotency: new Map(),
    jobs: new Map(),
  };
  /** Tables of the contexts' own memory stores (issue #13), made on first use, keyed by table name. */
  private readonly own = new Map<string, Map<string, Versioned>>();
  /** Committed events waiting to be published. */
  readonly outbox: DomainEvent[] = [];

  /** A table by name: a built-in one, or a context's own (made empty on first use). */
  table(name: string): Map<string, Versioned> {
    const builtIn = (this.tables as unknown as Record<string, Map<string, Versioned> | undefined>)[name];
    if (builtIn) return builtIn;
    let t = this.own.get(name);
    if (!t) {
      t = new Map();
      this.own.set(name, t);
    }
    return t;
  }
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
