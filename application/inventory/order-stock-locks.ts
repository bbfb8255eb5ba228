import type { UnitOfWork } from '../shared/unit-of-work.js';
import type { StockChangeResult } from './stock-change.js';
import { INVENTORY_STORE } from './store.js';

export interface OrderStockLockLine {
  readonly skuId: string;
  readonly quantity: number;
  /** `<order>:<sku>`: the key of the lock (INV-5) and of its hold. */
  readonly reference: string;
  readonly movementId: string;
}

export interface OrderStockLockRequest {
  readonly orderId: string;
  /** One line per SKU, in SKU order. */
  readonly lines: readonly OrderStockLockLine[];
  readonly at: Date;
}

/**
 * Port: locking an order's stock (下单锁定) as a transaction of its own: every line or none (INV-3
 * under any interleaving of concurrent callers), a replayed line returns its first movement (INV-5),
 * a `inventory.stock.low` event for each threshold crossed, stored with the change. Rejections are the
 * domain's (`INVENTORY.OUT_OF_STOCK` …). Because nothing else shares the transaction, an adapter may
 * commit the locks of several concurrent orders together (the PostgreSQL adapter does, decision 0011).
 */
export interface OrderStockLocks {
  lock(request: OrderStockLockRequest): Promise<StockChangeResult[]>;
}

/** The plain implementation: one unit of work per order, lines applied in SKU order. */
export class TransactionalOrderStockLocks implements OrderStockLocks {
  constructor(private readonly uow: UnitOfWork) {}

  lock(request: OrderStockLockRequest): Promise<StockChangeResult[]> {
    return this.uow.run(async (tx) => {
      const results: StockChangeResult[] = [];
      const { salesStocks } = tx.use(INVENTORY_STORE);
      for (const line of request.lines) {
        const operation = { kind: 'lock', quantity: line.quantity } as const;
        // The store records `inventory.stock.low` with the change when the lock crosses the threshold.
        const r = await salesStocks.apply({ skuId: line.skuId, reference: line.reference, operation, movementId: line.movementId, at: request.at });
        results.push({ movement: r.movement, replayed: r.replayed, stock: r.after });
      }
      return results;
    });
  }
}
