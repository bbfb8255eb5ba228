import type { AvailabilityByWarehouse } from '../../domain/inventory/layer-ports.js';
import { compareCodePoints } from '../../domain/inventory/layer-stock.js';
import { sellable, type StockOperation } from '../../domain/inventory/sales-stock.js';
import type { Clock, IdGenerator } from '../../domain/shared/ports.js';
import type { Transaction } from '../shared/unit-of-work.js';
import { applyStockChanges, type StockChangeResult } from './stock-change.js';
import { INVENTORY_STORE } from './store.js';

/**
 * Inventory's published in-transaction services (issue #13): what other contexts ask of stock inside
 * their own transaction, without reaching its repositories.
 */

/** What an order does with the stock of its lines. */
export type OrderStockAction = 'lock' | 'unlock' | 'deduct' | 'return';

/** A line of an order, as its stock sees it. */
export interface OrderStockLine {
  readonly orderId: string;
  readonly skuId: string;
  readonly quantity: number;
  /**
   * A part of the order's units moved on its own (a `return` of an after-sales request's units): the
   * reference becomes `<order>:<sku>:<part>`, so each part returns once and two parts are not one replay.
   */
  readonly part?: string;
}

/**
 * The sales-layer stock of orders' lines, inside the caller's transaction: `lock` when an order is
 * placed (INV-3), `unlock` when it is cancelled before payment, `deduct` when it is paid, `return` when
 * the goods of a paid order come back. The lines of one order and SKU are one operation under the
 * reference `<order>:<sku>` (unlock and deduct draw on the lock of that reference), or `<order>:<sku>:<part>`
 * for a part of the units (`part`), idempotent by it (INV-5). Rows are taken in SKU order, then order id, so two transactions over the same SKUs never wait
 * on each other in a cycle. Answers each operation's result, in that order.
 */
export async function changeStockOfOrders(
  tx: Transaction,
  deps: { readonly ids: IdGenerator; readonly clock: Clock },
  action: OrderStockAction,
  lines: readonly OrderStockLine[],
): Promise<StockChangeResult[]> {
  const perRow = new Map<string, OrderStockLine>();
  for (const l of lines) {
    const key = `${l.skuId}\u0000${l.orderId}\u0000${l.part ?? ''}`;
    perRow.set(key, { ...l, quantity: (perRow.get(key)?.quantity ?? 0) + l.quantity });
  }
  const rows = [...perRow.values()].sort(
    (a, b) => compareCodePoints(a.skuId, b.skuId) || compareCodePoints(a.orderId, b.orderId) || compareCodePoints(a.part ?? '', b.part ?? ''),
  );
  return applyStockChanges(
    tx,
    deps.ids,
    deps.clock,
    rows.map(({ orderId, skuId, quantity, part }) => {
      const reference = part === undefined ? `${orderId}:${skuId}` : `${orderId}:${skuId}:${part}`;
      const operation: StockOperation =
        action === 'unlock' || action === 'deduct' ? { kind: action, quantity, lockReference: reference } : { kind: action, quantity };
      return { skuId, reference, operation };
    }),
  );
}

/** INV-1 as shoppers see it: each SKU among `skuIds` that has a stock record, its sellable units and whether it is virtual (any order, one read). */
export async function sellableStock(tx: Transaction, skuIds: readonly string[]): Promise<{ skuId: string; sellable: number; virtual: boolean }[]> {
  return (await tx.use(INVENTORY_STORE).salesStocks.getMany(skuIds)).map((s) => ({ skuId: s.skuId, sellable: sellable(s), virtual: s.virtual }));
}

/**
 * The dispatch layer's available units (调度层可用, what DSP-1 reads) of the SKUs in the warehouses:
 * every asked warehouse has an entry, in which a SKU without stock there is absent.
 */
export function availableInWarehouses(tx: Transaction, skuIds: readonly string[], warehouseIds: readonly string[]): Promise<AvailabilityByWarehouse> {
  return tx.use(INVENTORY_STORE).dispatchStocks.available(skuIds, warehouseIds);
}
