import type { InventoryStore } from '../../../../application/inventory/store.js';
import type { MemoryTransactionState } from '../memory-transaction.js';
import { MemoryDispatchStocks, MemoryLocationStocks } from './layer-stocks.js';
import { MemorySalesStocks } from './sales-stocks.js';

/** The inventory store of one memory transaction: the three layers over their named tables. */
export const memoryInventoryStore = (tx: MemoryTransactionState): InventoryStore => ({
  salesStocks: new MemorySalesStocks(tx),
  dispatchStocks: new MemoryDispatchStocks(tx),
  locationStocks: new MemoryLocationStocks(tx),
});
