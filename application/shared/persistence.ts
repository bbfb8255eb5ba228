import type { OrderStockLocks } from '../inventory/index.js';
import type { JobQueue } from './jobs.js';
import type { ReadModelKey } from './read-model.js';
import type { StoreKey } from './store.js';
import type { EventRouting } from './subscriptions.js';
import type { EventPublisher, UnitOfWork } from './unit-of-work.js';

/**
 * What a persistence adapter hands the composition root: transactions, read models, outbox relay.
 * The in-memory adapter and the MikroORM/PostgreSQL adapter both implement it.
 */
export interface Persistence {
  readonly kind: 'memory' | 'postgresql';
  /**
   * Units of work whose committed events go to `publisher`; with `routing`, recorded events get their ids
   * and are routed to their subscriptions in the same transaction (issue #13).
   */
  unitOfWork(publisher: EventPublisher, routing?: EventRouting): UnitOfWork;
  /** Order stock locks with their own transactions, when the adapter has a better way than one unit of work per order. */
  orderStockLocks?(publisher: EventPublisher, routing?: EventRouting): OrderStockLocks;
  /**
   * A context's read model (`persistence.readModel(CATALOG_QUERIES)`): built once per persistence, on
   * first use, by the factory the context registered; the same instance ever after.
   */
  readModel<Q>(key: ReadModelKey<Q>): Q;
  /** The runner's side of the durable jobs that transactions schedule (`tx.jobs`, decision 0017). */
  readonly jobQueue: JobQueue;
  /**
   * Whether transactions of this persistence can build the store of `key` (`tx.use(key)`), or, for a
   * read model's key, whether `readModel(key)` can build it.
   */
  provides(key: StoreKey<unknown> | ReadModelKey<unknown>): boolean;
  /** Publishes committed events that were not yet published (e.g. after a crash); returns how many. */
  drainOutbox(publisher: EventPublisher): Promise<number>;
  /**
   * Readiness: resolves when the database answers a trivial query within `timeoutMs`, rejects with an
   * UnavailableError otherwise (decision 0024). Absent: always ready (memory).
   */
  checkReady?(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}
