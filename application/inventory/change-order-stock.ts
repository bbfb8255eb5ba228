import { checkQuantity } from '../../domain/inventory/sales-stock.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import type { InventoryDeps } from './deps.js';
import { changeStockOfOrders } from './services.js';
import type { StockChangeResult } from './stock-change.js';

export interface OrderStockCommand {
  readonly orderId: string;
  readonly lines: readonly { readonly skuId: string; readonly quantity: number }[];
}

/**
 * The stock side of an order: lock on placing, unlock on cancelling, deduct on payment. Lines of one
 * SKU are added up into one operation per stock row (reference `<order>:<sku>`), and rows are taken in
 * SKU order, so two orders over the same SKUs always lock them in the same order and cannot deadlock.
 * All lines or none: one transaction. Locks go through `OrderStockLocks`, which may commit the locks
 * of concurrent orders together.
 */
export class ChangeOrderStock {
  constructor(private readonly d: InventoryDeps) {}

  execute(cmd: OrderStockCommand & { readonly action: 'lock' | 'unlock' | 'deduct' }): Promise<StockChangeResult[]> {
    if (cmd.lines.length === 0) throw DomainError.invalid('INVENTORY.NO_LINES', 'an order has at least one line');
    const perSku = new Map<string, number>();
    for (const l of cmd.lines) {
      checkQuantity({ kind: 'lock', quantity: l.quantity });
      perSku.set(l.skuId, (perSku.get(l.skuId) ?? 0) + l.quantity);
    }
    if (cmd.action === 'lock') {
      const skus = [...perSku.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const lines = skus.map((skuId) => ({ skuId, quantity: perSku.get(skuId)!, reference: `${cmd.orderId}:${skuId}`, movementId: this.d.ids.next() }));
      return this.d.orderStockLocks.lock({ orderId: cmd.orderId, lines, at: this.d.clock.now() });
    }
    const action = cmd.action;
    return this.d.uow.run((tx) =>
      changeStockOfOrders(
        tx,
        this.d,
        action,
        cmd.lines.map((l) => ({ orderId: cmd.orderId, skuId: l.skuId, quantity: l.quantity })),
      ),
    );
  }
}
