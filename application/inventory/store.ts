import type { DispatchStocks, LocationStocks } from '../../domain/inventory/layer-ports.js';
import type { SalesStocks } from '../../domain/inventory/ports.js';
import { storeKey } from '../shared/store.js';

/** The inventory context's repositories in one transaction: the three layers of stock and their ledgers (never exported from the context's index). */
export interface InventoryStore {
  /** The sales layer (销售层), per SKU: counters, ledger, holds of locks, carve-out pools. */
  readonly salesStocks: SalesStocks;
  /** The dispatch layer (调度层), per SKU and warehouse. */
  readonly dispatchStocks: DispatchStocks;
  /** The warehouse layer (仓库层), per SKU, warehouse and location. */
  readonly locationStocks: LocationStocks;
}

export const INVENTORY_STORE = storeKey<InventoryStore>('inventory');
