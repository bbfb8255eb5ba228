import type { DomainEvent } from '../../../domain/shared/domain-event.js';
import { DomainError } from '../../../domain/shared/domain-error.js';
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
import { MemoryCouponClaims, MemoryCouponStatistics, MemoryCouponTemplates, MemoryOwnedCoupons } from './memory-coupons.js';
import { MemoryActivities, MemoryActivityBudgets, MemoryBargains, MemoryGroupBuys } from './memory-promotions.js';
import { MemoryPurchaseLimits } from './memory-purchase-limits.js';
import { MemoryFreightTemplates, MemoryShopFreightSettings, MemorySkuFreightTemplates } from './memory-freight.js';
import { MemoryGrowthLedger, MemoryMembers, MemoryMembershipSettings, MemoryOrderFacts, MemoryPointsLedger, MemoryRfmRuns } from './memory-membership.js';
import type { MemoryDatabase, MemoryTables, TableName, Versioned } from './memory-database.js';

const DELETED = Symbol('deleted');
type Staged = Map<string, Versioned | typeof DELETED>;

/**
 * The view of the database one transaction has: its own writes first, then the committed data.
 * Writes are staged and applied at commit, all at once; a rollback just drops them.
 */
export class MemoryTransactionState {
  private readonly staged = new Map<TableName, Staged>();
  readonly events: DomainEvent[] = [];

  constructor(readonly db: MemoryDatabase) {}

  read<T extends TableName>(table: T, id: string): MemoryTables[T] extends Map<string, infer S> ? S | undefined : never {
    const s = this.staged.get(table)?.get(id);
    if (s === DELETED) return undefined as never;
    return (s ?? this.db.tables[table].get(id)) as never;
  }

  /** Every row of a table as this transaction sees it. */
  rows<T extends TableName>(table: T): (MemoryTables[T] extends Map<string, infer S> ? S : never)[] {
    const merged = new Map<string, unknown>(this.db.tables[table]);
    for (const [id, s] of this.staged.get(table) ?? []) {
      if (s === DELETED) merged.delete(id);
      else merged.set(id, s);
    }
    return [...merged.values()] as never;
  }

  /** Optimistic write: the row's stored version must be the one the aggregate was loaded at. */
  write(table: TableName, row: Versioned): number {
    const current = this.read(table, row.id) as Versioned | undefined;
    if ((current?.version ?? 0) !== row.version) {
      throw DomainError.conflict('CONCURRENCY.STALE_AGGREGATE', `${table} ${row.id} was changed by someone else; reload and retry`);
    }
    const version = row.version + 1;
    this.stage(table).set(row.id, { ...row, version });
    return version;
  }

  delete(table: TableName, id: string): void {
    this.stage(table).set(id, DELETED);
  }

  commit(): void {
    for (const [table, rows] of this.staged) {
      const target = this.db.tables[table] as Map<string, Versioned>;
      for (const [id, s] of rows) {
        if (s === DELETED) target.delete(id);
        else target.set(id, s);
      }
    }
    this.db.outbox.push(...this.events);
  }

  private stage(table: TableName): Staged {
    let s = this.staged.get(table);
    if (!s) this.staged.set(table, (s = new Map()));
    return s;
  }
}

/** Unit of work over the in-memory database: serializable, all or nothing, events after commit. */
export class MemoryUnitOfWork implements UnitOfWork {
  constructor(
    private readonly db: MemoryDatabase,
    private readonly publisher: EventPublisher,
    /** A publisher failure after commit: the change stands, the events wait for the next drain. */
    private readonly onPublishError: (error: unknown) => void = (error) => console.error('event publication failed:', error),
  ) {}

  async run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    const { result, events } = await this.db.exclusive(async () => {
      const state = new MemoryTransactionState(this.db);
      const tx: Transaction = {
        categories: new MemoryCategories(state),
        brands: new MemoryBrands(state),
        frontCategories: new MemoryFrontCategories(state),
        spus: new MemorySpus(state),
        salesStocks: new MemorySalesStocks(state),
        warehouses: new MemoryWarehouses(state),
        dispatchStocks: new MemoryDispatchStocks(state),
        locationStocks: new MemoryLocationStocks(state),
        couponTemplates: new MemoryCouponTemplates(state),
        couponClaims: new MemoryCouponClaims(state),
        ownedCoupons: new MemoryOwnedCoupons(state),
        couponStatistics: new MemoryCouponStatistics(state),
        activities: new MemoryActivities(state),
        activityBudgets: new MemoryActivityBudgets(state),
        purchaseLimits: new MemoryPurchaseLimits(state),
        groupBuys: new MemoryGroupBuys(state),
        bargains: new MemoryBargains(state),
        freightTemplates: new MemoryFreightTemplates(state),
        shopFreightSettings: new MemoryShopFreightSettings(state),
        skuFreightTemplates: new MemorySkuFreightTemplates(state),
        carts: new MemoryCarts(state),
        orders: new MemoryOrders(state),
        payments: new MemoryPayments(state),
        orderQueries: new MemoryOrderQueries(state),
        jobs: new MemoryJobs(state),
        idempotency: new MemoryIdempotencyKeys(state),
        members: new MemoryMembers(state),
        growthLedger: new MemoryGrowthLedger(state),
        pointsLedger: new MemoryPointsLedger(state),
        membershipSettings: new MemoryMembershipSettings(state),
        orderFacts: new MemoryOrderFacts(state),
        rfmRuns: new MemoryRfmRuns(state),
        recordEvents: (events) => state.events.push(...events),
      };
      const result = await work(tx);
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
