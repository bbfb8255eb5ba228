import {
  applyDispatchDelta, checkDispatchQuantity, dispatchAllows, dispatchDelta, dispatchRejection, NO_DISPATCH_STOCK,
  type DispatchMovement, type DispatchStock,
} from '../../../domain/inventory/dispatch-stock.js';
import type { ApplyDispatchOperation, ApplyLocationOperation, AvailabilityByWarehouse, DispatchStocks, LayerOperationResult, LocationStocks } from '../../../domain/inventory/layer-ports.js';
import { assertLayerReplayOf, compareCodePoints } from '../../../domain/inventory/layer-stock.js';
import {
  applyLocationDelta, checkLocationQuantity, locationAllows, locationDelta, locationRejection, NO_LOCATION_STOCK,
  type LocationMovement, type LocationStock,
} from '../../../domain/inventory/location-stock.js';
import type { MemoryTransactionState } from './memory-unit-of-work.js';

const key = (...parts: string[]) => parts.join('\u0000');
const byId = (a: { id: string }, b: { id: string }) => compareCodePoints(a.id, b.id);

/** The dispatch layer in memory: transactions are serialised, so checking then writing is atomic. */
export class MemoryDispatchStocks implements DispatchStocks {
  constructor(private readonly tx: MemoryTransactionState) {}

  async get(skuId: string, warehouseId: string): Promise<DispatchStock | null> {
    const row = this.tx.read('dispatchStocks', key(skuId, warehouseId));
    return row ? stripDispatch(row) : null;
  }

  async ofSku(skuId: string): Promise<DispatchStock[]> {
    return this.tx
      .rows('dispatchStocks')
      .filter((r) => r.skuId === skuId)
      .map(stripDispatch)
      .sort((a, b) => compareCodePoints(a.warehouseId, b.warehouseId));
  }

  async available(skuIds: readonly string[], warehouseIds: readonly string[]): Promise<AvailabilityByWarehouse> {
    const result: AvailabilityByWarehouse = {};
    for (const w of warehouseIds) {
      const units: Record<string, number> = (result[w] = {});
      for (const s of skuIds) {
        const row = this.tx.read('dispatchStocks', key(s, w));
        if (row) units[s] = row.available;
      }
    }
    return result;
  }

  async apply(c: ApplyDispatchOperation): Promise<LayerOperationResult<DispatchMovement, DispatchStock>> {
    const op = c.operation;
    checkDispatchQuantity(op);
    const rowKey = key(c.skuId, c.warehouseId);
    const row = this.tx.read('dispatchStocks', rowKey);
    const before = row ? stripDispatch(row) : NO_DISPATCH_STOCK(c.skuId, c.warehouseId);
    const delta = dispatchDelta(op);
    const earlier = this.tx.read('dispatchMovements', key(rowKey, op.kind, c.reference));
    if (earlier) {
      const movement = assertLayerReplayOf(earlier.movement, op.quantity, delta, { skuId: c.skuId, warehouseId: c.warehouseId });
      return { movement, replayed: true, before, after: before };
    }
    if (!dispatchAllows(before, op)) throw dispatchRejection(before, op);
    const after = applyDispatchDelta(before, delta);
    this.tx.write('dispatchStocks', { ...after, id: rowKey, version: row?.version ?? 0 } as DispatchStock & { id: string; version: number });
    const movement: DispatchMovement = {
      id: c.movementId, skuId: c.skuId, warehouseId: c.warehouseId, kind: op.kind, reference: c.reference, quantity: op.quantity, delta, at: c.at,
    };
    this.tx.write('dispatchMovements', { id: key(rowKey, op.kind, c.reference), version: 0, movement } as { id: string; version: number });
    return { movement, replayed: false, before, after };
  }

  async movements(skuId: string): Promise<DispatchMovement[]> {
    return this.tx
      .rows('dispatchMovements')
      .map((r) => r.movement)
      .filter((m) => m.skuId === skuId)
      .sort(byId);
  }

  async recordCorrection(m: DispatchMovement): Promise<void> {
    this.tx.write('dispatchMovements', { id: key(key(m.skuId, m.warehouseId), m.kind, m.reference), version: 0, movement: m } as { id: string; version: number });
  }

  async skuIds(): Promise<string[]> {
    return [...new Set(this.tx.rows('dispatchStocks').map((r) => r.skuId))].sort(compareCodePoints);
  }
}

/** The warehouse layer (per location) in memory. */
export class MemoryLocationStocks implements LocationStocks {
  constructor(private readonly tx: MemoryTransactionState) {}

  async get(skuId: string, warehouseId: string, location: string): Promise<LocationStock | null> {
    const row = this.tx.read('locationStocks', key(skuId, warehouseId, location));
    return row ? stripLocation(row) : null;
  }

  async ofSku(skuId: string): Promise<LocationStock[]> {
    return this.tx
      .rows('locationStocks')
      .filter((r) => r.skuId === skuId)
      .map(stripLocation)
      .sort((a, b) => compareCodePoints(a.warehouseId, b.warehouseId) || compareCodePoints(a.location, b.location));
  }

  async apply(c: ApplyLocationOperation): Promise<LayerOperationResult<LocationMovement, LocationStock>> {
    const op = c.operation;
    checkLocationQuantity(op);
    const rowKey = key(c.skuId, c.warehouseId, c.location);
    const row = this.tx.read('locationStocks', rowKey);
    const before = row ? stripLocation(row) : NO_LOCATION_STOCK(c.skuId, c.warehouseId, c.location);
    const delta = locationDelta(op);
    const earlier = this.tx.read('locationMovements', key(rowKey, op.kind, c.reference));
    if (earlier) {
      const movement = assertLayerReplayOf(earlier.movement, op.quantity, delta, { skuId: c.skuId, warehouseId: c.warehouseId, location: c.location });
      return { movement, replayed: true, before, after: before };
    }
    if (!locationAllows(before, op)) throw locationRejection(before, op);
    const after = applyLocationDelta(before, delta);
    this.tx.write('locationStocks', { ...after, id: rowKey, version: row?.version ?? 0 } as LocationStock & { id: string; version: number });
    const movement: LocationMovement = {
      id: c.movementId, skuId: c.skuId, warehouseId: c.warehouseId, location: c.location, kind: op.kind, reference: c.reference,
      quantity: op.quantity, delta, at: c.at,
    };
    this.tx.write('locationMovements', { id: key(rowKey, op.kind, c.reference), version: 0, movement } as { id: string; version: number });
    return { movement, replayed: false, before, after };
  }

  async movements(skuId: string): Promise<LocationMovement[]> {
    return this.tx
      .rows('locationMovements')
      .map((r) => r.movement)
      .filter((m) => m.skuId === skuId)
      .sort(byId);
  }

  async recordCorrection(m: LocationMovement): Promise<void> {
    const rowKey = key(m.skuId, m.warehouseId, m.location);
    this.tx.write('locationMovements', { id: key(rowKey, m.kind, m.reference), version: 0, movement: m } as { id: string; version: number });
  }

  async skuIds(): Promise<string[]> {
    return [...new Set(this.tx.rows('locationStocks').map((r) => r.skuId))].sort(compareCodePoints);
  }
}

function stripDispatch(r: DispatchStock): DispatchStock {
  const { skuId, warehouseId, book, available, inTransit, unsellable, used } = r;
  return { skuId, warehouseId, book, available, inTransit, unsellable, used };
}

function stripLocation(r: LocationStock): LocationStock {
  const { skuId, warehouseId, location, available, locked, shipped, unusable } = r;
  return { skuId, warehouseId, location, available, locked, shipped, unusable };
}
