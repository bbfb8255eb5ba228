import type { DomainEvent } from '../../domain/shared/domain-event.js';
import type { IdempotencyKeys } from './idempotency.js';
import type { Jobs } from './jobs.js';
import type { StoreKey } from './store.js';

/**
 * Everything one use case may touch inside its transaction: its context's store (`use`), the durable
 * jobs and idempotency records, and the event outbox (issue #13: every context's repositories are in
 * its store).
 */
export interface Transaction {
  /**
   * A context's repositories in this transaction, by the context's store key (built once per
   * transaction). Only the owning context holds its key: other contexts go through its published services.
   */
  use<S>(key: StoreKey<S>): S;
  /** Durable jobs (timers, acknowledged notifications) scheduled with this transaction's change (decision 0017). */
  readonly jobs: Jobs;
  /** First answers to request keys (placing an order …), stored with their effect. */
  readonly idempotency: IdempotencyKeys;
  /** Stores events in the outbox within this transaction; they are published after commit. */
  recordEvents(events: readonly DomainEvent[]): void;
  /**
   * This transaction's writes depend on what it read being current when it commits (placing an order
   * writes the prices it quoted). A store that served reads from a cache verifies them before COMMIT,
   * and the unit of work runs the work again, uncached, when one went stale (decision 0030); a store
   * that always reads the database has nothing to do.
   */
  requireFreshReads(): void;
}

/**
 * Port: one use case = one transaction. `run` commits when `work` resolves and rolls everything back
 * (writes and recorded events) when it throws, rethrowing the error. Events recorded in a committed
 * transaction are handed to the EventPublisher after commit, never before.
 */
export interface UnitOfWork {
  run<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
}

/** Port: where committed events go (in-process bus, message broker …). */
export interface EventPublisher {
  publish(events: readonly DomainEvent[]): Promise<void>;
}
