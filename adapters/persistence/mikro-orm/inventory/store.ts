import type { InventoryStore } from '../../../../application/inventory/store.js';
import type { TxScope } from '../db.js';
import { MikroOrmDispatchStocks } from './dispatch-stocks.js';
import { MikroOrmLocationStocks } from './location-stocks.js';
import { MikroOrmSalesStocks } from './sales-stocks.js';

/** The inventory store of one PostgreSQL transaction: the three layers, each operation one guarded statement. */
export const pgInventoryStore = (tx: TxScope): InventoryStore => ({
  salesStocks: new MikroOrmSalesStocks(tx),
  dispatchStocks: new MikroOrmDispatchStocks(tx),
  locationStocks: new MikroOrmLocationStocks(tx),
});
