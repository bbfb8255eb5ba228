import {
  applyDispatchDelta,
  checkDispatchQuantity,
  dispatchAllows,
  dispatchDelta,
  dispatchRejection,
  NO_DISPATCH_STOCK,
  type DispatchMovement,
  type DispatchStock,
} from '../../../../domain/inventory/dispatch-stock.js';
import type {
  ApplyDispatchOperation,
  ApplyLocationOperation,
  AvailabilityByWarehouse,
  DispatchStocks,
  LayerOperationResult,
  LocationStocks,
} from '../../../../domain/inventory/layer-ports.js';
import { assertLayerReplayOf, compareCodePoints } from '../../../../domain/inventory/layer-stock.js';
import {
  applyLocationDelta,
  checkLocationQuantity,
  locationAllows,
  locationDelta,
  locationRejection,
  NO_LOCATION_STOCK,
  type LocationMovement,
  type LocationStock,
} from '../../../../domain/inventory/location-stock.js';
import type { Versioned } from '../memory-database.js';
import type { MemoryTransactionState } from '../memory-transaction.js';

/** The dispatch and warehouse layers' tables in the memory database, keyed by row; their ledgers keyed by (row, kind, reference): INV-5. */
const DISPATCH = 'dispatchStocks';
const DISPATCH_MOVEMENTS = 'dispatchMovements';
const LOCATIONS = 'locationStocks';
const LOCATION_MOVEMENTS = 'locationMovements';
type DispatchRow = DispatchStock & Versioned;
type LocationRow = LocationStock & Versioned;
type Ledger<M> = { id: string; version: number; movement: M };

const key = (...parts: string[]) => parts.join('\u0000');
const byId = (a: { id: string }, b: { id: string }) => compareCodePoints(a.id, b.id);

/** The dispatch layer in memory: transactions are serialised, so checking then writing is atomic. */
export class MemoryDispatchStocks implements DispatchStocks {
  constructor(private readonly tx: MemoryTransactionState) {}

  async get(skuId: string, warehouseId: string): Promise<DispatchStock | null> {
    const row = this.tx.read<DispatchRow>(DISPATCH, key(skuId, warehouseId));
    return row ? stripDispatch(row) : null;
  }

  async ofSku(skuId: string): Promise<DispatchStock[]> {
    return this.tx
      .rows<DispatchRow>(DISPATCH)
      .filter((r) => r.skuId === skuId)
      .map(stripDispatch)
      .sort((a, b) => compareCodePoints(a.warehouseId, b.warehouseId));
  }

  async available(skuIds: readonly string[], warehouseIds: readonly string[]): Promise<AvailabilityByWarehouse> {
    const result: AvailabilityByWarehouse = {};
    for (const w of warehouseIds) {
      const units: Record<string, number> = {};
      result[w] = units;
      for (const s of skuIds) {
        const row = this.tx.read<DispatchRow>(DISPATCH, key(s, w));
        if (row) units[s] = row.available;
      }
    }
    return result;
  }

  async apply(c: ApplyDispatchOperation): Promise<LayerOperationResult<DispatchMovement, DispatchStock>> {
    const op = c.operation;
    checkDispatchQuantity(op);
    const rowKey = key(c.skuId, c.warehouseId);
    const row = this.tx.read<DispatchRow>(DISPATCH, rowKey);
    const before = row ? stripDispatch(row) : NO_DISPATCH_STOCK(c.skuId, c.warehouseId);
    const delta = dispatchDelta(op);
    const earlier = this.tx.read<Ledger<DispatchMovement>>(DISPATCH_MOVEMENTS, key(rowKey, op.kind, c.reference));
    if (earlier) {
      const movement = assertLayerReplayOf(earlier.movement, op.quantity, delta, { skuId: c.skuId, warehouseId: c.warehouseId });
      return { movement, replayed: true, before, after: before };
    }
    if (!dispatchAllows(before, op)) throw dispatchRejection(before, op);
    const after = applyDispatchDelta(before, delta);
    this.tx.write(DISPATCH, { ...after, id: rowKey, version: row?.version ?? 0 } as DispatchRow);
    const movement: DispatchMovement = {
      id: c.movementId,
      skuId: c.skuId,
      warehouseId: c.warehouseId,
      kind: op.kind,
      reference: c.reference,
      quantity: op.quantity,
      delta,
      at: c.at,
    };
    this.tx.write(DISPATCH_MOVEMENTS, { id: key(rowKey, op.kind, c.reference), version: 0, movement } as Ledger<DispatchMovement>);
    return { movement, replayed: false, before, after };
  }

