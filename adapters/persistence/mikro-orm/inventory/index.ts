import { INVENTORY_STORE } from '../../../../application/inventory/store.js';
import { pgStore, type PostgresContextPart } from '../context-part.js';
import { DispatchStockMovementSchema, DispatchStockSchema, LocationStockMovementSchema, LocationStockSchema } from './layer-records.js';
import { Migration20261122010000_inventory } from './migrations/Migration20261122010000_inventory.js';
import { Migration20261122030000_stock_layers } from './migrations/Migration20261122030000_stock_layers.js';
import { Migration20261122040000_sales_pools } from './migrations/Migration20261122040000_sales_pools.js';
import { SalesStockSchema, StockHoldSchema, StockMovementSchema, StockPoolSchema } from './records.js';
import { pgInventoryStore } from './store.js';

export { BatchingOrderStockLocks, type BatchingOptions } from './order-stock-locks.js';

/**
 * The inventory context on PostgreSQL: the sales layer (`sales_stock`, `stock_movement`, `stock_hold`,
 * `stock_pool`), the dispatch layer (`dispatch_stock`, `dispatch_stock_movement`) and the warehouse layer
 * (`location_stock`, `location_stock_movement`).
 */
export const inventoryPostgres: PostgresContextPart = {
  entities: [
    SalesStockSchema,
    StockMovementSchema,
    StockHoldSchema,
    StockPoolSchema,
    DispatchStockSchema,
    DispatchStockMovementSchema,
    LocationStockSchema,
    LocationStockMovementSchema,
  ],
  migrations: [
    { name: 'Migration20261122010000_inventory', class: Migration20261122010000_inventory },
    { name: 'Migration20261122030000_stock_layers', class: Migration20261122030000_stock_layers },
    { name: 'Migration20261122040000_sales_pools', class: Migration20261122040000_sales_pools },
  ],
  stores: [pgStore(INVENTORY_STORE, pgInventoryStore)],
};
