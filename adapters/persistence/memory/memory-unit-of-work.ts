import type { EventPublisher, Transaction, UnitOfWork } from '../../../application/shared/unit-of-work.js';
import { MemoryJobs } from './memory-jobs.js';
import { MemoryIdempotencyKeys } from './memory-idempotency.js';
import type { MemoryDatabase } from './memory-database.js';
import { MemoryTransactionState } from './memory-transaction.js';
import { subscriptionJobs, type EventRouting } from '../../../application/shared/subscriptions.js';

const NO_SUBSCRIPTIONS = new Map<string, readonly string[]>();
import type { MemoryStores } from './memory-stores.js';

export { MemoryTransactionState } from './memory-transaction.js';

/** Unit of work over the in-memory database: serializable, all or nothing, events after commit. */
export class MemoryUnitOfWork implements UnitOfWork {
  constructor(
    private readonly db: MemoryDatabase,
    private readonly publisher: EventPublisher,
    /** The contexts' stores (`tx.use(key)`), built once per transaction. */
    private readonly stores: MemoryStores,
    /** Event ids and subscriptions (issue #13). */
    private readonly routing?: EventRouting,
    /** A publisher failure after commit: the change stands, the events wait for the next drain. */
    private readonly onPublishError: (error: unknown) => void = (error) => console.error('event publication failed:', error),
  ) {}

  async run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    const { result, events } = await this.db.exclusive(async () => {
      const state = new MemoryTransactionState(this.db, this.routing?.ids);
      const jobs = new MemoryJobs(state);
      const tx: Transaction = {
        jobs,
        idempotency: new MemoryIdempotencyKeys(state),
        use: this.stores.scoped(state),
        recordEvents: (events) => state.record(events),
        requireFreshReads: () => {}, // every read is of the current state
      };
      const result = await work(tx);
      for (const job of subscriptionJobs(state.events, this.routing?.table ?? NO_SUBSCRIPTIONS)) await jobs.schedule(job);
      state.commit();
      return { result, events: state.events };
    });
    if (events.length > 0) await publishOutbox(this.db, this.publisher).catch(this.onPublishError);
    return result;
  }
}

/**
 * Publishes the committed events not yet published, in commit order (memory keeps no history). When
 * the publisher fails, the events go back to the head of the outbox for the next try.
 */
export async function publishOutbox(db: MemoryDatabase, publisher: EventPublisher): Promise<number> {
  const pending = db.outbox.splice(0, db.outbox.length);
  try {
    await publisher.publish(pending);
  } catch (error) {
    db.outbox.unshift(...pending);
    throw error;
  }
  return pending.length;
}
