import { DomainError } from '../shared/domain-error.js';
import type { DomainEvent } from '../shared/domain-event.js';
import { INT32_MAX, isWholeIn } from '../shared/integers.js';
import { MAX_QUANTITY } from '../shared/quantity.js';

/**
 * The sales layer (销售层) of one SKU: what may be sold. `total` is every unit on hand and not yet
 * sold — locked and carved-out units included — plus presale units promised ahead of their arrival.
 *
 * INV-1: sellable = total − locked − activity. Shoppers see "in stock" iff sellable > 0.
 * INV-3: a lock never drives sellable below −oversellAllowance (0 unless the SKU allows overselling),
 * and never at all for a virtual SKU, which has no physical stock to run out of.
 */
export interface SalesStock {
  readonly skuId: string;
  readonly total: number;
  readonly locked: number;
  readonly sold: number;
  /**
   * Carved out (活动库存 / 渠道库存) into pools: for an activity (flash sale, group buy) or a channel,
   * sold only through that pool (`activity_lock`). The sum over the SKU's pools.
   */
  readonly activity: number;
  /** 预售: units sold or sellable ahead of their arrival, still to be received (counted in `total`). */
  readonly presale: number;
  /** 允许超卖: how far below zero locks may drive sellable. */
  readonly oversellAllowance: number;
  /** 虚拟库存: a SKU without physical stock (services, vouchers, drop-shipped goods): locks are never refused. */
  readonly virtual: boolean;
  /** 警戒值: a lock that brings sellable to this level or below raises `inventory.stock.low`. */
  readonly lowStockThreshold: number | null;
}

export function sellable(s: Pick<SalesStock, 'total' | 'locked' | 'activity'>): number {
  return s.total - s.locked - s.activity;
}

/** The counters an operation moves; the ledger stores one per movement (INV-4: they sum to the stock). */
export interface StockDelta {
  readonly total: number;
  readonly locked: number;
  readonly sold: number;
  readonly activity: number;
  readonly presale: number;
}

export const STOCK_OPERATIONS = [
  'increase',
  'lock',
  'unlock',
  'deduct',
  'return',
  'adjust',
  'carve_out',
  'release_activity',
  'activity_lock',
  'presale_open',
  'presale_arrive',
] as const;
export type StockOperationKind = (typeof STOCK_OPERATIONS)[number];

/**
 * One operation on a SKU's sales stock (INV-2). `reference` names the business fact (order id and
 * line, purchase receipt, stock-take …) and makes the operation idempotent (INV-5).
 *
 * - `unlock` and `deduct` act on the hold a `lock` (or `activity_lock`) left under `lockReference`.
 * - `carve_out` moves sellable units into a pool (an activity id, or `channel:<name>`);
 *   `activity_lock` locks an order's units out of that pool (the order's own hold is its reference);
 *   `release_activity` gives a pool's unsold units back to sellable when the activity ends.
 * - `presale_open` puts units up for sale before they arrive; `presale_arrive` records their arrival.
 */
export type StockOperation =
  | { readonly kind: 'increase' | 'lock' | 'return' | 'presale_open' | 'presale_arrive'; readonly quantity: number }
  | { readonly kind: 'adjust'; readonly quantity: number }
  | { readonly kind: 'unlock' | 'deduct'; readonly quantity: number; readonly lockReference: string }
  | { readonly kind: 'carve_out' | 'release_activity' | 'activity_lock'; readonly quantity: number; readonly pool: string };

const ZERO: StockDelta = { total: 0, locked: 0, sold: 0, activity: 0, presale: 0 };

/** What an operation draws on besides the counters: a lock's hold, or a pool. */
export function drawsOn(op: StockOperation): { readonly hold: string } | { readonly pool: string } | null {
  if (op.kind === 'unlock' || op.kind === 'deduct') return { hold: op.lockReference };
  if (op.kind === 'release_activity' || op.kind === 'activity_lock') return { pool: op.pool };
  return null;
}

