import { compareCodePoints, locationCode } from '../../domain/inventory/layer-stock.js';
import type { Clock, IdGenerator } from '../../domain/shared/ports.js';
import { requireWarehouses } from '../dispatch/index.js';
import type { Transaction } from '../shared/unit-of-work.js';
import { applyLayerSteps, type LayerStep } from './layered-stock.js';
import type { OrderStockLine } from './services.js';

/** Where returned goods were put away, and what the inspection found. */
export interface ReturnReceipt {
  readonly warehouseId: string;
  readonly location: string;
  /** Damaged (残损): kept apart, never sold again. */
  readonly damaged: boolean;
}

/**
 * Inventory's published service for goods that come back (售后退货入库), in the caller's transaction:
 * each line's units are put away at the location and received in the warehouse's dispatch layer
 * (`<order>:<sku>:<part>:received`), and, when damaged, marked unusable there and unsellable in the
 * dispatch layer (`…:damaged`) — the warehouse's books hold them either way. The sales layer is the
 * caller's to change (sellable units go back on sale through `changeStockOfOrders('return')`).
 * Idempotent by those references (INV-5); rows taken in SKU order. An unknown warehouse is
 * DISPATCH.WAREHOUSE_NOT_FOUND, a malformed location INVENTORY.INVALID_LOCATION.
 */
export async function receiveReturnedUnits(
  tx: Transaction,
  deps: { readonly ids: IdGenerator; readonly clock: Clock },
  receipt: ReturnReceipt,
  lines: readonly Required<OrderStockLine>[],
): Promise<void> {
  const location = locationCode(receipt.location);
  await requireWarehouses(tx, [receipt.warehouseId]);
  const sorted = [...lines].sort((a, b) => compareCodePoints(a.skuId, b.skuId) || compareCodePoints(a.orderId, b.orderId));
  for (const l of sorted) {
    const base = `${l.orderId}:${l.skuId}:${l.part}`;
    const { warehouseId } = receipt;
    const n = l.quantity;
    const received: LayerStep[] = [
      { layer: 'warehouse', warehouseId, location, operation: { kind: 'put_away', quantity: n } },
      { layer: 'dispatch', warehouseId, operation: { kind: 'receive', quantity: n, fromInTransit: false } },
    ];
    await applyLayerSteps(tx, deps.ids, deps.clock, { skuId: l.skuId, reference: `${base}:received` }, received);
    if (receipt.damaged) {
      const damaged: LayerStep[] = [
        { layer: 'warehouse', warehouseId, location, operation: { kind: 'mark_unusable', quantity: n } },
        { layer: 'dispatch', warehouseId, operation: { kind: 'damage', quantity: n } },
      ];
      await applyLayerSteps(tx, deps.ids, deps.clock, { skuId: l.skuId, reference: `${base}:damaged` }, damaged);
    }
  }
}
