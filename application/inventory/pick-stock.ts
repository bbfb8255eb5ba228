import { AtLocation, type LayerStep, type LocationStockCommand } from './layered-stock.js';

/** 拣货锁定: units at a location are locked for picking: warehouse available → locked. */
export class PickStock extends AtLocation {
  protected readonly kind = 'lock';
  protected steps(cmd: LocationStockCommand): LayerStep[] {
    return [{ layer: 'warehouse', warehouseId: cmd.warehouseId, location: cmd.location, operation: { kind: 'lock', quantity: cmd.quantity } }];
  }
}
