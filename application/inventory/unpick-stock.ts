import { AtLocation, type LayerStep, type LocationStockCommand } from './layered-stock.js';

/** A pick undone: warehouse locked → available. */
export class UnpickStock extends AtLocation {
  protected readonly kind = 'unlock';
  protected steps(cmd: LocationStockCommand): LayerStep[] {
    return [{ layer: 'warehouse', warehouseId: cmd.warehouseId, location: cmd.location, operation: { kind: 'unlock', quantity: cmd.quantity } }];
  }
}
