import { AtLocation, type LayerStep, type LocationStockCommand } from './layered-stock.js';

/**
 * 发货: picked units leave the warehouse: warehouse locked → shipped at the location, dispatch used and
 * book − n. The sales layer moved at payment (deduct), not here.
 */
export class ShipStock extends AtLocation {
  protected readonly kind = 'ship';
  protected steps(cmd: LocationStockCommand): LayerStep[] {
    const n = cmd.quantity;
    return [
      { layer: 'warehouse', warehouseId: cmd.warehouseId, location: cmd.location, operation: { kind: 'ship', quantity: n } },
      { layer: 'dispatch', warehouseId: cmd.warehouseId, operation: { kind: 'ship', quantity: n } },
    ];
  }
}
