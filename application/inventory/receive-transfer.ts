import { AtLocation, type LayerStep, type LocationStockCommand } from './layered-stock.js';

/** 调拨入库: a transfer arrives and is put away (warehouse available + n; dispatch in-transit − n, available and book + n). */
export class ReceiveTransfer extends AtLocation {
  protected readonly kind = 'transfer_receive';
  protected steps(cmd: LocationStockCommand): LayerStep[] {
    const n = cmd.quantity;
    return [
      { layer: 'warehouse', warehouseId: cmd.warehouseId, location: cmd.location, operation: { kind: 'transfer_in', quantity: n } },
      { layer: 'dispatch', warehouseId: cmd.warehouseId, operation: { kind: 'transfer_receive', quantity: n } },
    ];
  }
}
