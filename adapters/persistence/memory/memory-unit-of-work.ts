import type { EventPublisher, Transaction, UnitOfWork } from '../../../application/shared/unit-of-work.js';
import { MemoryBrands, MemoryCategories, MemoryFrontCategories, MemorySpus } from './memory-catalog-repositories.js';
import { MemorySalesStocks } from './memory-sales-stocks.js';
import { MemoryDispatchStocks, MemoryLocationStocks } from './memory-layer-stocks.js';
import { MemoryWarehouses } from './memory-warehouses.js';
import { MemoryCarts } from './memory-carts.js';
import { MemoryOrders, MemoryPayments } from './memory-orders.js';
import { MemoryOrderQueries } from './memory-order-queries.js';
import { MemoryJobs } from './memory-jobs.js';
import { MemoryIdempotencyKeys } from './memory-idempotency.js';
import { MemoryActivities, MemoryActivityBudgets, MemoryBargains, MemoryGroupBuys } from './memory-promotions.js';
import { MemoryPurchaseLimits } from './memory-purchase-limits.js';
import { MemoryGrowthLedger, MemoryMembers, MemoryMembershipSettings, MemoryOrderFacts, MemoryPointsLedger, MemoryRfmRuns } from './memory-membership.js';
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
        categories: new MemoryCategories(state),
        brands: new MemoryBrands(state),
        frontCategories: new MemoryFrontCategories(state),
        spus: new MemorySpus(state),
        salesStocks: new MemorySalesStocks(state),
        warehouses: new MemoryWarehouses(state),
        dispatchStocks: new MemoryDispatchStocks(state),
        locationStocks: new MemoryLocationStocks(state),
        activities: new MemoryActivities(state),
        activityBudgets: new MemoryActivityBudgets(state),
        purchaseLimits: new MemoryPurchaseLimits(state),
        groupBuys: new MemoryGroupBuys(state),
        bargains: new MemoryBargains(state),
        carts: new MemoryCarts(state),
        orders: new MemoryOrders(state),
        payments: new MemoryPayments(state),
        orderQueries: new MemoryOrderQueries(state),
        jobs,
        idempotency: new MemoryIdempotencyKeys(state),
        members: new MemoryMembers(state),
        growthLedger: new MemoryGrowthLedger(state),
        pointsLedger: new MemoryPointsLedger(state),
        membershipSettings: new MemoryMembershipSettings(state),
        orderFacts: new MemoryOrderFacts(state),
        rfmRuns: new MemoryRfmRuns(state),
        use: this.stores.scoped(state),
        recordEvents: (events) => state.record(events),
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
