import { AtLocation, type LayerStep, type LocationStockCommand } from './layered-stock.js';

/** 报废: damaged units leave the location and the books (warehouse unusable − n; dispatch unsellable and book − n). */
export class WriteOffDamaged extends AtLocation {
  protected readonly kind = 'write_off';
  protected steps(cmd: LocationStockCommand): LayerStep[] {
    const n = cmd.quantity;
    return [
      { layer: 'warehouse', warehouseId: cmd.warehouseId, location: cmd.location, operation: { kind: 'write_off', quantity: n } },
      { layer: 'dispatch', warehouseId: cmd.warehouseId, operation: { kind: 'write_off', quantity: n } },
    ];
  }
}
