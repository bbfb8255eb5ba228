import { DomainError } from '../shared/domain-error.js';
import type { DomainEvent } from '../shared/domain-event.js';

/**
 * The sales layer (销售层) of one SKU: what may be sold. `total` is every unit on hand and not yet
 * sold — locked and carved-out units included.
 *
 * INV-1: sellable = total − locked − activity. Shoppers see "in stock" iff sellable > 0.
 * INV-3: a lock never drives sellable below −oversellAllowance (0 unless the SKU allows overselling).
 */
export interface SalesStock {
  readonly skuId: string;
  readonly total: number;
  readonly locked: number;
  readonly sold: number;
  /** Carved out for activities (flash sale, group buy): sold only through them. */
  readonly activity: number;
  /** 允许超卖: how far below zero locks may drive sellable. */
  readonly oversellAllowance: number;
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
}

export const STOCK_OPERATIONS = ['increase', 'lock', 'unlock', 'deduct', 'return', 'adjust', 'carve_out', 'release_activity'] as const;
export type StockOperationKind = (typeof STOCK_OPERATIONS)[number];

/**
 * One operation on a SKU's sales stock (INV-2). `reference` names the business fact (order id and
 * line, purchase receipt, stock-take …) and makes the operation idempotent (INV-5). `unlock` and
 * `deduct` act on the hold a `lock` left under `lockReference`.
 */
export type StockOperation =
  | { readonly kind: 'increase' | 'lock' | 'return' | 'carve_out' | 'release_activity'; readonly quantity: number }
  | { readonly kind: 'adjust'; readonly quantity: number }
  | { readonly kind: 'unlock' | 'deduct'; readonly quantity: number; readonly lockReference: string };

const ZERO: StockDelta = { total: 0, locked: 0, sold: 0, activity: 0 };

/**
 * The rule of every operation: the counters it moves, or the rejection. `hold` is what is still locked
 * under the operation's lock reference (unlock, deduct). Adapters apply the same rule atomically (the
 * PostgreSQL adapter as guarded UPDATEs); this function is the reference they are tested against.
 */
export function decide(stock: SalesStock, op: StockOperation, hold = 0): StockDelta {
  checkQuantity(op);
  if (!allows(stock, op, hold)) throw rejection(stock, op, hold);
  return deltaOf(op);
}

/** The guard of each operation (INV-3 for locks; nothing goes below what is held, sold or carved out). */
export function allows(stock: SalesStock, op: StockOperation, hold = 0): boolean {
  const n = op.quantity;
  switch (op.kind) {
    case 'increase':
      return true;
    case 'lock':
      return sellable(stock) - n >= -stock.oversellAllowance;
    case 'unlock':
    case 'deduct':
      return n <= hold;
    case 'return':
      return n <= stock.sold;
    case 'adjust':
      // 盘盈盘亏: a count may not fall below what orders and activities hold.
      return stock.total + n >= stock.locked + stock.activity;
    case 'carve_out':
      return n <= sellable(stock);
    case 'release_activity':
      return n <= stock.activity;
  }
}

/** Why an operation is refused, with the figures it was judged on. */
export function rejection(stock: SalesStock, op: StockOperation, hold = 0): DomainError {
  const details = { skuId: stock.skuId, quantity: op.quantity };
  const available = Math.max(0, sellable(stock));
  switch (op.kind) {
    case 'lock':
      return DomainError.conflict('INVENTORY.OUT_OF_STOCK', `only ${available} of SKU ${stock.skuId} can be sold`, { ...details, sellable: sellable(stock) });
    case 'unlock':
      return DomainError.conflict('INVENTORY.UNLOCK_EXCEEDS_LOCK', `only ${hold} are locked under ${op.lockReference}`, { ...details, locked: hold });
    case 'deduct':
      return DomainError.conflict('INVENTORY.NOT_LOCKED', `only ${hold} are locked under ${op.lockReference}`, { ...details, locked: hold });
    case 'return':
      return DomainError.conflict('INVENTORY.RETURN_EXCEEDS_SOLD', `only ${stock.sold} were sold`, { ...details, sold: stock.sold });
    case 'adjust':
      return DomainError.conflict('INVENTORY.ADJUST_BELOW_HELD', 'the count would fall below the locked and carved-out units', details);
    case 'carve_out':
      return DomainError.conflict('INVENTORY.CARVE_OUT_EXCEEDS_SELLABLE', `only ${available} are sellable`, details);
    case 'release_activity':
      return DomainError.conflict('INVENTORY.RELEASE_EXCEEDS_ACTIVITY', `only ${stock.activity} are carved out`, details);
    case 'increase':
      throw new Error('an increase is never refused');
  }
}

/** Quantities are whole and positive; a stock-take adjustment is whole and non-zero (either sign). */
export function checkQuantity(op: StockOperation): void {
  const n = op.quantity;
  if (!Number.isSafeInteger(n) || (op.kind === 'adjust' ? n === 0 : n < 1)) {
    throw DomainError.invalid('QUANTITY.INVALID', `${op.kind} takes a whole ${op.kind === 'adjust' ? 'non-zero' : 'positive'} quantity: ${n}`);
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
      return { total: -n, locked: -n, sold: n, activity: 0 };
    case 'return':
      return { total: n, locked: 0, sold: -n, activity: 0 };
    case 'carve_out':
      return { ...ZERO, activity: n };
    case 'release_activity':
      return { ...ZERO, activity: -n };
  }
}

export function applyDelta(stock: SalesStock, d: StockDelta): SalesStock {
  return { ...stock, total: stock.total + d.total, locked: stock.locked + d.locked, sold: stock.sold + d.sold, activity: stock.activity + d.activity };
}

/** Whether the operation that led from `before` to `after` crossed the low-stock threshold (警戒值). */
export function crossedLowStock(before: SalesStock, after: SalesStock): boolean {
  const t = after.lowStockThreshold;
  return t !== null && sellable(before) > t && sellable(after) <= t;
}

/** `inventory.stock.low` when the change from `before` to `after` crossed the threshold; else nothing. */
export function lowStockEvents(before: SalesStock, after: SalesStock, at: Date): DomainEvent[] {
  if (!crossedLowStock(before, after)) return [];
  return [{ type: 'inventory.stock.low', aggregateId: after.skuId, occurredAt: at, payload: { sellable: sellable(after), threshold: after.lowStockThreshold } }];
}