/**
 * The rule of every operation: the counters it moves, or the rejection. `drawable` is what the
 * operation draws on (see `drawsOn`): what is still locked under its lock reference (unlock, deduct)
 * or what is left in its pool (release_activity, activity_lock). Adapters apply the same rule
 * atomically (the PostgreSQL adapter as guarded UPDATEs); this function is the reference they are
 * tested against.
 */
export function decide(stock: SalesStock, op: StockOperation, drawable = 0): StockDelta {
  checkQuantity(op);
  if (!allows(stock, op, drawable)) throw rejection(stock, op, drawable);
  return deltaOf(op);
}

/** The guard of each operation (INV-3 for locks; nothing goes below what is held, sold, carved out or promised; no counter past an int). */
export function allows(stock: SalesStock, op: StockOperation, drawable = 0): boolean {
  const n = op.quantity;
  if (overflows(stock, op)) return false;
  switch (op.kind) {
    case 'increase':
    case 'presale_open':
      return true;
    case 'lock':
      return stock.virtual || sellable(stock) - n >= -stock.oversellAllowance;
    case 'unlock':
    case 'deduct':
    case 'release_activity':
    case 'activity_lock':
      return n <= drawable;
    case 'return':
      return n <= stock.sold;
    case 'adjust':
      // 盘盈盘亏: a count may not fall below what orders and activities hold.
      return stock.total + n >= stock.locked + stock.activity;
    case 'carve_out':
      return n <= sellable(stock);
    case 'presale_arrive':
      return n <= stock.presale;
  }
}

/** Whether the operation would carry a counter past what is stored (an int, decision 0020). */
export function overflows(stock: SalesStock, op: StockOperation): boolean {
  const d = deltaOf(op);
  return STOCK_FIELDS.some((f) => stock[f] + d[f] > INT32_MAX);
}

/** Why an operation is refused, with the figures it was judged on. */
export function rejection(stock: SalesStock, op: StockOperation, drawable = 0): DomainError {
  const details = { skuId: stock.skuId, quantity: op.quantity };
  const available = Math.max(0, sellable(stock));
  if (overflows(stock, op))
    return DomainError.conflict('INVENTORY.COUNTER_OVERFLOW', `the stock of SKU ${stock.skuId} would pass ${INT32_MAX} units`, { ...details, max: INT32_MAX });
  switch (op.kind) {
    case 'lock':
      return DomainError.conflict('INVENTORY.OUT_OF_STOCK', `only ${available} of SKU ${stock.skuId} can be sold`, { ...details, sellable: sellable(stock) });
    case 'unlock':
      return DomainError.conflict('INVENTORY.UNLOCK_EXCEEDS_LOCK', `only ${drawable} are locked under ${op.lockReference}`, { ...details, locked: drawable });
    case 'deduct':
      return DomainError.conflict('INVENTORY.NOT_LOCKED', `only ${drawable} are locked under ${op.lockReference}`, { ...details, locked: drawable });
    case 'return':
      return DomainError.conflict('INVENTORY.RETURN_EXCEEDS_SOLD', `only ${stock.sold} were sold`, { ...details, sold: stock.sold });
    case 'adjust':
      return DomainError.conflict('INVENTORY.ADJUST_BELOW_HELD', 'the count would fall below the locked and carved-out units', details);
    case 'carve_out':
      return DomainError.conflict('INVENTORY.CARVE_OUT_EXCEEDS_SELLABLE', `only ${available} are sellable`, details);
    case 'release_activity':
      return DomainError.conflict('INVENTORY.RELEASE_EXCEEDS_ACTIVITY', `only ${drawable} are left in pool ${op.pool}`, {
        ...details,
        pool: op.pool,
        left: drawable,
      });
    case 'activity_lock':
      return DomainError.conflict('INVENTORY.OUT_OF_STOCK', `only ${drawable} are left in pool ${op.pool}`, { ...details, pool: op.pool, sellable: drawable });
    case 'presale_arrive':
      return DomainError.conflict('INVENTORY.PRESALE_EXCEEDED', `only ${stock.presale} presale units are awaited`, { ...details, presale: stock.presale });
    case 'increase':
    case 'presale_open':
      throw new Error(`${op.kind} is never refused`);
  }
}

