import { AtLocation, type LayerStep, type LocationStockCommand } from './layered-stock.js';

/**
 * 盘盈盘亏: a stock-take finds `quantity` more (> 0) or fewer (< 0) available units at a location. All
 * three layers follow: warehouse and dispatch available (and book), and the sales total. None may fall
 * below zero, nor the sales total below what orders and activities hold.
 */
export class TakeStock extends AtLocation {
  protected readonly kind = 'adjust';
  protected override readonly signed = true;
  protected steps(cmd: LocationStockCommand): LayerStep[] {
    const n = cmd.quantity;
    return [
      { layer: 'warehouse', warehouseId: cmd.warehouseId, location: cmd.location, operation: { kind: 'adjust', quantity: n } },
      { layer: 'dispatch', warehouseId: cmd.warehouseId, operation: { kind: 'adjust', quantity: n } },
      { layer: 'sales', operation: { kind: 'adjust', quantity: n } },
    ];
  }
}
