import type { UseCaseDeps } from '../shared/deps.js';
import type { OrderStockLocks } from './order-stock-locks.js';

/** What inventory's use cases are built with: the unit of work, clock and ids, and how order stock locks commit. */
export interface InventoryDeps extends UseCaseDeps {
  /** One unit of work per order (`TransactionalOrderStockLocks`), or the persistence's own way (PostgreSQL: batches, decision 0011). */
  readonly orderStockLocks: OrderStockLocks;
}
