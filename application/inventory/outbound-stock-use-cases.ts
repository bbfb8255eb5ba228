import { AtLocation, LayeredStockFlow, type LayerStep, type LocationStockCommand, type WarehouseStockCommand } from './layered-stock.js';

/**
 * The outbound flows of the dispatch and warehouse layers, for dispatch orders (发货单): assign units of
 * a warehouse to an order, lock them for picking at a location, ship them. The sales layer moved before,
 * top-down (lock at order, deduct at payment).
 */

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

/** 拣货锁定: units at a location are locked for picking: warehouse available → locked. */
export class PickStock extends AtLocation {
  protected readonly kind = 'lock';
  protected steps(cmd: LocationStockCommand): LayerStep[] {
    return [{ layer: 'warehouse', warehouseId: cmd.warehouseId, location: cmd.location, operation: { kind: 'lock', quantity: cmd.quantity } }];
  }
}

/** A pick undone: warehouse locked → available. */
export class UnpickStock extends AtLocation {
  protected readonly kind = 'unlock';
  protected steps(cmd: LocationStockCommand): LayerStep[] {
    return [{ layer: 'warehouse', warehouseId: cmd.warehouseId, location: cmd.location, operation: { kind: 'unlock', quantity: cmd.quantity } }];
  }
}

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
