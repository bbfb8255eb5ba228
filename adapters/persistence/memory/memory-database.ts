import { FifoLock } from '../../system/fifo-lock.js';
import type { BrandSnapshot } from '../../../domain/catalog/brand.js';
import type { CategorySnapshot } from '../../../domain/catalog/category.js';
import type { FrontCategorySnapshot } from '../../../domain/catalog/front-category.js';
import type { SpuSnapshot } from '../../../domain/catalog/spu.js';
import type { WarehouseSnapshot } from '../../../domain/dispatch/warehouse.js';
import type { CartSnapshot } from '../../../domain/cart/cart.js';
import type { OrderSnapshot } from '../../../domain/ordering/order.js';
import type { PaymentSnapshot } from '../../../domain/payment/payment.js';
import type { DomainEvent } from '../../../domain/shared/domain-event.js';
import type { ActivitySnapshot } from '../../../domain/promotion/activity.js';
import type { BargainSnapshot } from '../../../domain/promotion/bargain.js';
import type { GroupBuySnapshot } from '../../../domain/promotion/group-buy.js';
import type { Money } from '../../../domain/shared/money.js';
import type { StockMovement } from '../../../domain/inventory/movement.js';
import type { SalesStock } from '../../../domain/inventory/sales-stock.js';
import type { LedgerEntry } from '../../../domain/membership/ledger.js';
import type { AuditRecord, LevelChange, MemberProfile, ShopMembership } from '../../../domain/membership/member.js';
import type { OrderFact, RfmRun, RfmScore } from '../../../domain/membership/rfm.js';
import type { DispatchMovement, DispatchStock } from '../../../domain/inventory/dispatch-stock.js';
import type { LocationMovement, LocationStock } from '../../../domain/inventory/location-stock.js';

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
  categories: Map<string, CategorySnapshot>;
  brands: Map<string, BrandSnapshot>;
  frontCategories: Map<string, FrontCategorySnapshot>;
  spus: Map<string, SpuSnapshot>;
  salesStocks: Map<string, SalesStock & Versioned>;
  /** Keyed by (sku, kind, reference): the idempotency key of INV-5. */
  stockMovements: Map<string, { id: string; version: number; movement: StockMovement }>;
  /** What is still locked under each (sku, lock reference). */
  stockHolds: Map<string, { id: string; skuId: string; lockReference: string; quantity: number; version: number }>;
  /** What is left in each carve-out pool (activity or channel) of a SKU. */
  stockPools: Map<string, { id: string; skuId: string; pool: string; quantity: number; version: number }>;
  warehouses: Map<string, WarehouseSnapshot>;
  /** The dispatch layer, keyed by (sku, warehouse). */
  dispatchStocks: Map<string, DispatchStock & Versioned>;
  /** Keyed by (sku, warehouse, kind, reference): the idempotency key of INV-5. */
  dispatchMovements: Map<string, { id: string; version: number; movement: DispatchMovement }>;
  /** The warehouse layer, keyed by (sku, warehouse, location). */
  locationStocks: Map<string, LocationStock & Versioned>;
  /** Keyed by (sku, warehouse, location, kind, reference). */
  locationMovements: Map<string, { id: string; version: number; movement: LocationMovement }>;
  /** Promotion activities (PRM-2) with their versions. */
  activities: Map<string, ActivitySnapshot>;
  /** What each activity has spent of its budget (moved only by charges and releases). */
  activityBudgets: Map<string, { id: string; spent: Money; version: number }>;
  /** Keyed by (activity, reference): a charge, replays are no-ops. */
  activityBudgetCharges: Map<string, { id: string; activityId: string; reference: string; amount: Money; released: boolean; at: Date; version: number }>;
  groupBuys: Map<string, GroupBuySnapshot>;
  bargains: Map<string, BargainSnapshot>;
  /** Shoppers' carts, keyed by `cartIdOf(owner)`. */
  carts: Map<string, CartSnapshot>;
  /** Orders (ORD-1 … ORD-5), parents and children alike. */
  orders: Map<string, OrderSnapshot>;
  /** Payments (交易记录), one order's or a combined one. */
  payments: Map<string, PaymentSnapshot>;
  /** First answers to request keys, keyed by scope and key. */
  idempotency: Map<string, { id: string; fingerprint: string; response: unknown; at: Date; version: number }>;
  /** 限购: keyed by (activity, member, period), what the member took (moved only by consumptions and releases). */
  purchaseLimitUsage: Map<string, { id: string; activityId: string; memberId: string; period: string; used: number; limit: number | null; version: number }>;
  /** Keyed by (activity, reference): a consumption, replays are no-ops. */
  purchaseLimitConsumptions: Map<string, { id: string; activityId: string; reference: string; memberId: string; period: string; quantity: number; released: boolean; at: Date; version: number }>;
  /** Membership (#7): profiles, the growth and points balances and ledgers (keyed by member, source, reference), history, rules, order facts, RFM. */
  members: Map<string, MemberProfile>;
  growthAccounts: Map<string, { id: string; balance: number; version: number }>;
  pointsAccounts: Map<string, { id: string; balance: number; version: number }>;
  growthEntries: Map<string, { id: string; version: number; entry: LedgerEntry }>;
  pointsEntries: Map<string, { id: string; version: number; entry: LedgerEntry }>;
  memberLevelChanges: Map<string, LevelChange & { version: number }>;
  memberAudits: Map<string, AuditRecord & { version: number }>;
  shopMemberships: Map<string, ShopMembership & Versioned>;
  membershipSettings: Map<string, { id: string; value: unknown; version: number }>;
  orderFacts: Map<string, OrderFact & Versioned>;
  orderRefunds: Map<string, { id: string; orderId: string; amount: string; version: number }>;
  rfmRuns: Map<string, RfmRun & { version: number }>;
  rfmScores: Map<string, RfmScore & { id: string; runId: string; version: number }>;
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
    categories: new Map(),
    brands: new Map(),
    frontCategories: new Map(),
    spus: new Map(),
    salesStocks: new Map(),
    stockMovements: new Map(),
    stockHolds: new Map(),
    stockPools: new Map(),
    warehouses: new Map(),
    dispatchStocks: new Map(),
    dispatchMovements: new Map(),
    locationStocks: new Map(),
    locationMovements: new Map(),
    activities: new Map(),
    activityBudgets: new Map(),
    activityBudgetCharges: new Map(),
    groupBuys: new Map(),
    bargains: new Map(),
    carts: new Map(),
    orders: new Map(),
    payments: new Map(),
    idempotency: new Map(),
    purchaseLimitUsage: new Map(),
    purchaseLimitConsumptions: new Map(),
    members: new Map(),
    growthAccounts: new Map(),
    pointsAccounts: new Map(),
    growthEntries: new Map(),
    pointsEntries: new Map(),
    memberLevelChanges: new Map(),
    memberAudits: new Map(),
    shopMemberships: new Map(),
    membershipSettings: new Map(),
    orderFacts: new Map(),
    orderRefunds: new Map(),
    rfmRuns: new Map(),
    rfmScores: new Map(),
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
    if (!t) this.own.set(name, (t = new Map()));
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
