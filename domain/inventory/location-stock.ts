import { DomainError } from '../shared/domain-error.js';
import { checkLayerQuantity } from './layer-stock.js';

/**
 * The warehouse layer (仓库层) of one SKU at one location (库位, e.g. `A-01-03`) of a warehouse.
 *
 * - `available`: on the shelf, free;
 * - `locked`: picked / allocated for a dispatch order (拣货锁定);
 * - `shipped`: left the warehouse from this location (cumulative);
 * - `unusable`: damaged, still on the location.
 *
 * Every counter ≥ 0. What is physically there is `onHand` = available + locked + unusable; summed over a
 * warehouse's locations it equals the dispatch layer's `book` (the cross-layer check).
 */
export interface LocationStock {
  readonly skuId: string;
  readonly warehouseId: string;
  readonly location: string;
  readonly available: number;
  readonly locked: number;
  readonly shipped: number;
  readonly unusable: number;
}

export const LOCATION_COUNTERS = ['available', 'locked', 'shipped', 'unusable'] as const;
export type LocationCounter = (typeof LOCATION_COUNTERS)[number];

export type LocationDelta = Readonly<Record<LocationCounter, number>>;

export const LOCATION_OPERATIONS = [
  'put_away', // 上架: a purchase receipt shelved here
  'lock', // 拣货锁定: picked for a dispatch order
  'unlock', // 取消拣货
  'ship', // 出库
  'mark_unusable', // 残损
  'write_off', // 报废: a damaged unit removed
  'move_out', // 移库: to another location of the warehouse
  'move_in',
  'transfer_out', // 调拨出库: to another warehouse
  'transfer_in', // 调拨入库: a transfer shelved here
  'adjust', // 盘盈盘亏 (signed)
] as const;
export type LocationOperationKind = (typeof LOCATION_OPERATIONS)[number];

export interface LocationOperation {
  readonly kind: LocationOperationKind;
  /** Signed for `adjust`, ≥ 1 otherwise. */
  readonly quantity: number;
}

export const NO_LOCATION_STOCK = (skuId: string, warehouseId: string, location: string): LocationStock => ({
  skuId,
  warehouseId,
  location,
  available: 0,
  locked: 0,
  shipped: 0,
  unusable: 0,
});

const ZERO: LocationDelta = { available: 0, locked: 0, shipped: 0, unusable: 0 };

export function onHand(s: Pick<LocationStock, 'available' | 'locked' | 'unusable'>): number {
  return s.available + s.locked + s.unusable;
}

/** The counters an accepted operation moves: a function of the operation alone. */
export function locationDelta(op: LocationOperation): LocationDelta {
  const n = op.quantity;
  switch (op.kind) {
    case 'put_away':
    case 'move_in':
    case 'transfer_in':
    case 'adjust':
      return { ...ZERO, available: n };
    case 'move_out':
    case 'transfer_out':
      return { ...ZERO, available: -n };
    case 'lock':
      return { ...ZERO, available: -n, locked: n };
    case 'unlock':
      return { ...ZERO, available: n, locked: -n };
    case 'ship':
      return { ...ZERO, locked: -n, shipped: n };
    case 'mark_unusable':
      return { ...ZERO, available: -n, unusable: n };
    case 'write_off':
      return { ...ZERO, unusable: -n };
  }
}

/** The guard of every operation: no counter may fall below zero. A row that does not exist counts as zeros. */
export function locationAllows(stock: LocationStock, op: LocationOperation): boolean {
  const d = locationDelta(op);
  return LOCATION_COUNTERS.every((f) => stock[f] + d[f] >= 0);
}

export function locationRejection(stock: LocationStock, op: LocationOperation): DomainError {
  const details = { layer: 'warehouse', skuId: stock.skuId, warehouseId: stock.warehouseId, location: stock.location, kind: op.kind, quantity: op.quantity };
  const where = `SKU ${stock.skuId} at ${stock.location} in warehouse ${stock.warehouseId}`;
  switch (op.kind) {
    case 'lock':
    case 'mark_unusable':
    case 'move_out':
    case 'transfer_out':
      return DomainError.conflict('INVENTORY.INSUFFICIENT_AVAILABLE', `only ${stock.available} of ${where} are available`, {
        ...details,
        available: stock.available,
      });
    case 'unlock':
      return DomainError.conflict('INVENTORY.UNLOCK_EXCEEDS_LOCK', `only ${stock.locked} of ${where} are locked`, { ...details, locked: stock.locked });
    case 'ship':
      return DomainError.conflict('INVENTORY.SHIP_EXCEEDS_LOCKED', `only ${stock.locked} of ${where} are locked`, { ...details, locked: stock.locked });
    case 'write_off':
      return DomainError.conflict('INVENTORY.WRITE_OFF_EXCEEDS_DAMAGED', `only ${stock.unusable} of ${where} are unusable`, {
        ...details,
        unusable: stock.unusable,
      });
    case 'adjust':
      return DomainError.conflict('INVENTORY.ADJUST_BELOW_ZERO', `the count would take ${where} below zero available (${stock.available})`, {
        ...details,
        available: stock.available,
      });
    case 'put_away':
    case 'move_in':
    case 'transfer_in':
      throw new Error(`${op.kind} is never refused`);
  }
}

export function checkLocationQuantity(op: LocationOperation): void {
  checkLayerQuantity(op.kind, op.quantity, op.kind === 'adjust');
}

export function decideLocation(stock: LocationStock, op: LocationOperation): LocationDelta {
  checkLocationQuantity(op);
  if (!locationAllows(stock, op)) throw locationRejection(stock, op);
  return locationDelta(op);
}

export function applyLocationDelta(stock: LocationStock, d: LocationDelta): LocationStock {
  return {
    ...stock,
    available: stock.available + d.available,
    locked: stock.locked + d.locked,
    shipped: stock.shipped + d.shipped,
    unusable: stock.unusable + d.unusable,
  };
}

/** A line of a location's ledger (INV-4); (sku, warehouse, location, kind, reference) is unique (INV-5). */
export interface LocationMovement {
  readonly id: string;
  readonly skuId: string;
  readonly warehouseId: string;
  readonly location: string;
  /** An operation, or a `correction` written by a consistency repair (its delta is the difference it explains). */
  readonly kind: LocationOperationKind | 'correction';
  readonly reference: string;
  readonly quantity: number;
  readonly delta: LocationDelta;
  readonly at: Date;
}
