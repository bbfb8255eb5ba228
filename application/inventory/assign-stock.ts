import { LayeredStockFlow, type LayerStep, type WarehouseStockCommand } from './layered-stock.js';

/** 分配: units of a warehouse are assigned to a dispatch order (the reference): dispatch available → used. */
export class AssignStock extends LayeredStockFlow<WarehouseStockCommand> {
  protected readonly kind = 'assign';
  protected warehouseIds(cmd: WarehouseStockCommand): string[] {
    return [cmd.warehouseId];
  }
  protected steps(cmd: WarehouseStockCommand): LayerStep[] {
    return [{ layer: 'dispatch', warehouseId: cmd.warehouseId, operation: { kind: 'assign', quantity: cmd.quantity } }];
  }
}
