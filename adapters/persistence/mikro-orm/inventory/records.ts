import { EntitySchema } from '@mikro-orm/core';

/** One row of `sales_stock`: the sales layer of a SKU (INV-1). Counters change only by guarded UPDATEs. */
export class SalesStockRecord {
  skuId!: string;
  total!: number;
  locked!: number;
  sold!: number;
  activity!: number;
  presale!: number;
  oversellAllowance!: number;
  virtual!: boolean;
  lowStockThreshold!: number | null;
}

export const SalesStockSchema = new EntitySchema<SalesStockRecord>({
  class: SalesStockRecord,
  tableName: 'sales_stock',
  properties: {
    skuId: { type: 'text', primary: true },
    total: { type: 'integer' },
    locked: { type: 'integer' },
    sold: { type: 'integer' },
    activity: { type: 'integer' },
    presale: { type: 'integer', default: 0 },
    oversellAllowance: { type: 'integer' },
    virtual: { type: 'boolean', default: false },
    lowStockThreshold: { type: 'integer', nullable: true },
  },
  checks: [
    // The last line of defence for INV-3, behind the guarded UPDATEs.
    { name: 'sales_stock_no_oversell', expression: 'virtual or total - locked - activity >= -oversell_allowance' },
    { name: 'sales_stock_counters_check', expression: 'locked >= 0 and sold >= 0 and activity >= 0 and presale >= 0 and oversell_allowance >= 0' },
  ],
});

/** One row of `stock_movement`, the ledger: unique per (sku, kind, reference) for INV-5. */
export class StockMovementRecord {
  id!: string;
  skuId!: string;
  kind!: string;
  reference!: string;
  lockReference!: string | null;
  pool!: string | null;
  quantity!: number;
  dTotal!: number;
  dLocked!: number;
  dSold!: number;
  dActivity!: number;
  dPresale!: number;
  at!: Date;
}

export const StockMovementSchema = new EntitySchema<StockMovementRecord>({
  class: StockMovementRecord,
  tableName: 'stock_movement',
  properties: {
    id: { type: 'text', primary: true },
    skuId: { type: 'text' },
    kind: { type: 'text' },
    reference: { type: 'text' },
    lockReference: { type: 'text', nullable: true },
    pool: { type: 'text', nullable: true },
    quantity: { type: 'integer' },
    dTotal: { type: 'integer' },
    dLocked: { type: 'integer' },
    dSold: { type: 'integer' },
    dActivity: { type: 'integer' },
    dPresale: { type: 'integer', default: 0 },
    at: { type: 'datetime', columnType: 'timestamptz' },
  },
  uniques: [{ name: 'stock_movement_reference_unique', properties: ['skuId', 'kind', 'reference'] }],
});

/** One row of `stock_hold`: what is still locked under a lock reference (unlock and deduct draw on it). */
export class StockHoldRecord {
  skuId!: string;
  lockReference!: string;
  quantity!: number;
}

export const StockHoldSchema = new EntitySchema<StockHoldRecord>({
  class: StockHoldRecord,
  tableName: 'stock_hold',
  properties: {
    skuId: { type: 'text', primary: true },
    lockReference: { type: 'text', primary: true },
    quantity: { type: 'integer' },
  },
  checks: [{ name: 'stock_hold_quantity_check', expression: 'quantity >= 0' }],
});

/** One row of `stock_pool`: what is left of a carve-out (an activity's or a channel's), sold only through it. */
export class StockPoolRecord {
  skuId!: string;
  pool!: string;
  quantity!: number;
}

export const StockPoolSchema = new EntitySchema<StockPoolRecord>({
  class: StockPoolRecord,
  tableName: 'stock_pool',
  properties: {
    skuId: { type: 'text', primary: true },
    pool: { type: 'text', primary: true },
    quantity: { type: 'integer' },
  },
  checks: [{ name: 'stock_pool_quantity_check', expression: 'quantity >= 0' }],
});