  async movements(skuId: string): Promise<DispatchMovement[]> {
    return this.tx
      .rows<Ledger<DispatchMovement>>(DISPATCH_MOVEMENTS)
      .map((r) => r.movement)
      .filter((m) => m.skuId === skuId)
      .sort(byId);
  }

  async recordCorrection(m: DispatchMovement): Promise<void> {
    this.tx.write(DISPATCH_MOVEMENTS, { id: key(key(m.skuId, m.warehouseId), m.kind, m.reference), version: 0, movement: m } as Ledger<DispatchMovement>);
  }

  async skuIds(): Promise<string[]> {
    return [...new Set(this.tx.rows<DispatchRow>(DISPATCH).map((r) => r.skuId))].sort(compareCodePoints);
  }
}

/** The warehouse layer (per location) in memory. */
export class MemoryLocationStocks implements LocationStocks {
  constructor(private readonly tx: MemoryTransactionState) {}

  async get(skuId: string, warehouseId: string, location: string): Promise<LocationStock | null> {
    const row = this.tx.read<LocationRow>(LOCATIONS, key(skuId, warehouseId, location));
    return row ? stripLocation(row) : null;
  }

  async ofSku(skuId: string): Promise<LocationStock[]> {
    return this.tx
      .rows<LocationRow>(LOCATIONS)
      .filter((r) => r.skuId === skuId)
      .map(stripLocation)
      .sort((a, b) => compareCodePoints(a.warehouseId, b.warehouseId) || compareCodePoints(a.location, b.location));
  }

  async apply(c: ApplyLocationOperation): Promise<LayerOperationResult<LocationMovement, LocationStock>> {
    const op = c.operation;
    checkLocationQuantity(op);
    const rowKey = key(c.skuId, c.warehouseId, c.location);
    const row = this.tx.read<LocationRow>(LOCATIONS, rowKey);
    const before = row ? stripLocation(row) : NO_LOCATION_STOCK(c.skuId, c.warehouseId, c.location);
    const delta = locationDelta(op);
    const earlier = this.tx.read<Ledger<LocationMovement>>(LOCATION_MOVEMENTS, key(rowKey, op.kind, c.reference));
    if (earlier) {
      const movement = assertLayerReplayOf(earlier.movement, op.quantity, delta, { skuId: c.skuId, warehouseId: c.warehouseId, location: c.location });
      return { movement, replayed: true, before, after: before };
    }
    if (!locationAllows(before, op)) throw locationRejection(before, op);
    const after = applyLocationDelta(before, delta);
    this.tx.write(LOCATIONS, { ...after, id: rowKey, version: row?.version ?? 0 } as LocationRow);
    const movement: LocationMovement = {
      id: c.movementId,
      skuId: c.skuId,
      warehouseId: c.warehouseId,
      location: c.location,
      kind: op.kind,
      reference: c.reference,
      quantity: op.quantity,
      delta,
      at: c.at,
    };
    this.tx.write(LOCATION_MOVEMENTS, { id: key(rowKey, op.kind, c.reference), version: 0, movement } as Ledger<LocationMovement>);
    return { movement, replayed: false, before, after };
  }

  async movements(skuId: string): Promise<LocationMovement[]> {
    return this.tx
      .rows<Ledger<LocationMovement>>(LOCATION_MOVEMENTS)
      .map((r) => r.movement)
      .filter((m) => m.skuId === skuId)
      .sort(byId);
  }

  async recordCorrection(m: LocationMovement): Promise<void> {
    const rowKey = key(m.skuId, m.warehouseId, m.location);
    this.tx.write(LOCATION_MOVEMENTS, { id: key(rowKey, m.kind, m.reference), version: 0, movement: m } as Ledger<LocationMovement>);
  }

  async skuIds(): Promise<string[]> {
    return [...new Set(this.tx.rows<LocationRow>(LOCATIONS).map((r) => r.skuId))].sort(compareCodePoints);
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
