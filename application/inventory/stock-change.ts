import type { StockOperationResult } from '../../domain/inventory/movement.js';
import type { SalesStock, StockOperation } from '../../domain/inventory/sales-stock.js';
import type { Clock, IdGenerator } from '../../domain/shared/ports.js';
import type { Transaction } from '../shared/unit-of-work.js';
import { INVENTORY_STORE } from './store.js';

export interface StockChange {
  readonly skuId: string;
  /** The business fact: purchase receipt, stock-take, order and line … (INV-5: replays change nothing). */
  readonly reference: string;
  readonly operation: StockOperation;
}

export interface StockChangeResult extends StockOperationResult {
  readonly stock: SalesStock;
}

/** Applies one change of the sales layer inside `tx` (the store records `inventory.stock.low` when it crosses the threshold). */
export async function applyStockChange(tx: Transaction, ids: IdGenerator, clock: Clock, change: StockChange): Promise<StockChangeResult> {
  const r = await tx.use(INVENTORY_STORE).salesStocks.apply({ ...change, movementId: ids.next(), at: clock.now() });
  return { movement: r.movement, replayed: r.replayed, stock: r.after };
}

/** Applies changes of the sales layer inside `tx`, in the given order, sent together where the store can (one statement on PostgreSQL). */
export async function applyStockChanges(tx: Transaction, ids: IdGenerator, clock: Clock, changes: readonly StockChange[]): Promise<StockChangeResult[]> {
  const at = clock.now();
  const results = await tx.use(INVENTORY_STORE).salesStocks.applyAll(changes.map((change) => ({ ...change, movementId: ids.next(), at })));
  return results.map((r) => ({ movement: r.movement, replayed: r.replayed, stock: r.after }));
}
