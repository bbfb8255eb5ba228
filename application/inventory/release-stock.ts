import { LayeredStockFlow, type LayerStep, type WarehouseStockCommand } from './layered-stock.js';

/** An assignment given back (dispatch order cancelled or re-routed): dispatch used → available. */
export class ReleaseStock extends LayeredStockFlow<WarehouseStockCommand> {
  protected readonly kind = 'release';
  protected warehouseIds(cmd: WarehouseStockCommand): string[] {
    return [cmd.warehouseId];
  }
  protected steps(cmd: WarehouseStockCommand): LayerStep[] {
    return [{ layer: 'dispatch', warehouseId: cmd.warehouseId, operation: { kind: 'release', quantity: cmd.quantity } }];
  }
}