/** Quantities are whole and positive, at most MAX_QUANTITY; a stock-take adjustment is whole and non-zero (either sign); pools are named. */
export function checkQuantity(op: StockOperation): void {
  const n = op.quantity;
  if (!isWholeIn(n, -MAX_QUANTITY, MAX_QUANTITY) || (op.kind === 'adjust' ? n === 0 : n < 1)) {
    throw DomainError.invalid(
      'QUANTITY.INVALID',
      `${op.kind} takes a whole ${op.kind === 'adjust' ? 'non-zero' : 'positive'} quantity of at most ${MAX_QUANTITY}: ${n}`,
    );
  }
  if ('pool' in op && (typeof op.pool !== 'string' || op.pool.length === 0 || op.pool.length > 120)) {
    throw DomainError.invalid('INVENTORY.INVALID_POOL', `${op.kind} names its pool (an activity id or channel:<name>)`);
  }
}

/** The counters an accepted operation moves: a function of the operation alone (the guard is `decide`). */
export function deltaOf(op: StockOperation): StockDelta {
  const n = op.quantity;
  switch (op.kind) {
    case 'increase':
    case 'adjust':
      return { ...ZERO, total: n };
    case 'lock':
      return { ...ZERO, locked: n };
    case 'unlock':
      return { ...ZERO, locked: -n };
    case 'deduct':
      return { ...ZERO, total: -n, locked: -n, sold: n };
    case 'return':
      return { ...ZERO, total: n, sold: -n };
    case 'carve_out':
      return { ...ZERO, activity: n };
    case 'release_activity':
      return { ...ZERO, activity: -n };
    case 'activity_lock':
      return { ...ZERO, activity: -n, locked: n };
    case 'presale_open':
      return { ...ZERO, total: n, presale: n };
    case 'presale_arrive':
      return { ...ZERO, presale: -n };
  }
}

/** How a hold or pool changes: a lock (plain or from a pool) holds its units under its own reference. */
export function holdDelta(op: StockOperation): number {
  return op.kind === 'lock' || op.kind === 'activity_lock' ? op.quantity : op.kind === 'unlock' || op.kind === 'deduct' ? -op.quantity : 0;
}

/** How the operation's pool changes (carve_out fills it; activity_lock and release_activity draw on it). */
export function poolDelta(op: StockOperation): number {
  return op.kind === 'carve_out' ? op.quantity : op.kind === 'release_activity' || op.kind === 'activity_lock' ? -op.quantity : 0;
}

/** The lock reference whose hold the operation changes, if any. */
export function holdReference(op: StockOperation, reference: string): string | null {
  if (op.kind === 'unlock' || op.kind === 'deduct') return op.lockReference;
  return op.kind === 'lock' || op.kind === 'activity_lock' ? reference : null;
}

export function applyDelta(stock: SalesStock, d: StockDelta): SalesStock {
  return {
    ...stock,
    total: stock.total + d.total,
    locked: stock.locked + d.locked,
    sold: stock.sold + d.sold,
    activity: stock.activity + d.activity,
    presale: stock.presale + d.presale,
  };
}

export const STOCK_FIELDS = ['total', 'locked', 'sold', 'activity', 'presale'] as const;

/** Whether the operation that led from `before` to `after` crossed the low-stock threshold (警戒值). */
export function crossedLowStock(before: SalesStock, after: SalesStock): boolean {
  const t = after.lowStockThreshold;
  return t !== null && sellable(before) > t && sellable(after) <= t;
}

/** `inventory.stock.low` when the change from `before` to `after` crossed the threshold; else nothing. */
export function lowStockEvents(before: SalesStock, after: SalesStock, at: Date): DomainEvent[] {
  if (!crossedLowStock(before, after)) return [];
  return [
    { type: 'inventory.stock.low', aggregateId: after.skuId, occurredAt: at, payload: { sellable: sellable(after), threshold: after.lowStockThreshold } },
  ];
}
