import { LayeredStockFlow, type LayerStep, type WarehouseStockCommand } from './layered-stock.js';

/**
 * The flows of the dispatch layer (调度层) and the warehouse layer (仓库层), each one use case and one
 * transaction over every layer it touches, under one business reference (INV-5: replaying the flow
 * changes nothing and answers `replayed: true`). Bottom-up (自下而上): receipts raise the warehouse, the
 * dispatch and the sales layer together.
 */

/** 采购在途: a purchase is on its way to the warehouse (dispatch inTransit + n). */
export class RecordPurchaseInTransit extends LayeredStockFlow<WarehouseStockCommand> {
  protected readonly kind = 'in_transit';
  protected warehouseIds(cmd: WarehouseStockCommand): string[] {
    return [cmd.warehouseId];
  }
  protected steps(cmd: WarehouseStockCommand): LayerStep[] {
    return [{ layer: 'dispatch', warehouseId: cmd.warehouseId, operation: { kind: 'in_transit', quantity: cmd.quantity } }];
  }
}
