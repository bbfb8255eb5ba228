import { AtLocation, type LayerStep, type LocationStockCommand } from './layered-stock.js';

export interface PurchaseReceiptCommand extends LocationStockCommand {
  /** Whether the units were announced in transit (they leave in-transit) or arrive unannounced. */
  readonly fromInTransit: boolean;
}

/**
 * 采购入库 (bottom-up): the units are put away at the location (warehouse layer available + n), received
 * in the dispatch layer (available and book + n; in-transit − n when announced) and become sellable
 * (sales layer `increase`).
 */
export class ReceivePurchase extends AtLocation<PurchaseReceiptCommand> {
  protected readonly kind = 'receive';
  protected steps(cmd: PurchaseReceiptCommand): LayerStep[] {
    const n = cmd.quantity;
    return [
      { layer: 'warehouse', warehouseId: cmd.warehouseId, location: cmd.location, operation: { kind: 'put_away', quantity: n } },
      { layer: 'dispatch', warehouseId: cmd.warehouseId, operation: { kind: 'receive', quantity: n, fromInTransit: cmd.fromInTransit === true } },
      { layer: 'sales', operation: { kind: 'increase', quantity: n } },
    ];
  }
}
