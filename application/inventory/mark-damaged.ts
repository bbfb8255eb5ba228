import { AtLocation, type LayerStep, type LocationStockCommand } from './layered-stock.js';

/**
 * 残损: units at a location are found damaged (warehouse available → unusable; dispatch available →
 * unsellable). Damaged units can no longer be sold, so the sales layer's total drops too (`adjust` − n,
 * same reference), which is refused while orders and activities hold them (`INVENTORY.ADJUST_BELOW_HELD`).
 */
export class MarkDamaged extends AtLocation {
  protected readonly kind = 'damage';
  protected steps(cmd: LocationStockCommand): LayerStep[] {
    const n = cmd.quantity;
    return [
      { layer: 'warehouse', warehouseId: cmd.warehouseId, location: cmd.location, operation: { kind: 'mark_unusable', quantity: n } },
      { layer: 'dispatch', warehouseId: cmd.warehouseId, operation: { kind: 'damage', quantity: n } },
      { layer: 'sales', operation: { kind: 'adjust', quantity: -n } },
    ];
  }
}
