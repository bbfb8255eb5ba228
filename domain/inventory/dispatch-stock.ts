import { DomainError } from '../shared/domain-error.js';
import { checkLayerQuantity } from './layer-stock.js';

/**
 * The dispatch layer (调度层) of one SKU in one warehouse.
 *
 * - `book` (账面): every unit in the warehouse not yet shipped;
 * - `available` (可用): what may be assigned to dispatch orders (what DSP-1 reads);
 * - `inTransit` (在途): purchased or transferred in, not yet received (not part of `book`);
 * - `unsellable` (不可销售): damaged;
 * - `used` (已用): assigned to dispatch orders, not yet shipped.
 *
 * Invariant of every row: every counter ≥ 0 and book = available + unsellable + used.
 */
export interface DispatchStock {
  readonly skuId: string;
  readonly warehouseId: string;
  readonly book: number;
  readonly available: number;
  readonly inTransit: number;
  readonly unsellable: number;
  readonly used: number;
}

export const DISPATCH_COUNTERS = ['book', 'available', 'inTransit', 'unsellable', 'used'] as const;
export type DispatchCounter = (typeof DISPATCH_COUNTERS)[number];

/** The counters an operation moves; the ledger stores one per movement (INV-4: they sum to the row). */
export type DispatchDelta = Readonly<Record<DispatchCounter, number>>;

export const DISPATCH_OPERATIONS = [
  'in_transit', // 采购在途: a purchase is on its way
  'receive', // 采购入库: received, out of in-transit or directly
  'assign', // 分配: assigned to a dispatch order
  'release', // 释放: an assignment given back
  'ship', // 发货: an assigned unit leaves the warehouse
  'damage', // 残损: available → unsellable
  'write_off', // 报废: a damaged unit leaves the books
  'adjust', // 盘盈盘亏: stock-take gain (+n) or loss (−n)
  'transfer_out', // 调拨出库: leaves this warehouse for another
  'transfer_in', // 调拨在途: on its way here from another warehouse
  'transfer_receive', // 调拨入库: a transfer arrives
] as const;
export type DispatchOperationKind = (typeof DISPATCH_OPERATIONS)[number];

/** One operation on a dispatch-layer row; `adjust` is signed, every other quantity ≥ 1. */
export type DispatchOperation =
  | { readonly kind: Exclude<DispatchOperationKind, 'receive'>; readonly quantity: number }
  | { readonly kind: 'receive'; readonly quantity: number; readonly fromInTransit: boolean };

export const NO_DISPATCH_STOCK = (skuId: string, warehouseId: string): DispatchStock => ({
  skuId,
  warehouseId,
  book: 0,
  available: 0,
  inTransit: 0,
  unsellable: 0,
  used: 0,
});

const ZERO: DispatchDelta = { book: 0, available: 0, inTransit: 0, unsellable: 0, used: 0 };

/**
 * The counters an accepted operation moves: a function of the operation alone. Each keeps the book
 * identity (Δbook = Δavailable + Δunsellable + Δused).
 */
export function dispatchDelta(op: DispatchOperation): DispatchDelta {
  const n = op.quantity;
  switch (op.kind) {
    case 'in_transit':
    case 'transfer_in':
      return { ...ZERO, inTransit: n };
    case 'receive':
      return { ...ZERO, inTransit: op.fromInTransit ? -n : 0, available: n, book: n };
    case 'transfer_receive':
      return { ...ZERO, inTransit: -n, available: n, book: n };
    case 'assign':
      return { ...ZERO, available: -n, used: n };
    case 'release':
      return { ...ZERO, available: n, used: -n };
    case 'ship':
      return { ...ZERO, used: -n, book: -n };
    case 'damage':
      return { ...ZERO, available: -n, unsellable: n };
    case 'write_off':
      return { ...ZERO, unsellable: -n, book: -n };
    case 'adjust':
      return { ...ZERO, available: n, book: n };
    case 'transfer_out':
      return { ...ZERO, available: -n, book: -n };
  }
}

/** The guard of every operation: no counter may fall below zero. A row that does not exist counts as zeros. */
export function dispatchAllows(stock: DispatchStock, op: DispatchOperation): boolean {
  const d = dispatchDelta(op);
  return DISPATCH_COUNTERS.every((f) => stock[f] + d[f] >= 0);
}

/** Why an operation is refused, with the figures it was judged on. */
export function dispatchRejection(stock: DispatchStock, op: DispatchOperation): DomainError {
  const details = { layer: 'dispatch', skuId: stock.skuId, warehouseId: stock.warehouseId, kind: op.kind, quantity: op.quantity };
  const where = `SKU ${stock.skuId} in warehouse ${stock.warehouseId}`;
  switch (op.kind) {
    case 'assign':
    case 'damage':
    case 'transfer_out':
      return DomainError.conflict('INVENTORY.INSUFFICIENT_AVAILABLE', `only ${stock.available} of ${where} are available`, {
        ...details,
        available: stock.available,
      });
    case 'receive':
    case 'transfer_receive':
      return DomainError.conflict('INVENTORY.RECEIPT_EXCEEDS_IN_TRANSIT', `only ${stock.inTransit} of ${where} are in transit`, {
        ...details,
        inTransit: stock.inTransit,
      });
    case 'release':
      return DomainError.conflict('INVENTORY.RELEASE_EXCEEDS_USED', `only ${stock.used} of ${where} are assigned`, { ...details, used: stock.used });
    case 'ship':
      return DomainError.conflict('INVENTORY.SHIP_EXCEEDS_USED', `only ${stock.used} of ${where} are assigned`, { ...details, used: stock.used });
    case 'write_off':
      return DomainError.conflict('INVENTORY.WRITE_OFF_EXCEEDS_DAMAGED', `only ${stock.unsellable} of ${where} are damaged`, {
        ...details,
        unsellable: stock.unsellable,
      });
    case 'adjust':
      return DomainError.conflict('INVENTORY.ADJUST_BELOW_ZERO', `the count would take ${where} below zero available (${stock.available})`, {
        ...details,
        available: stock.available,
      });
    case 'in_transit':
    case 'transfer_in':
      throw new Error(`${op.kind} is never refused`);
  }
}

export function checkDispatchQuantity(op: DispatchOperation): void {
  checkLayerQuantity(op.kind, op.quantity, op.kind === 'adjust');
}

/** The rule of every operation: the counters it moves, or the rejection. Adapters apply the same rule atomically. */
export function decideDispatch(stock: DispatchStock, op: DispatchOperation): DispatchDelta {
  checkDispatchQuantity(op);
  if (!dispatchAllows(stock, op)) throw dispatchRejection(stock, op);
  return dispatchDelta(op);
}

export function applyDispatchDelta(stock: DispatchStock, d: DispatchDelta): DispatchStock {
  return {
    ...stock,
    book: stock.book + d.book,
    available: stock.available + d.available,
    inTransit: stock.inTransit + d.inTransit,
    unsellable: stock.unsellable + d.unsellable,
    used: stock.used + d.used,
  };
}

/** A line of a warehouse's dispatch-layer ledger (INV-4); (sku, warehouse, kind, reference) is unique (INV-5). */
export interface DispatchMovement {
  readonly id: string;
  readonly skuId: string;
  readonly warehouseId: string;
  /** An operation, or a `correction` written by a consistency repair (its delta is the difference it explains). */
  readonly kind: DispatchOperationKind | 'correction';
  readonly reference: string;
  readonly quantity: number;
  readonly delta: DispatchDelta;
  readonly at: Date;
}
