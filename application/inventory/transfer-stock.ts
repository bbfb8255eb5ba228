import { locationCode } from '../../domain/inventory/layer-stock.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { LayeredStockFlow, type LayerStep } from './layered-stock.js';

export interface TransferCommand {
  readonly skuId: string;
  readonly fromWarehouseId: string;
  readonly fromLocation: string;
  readonly toWarehouseId: string;
  readonly quantity: number;
  readonly reference: string;
}

/**
 * 调拨出库: units leave a location of the source warehouse (warehouse layer) and its books (dispatch
 * available and book − n), and are in transit at the target (inTransit + n) until `ReceiveTransfer`.
 * The sales layer is per SKU across warehouses: a transfer does not change it.
 */
export class TransferStock extends LayeredStockFlow<TransferCommand> {
  protected readonly kind = 'transfer';
  protected override check(cmd: TransferCommand): void {
    locationCode(cmd.fromLocation);
    if (cmd.fromWarehouseId === cmd.toWarehouseId) {
      throw DomainError.invalid('INVENTORY.TRANSFER_SAME_WAREHOUSE', 'a transfer goes to another warehouse', { warehouseId: cmd.fromWarehouseId });
    }
  }
  protected warehouseIds(cmd: TransferCommand): string[] {
    return [cmd.fromWarehouseId, cmd.toWarehouseId];
  }
  protected steps(cmd: TransferCommand): LayerStep[] {
    const n = cmd.quantity;
    return [
      { layer: 'warehouse', warehouseId: cmd.fromWarehouseId, location: cmd.fromLocation, operation: { kind: 'transfer_out', quantity: n } },
      { layer: 'dispatch', warehouseId: cmd.fromWarehouseId, operation: { kind: 'transfer_out', quantity: n } },
      { layer: 'dispatch', warehouseId: cmd.toWarehouseId, operation: { kind: 'transfer_in', quantity: n } },
    ];
  }
}
