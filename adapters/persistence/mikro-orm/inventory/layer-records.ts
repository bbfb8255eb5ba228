import { EntitySchema } from '@mikro-orm/core';

/**
 * One row of `dispatch_stock`: the dispatch layer (调度层) of a SKU in a warehouse. Counters change
 * only by guarded statements; the CHECKs are the last line of defence.
 */
export class DispatchStockRecord {
  skuId!: string;
  warehouseId!: string;
  book!: number;
  available!: number;
  inTransit!: number;
  unsellable!: number;
  used!: number;
}

export const DispatchStockSchema = new EntitySchema<DispatchStockRecord>({
  class: DispatchStockRecord,
  tableName: 'dispatch_stock',
  properties: {
    skuId: { type: 'text', primary: true },
    warehouseId: { type: 'text', primary: true },
    book: { type: 'integer' },
    available: { type: 'integer' },
    inTransit: { type: 'integer' },
    unsellable: { type: 'integer' },
    used: { type: 'integer' },
  },
  checks: [
    { name: 'dispatch_stock_counters_check', expression: 'book >= 0 and available >= 0 and in_transit >= 0 and unsellable >= 0 and used >= 0' },
    { name: 'dispatch_stock_book_check', expression: 'book = available + unsellable + used' },
  ],
});

/** One row of `dispatch_stock_movement`, the dispatch layer's ledger: unique per (sku, warehouse, kind, reference) for INV-5. */
export class DispatchStockMovementRecord {
  id!: string;
  skuId!: string;
  warehouseId!: string;
  kind!: string;
  reference!: string;
  quantity!: number;
  dBook!: number;
  dAvailable!: number;
  dInTransit!: number;
  dUnsellable!: number;
  dUsed!: number;
  at!: Date;
}

export const DispatchStockMovementSchema = new EntitySchema<DispatchStockMovementRecord>({
  class: DispatchStockMovementRecord,
  tableName: 'dispatch_stock_movement',
  properties: {
    id: { type: 'text', primary: true },
    skuId: { type: 'text' },
    warehouseId: { type: 'text' },
    kind: { type: 'text' },
    reference: { type: 'text' },
    quantity: { type: 'integer' },
    dBook: { type: 'integer' },
    dAvailable: { type: 'integer' },
    dInTransit: { type: 'integer' },
    dUnsellable: { type: 'integer' },
    dUsed: { type: 'integer' },
    at: { type: 'datetime', columnType: 'timestamptz' },
  },
  uniques: [{ name: 'dispatch_stock_movement_reference_unique', properties: ['skuId', 'warehouseId', 'kind', 'reference'] }],
});

/** One row of `location_stock`: the warehouse layer (仓库层) of a SKU at a location of a warehouse. */
export class LocationStockRecord {
  skuId!: string;
  warehouseId!: string;
  location!: string;
  available!: number;
  locked!: number;
  shipped!: number;
  unusable!: number;
}

export const LocationStockSchema = new EntitySchema<LocationStockRecord>({
  class: LocationStockRecord,
  tableName: 'location_stock',
  properties: {
    skuId: { type: 'text', primary: true },
    warehouseId: { type: 'text', primary: true },
    location: { type: 'text', primary: true },
    available: { type: 'integer' },
    locked: { type: 'integer' },
    shipped: { type: 'integer' },
    unusable: { type: 'integer' },
  },
  checks: [{ name: 'location_stock_counters_check', expression: 'available >= 0 and locked >= 0 and shipped >= 0 and unusable >= 0' }],
});

/** One row of `location_stock_movement`, the warehouse layer's ledger: unique per (sku, warehouse, location, kind, reference). */
export class LocationStockMovementRecord {
  id!: string;
  skuId!: string;
  warehouseId!: string;
  location!: string;
  kind!: string;
  reference!: string;
  quantity!: number;
  dAvailable!: number;
  dLocked!: number;
  dShipped!: number;
  dUnusable!: number;
  at!: Date;
}

export const LocationStockMovementSchema = new EntitySchema<LocationStockMovementRecord>({
  class: LocationStockMovementRecord,
  tableName: 'location_stock_movement',
  properties: {
    id: { type: 'text', primary: true },
    skuId: { type: 'text' },
    warehouseId: { type: 'text' },
    location: { type: 'text' },
    kind: { type: 'text' },
    reference: { type: 'text' },
    quantity: { type: 'integer' },
    dAvailable: { type: 'integer' },
    dLocked: { type: 'integer' },
    dShipped: { type: 'integer' },
    dUnusable: { type: 'integer' },
    at: { type: 'datetime', columnType: 'timestamptz' },
  },
  uniques: [{ name: 'location_stock_movement_reference_unique', properties: ['skuId', 'warehouseId', 'location', 'kind', 'reference'] }],
});
