import { locationCode } from '../../domain/inventory/layer-stock.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { LayeredStockFlow, type LayerStep, type WarehouseStockCommand } from './layered-stock.js';

export interface MoveCommand extends WarehouseStockCommand {
  readonly fromLocation: string;
  readonly toLocation: string;
}

/** 移库: available units move between two locations of one warehouse; the other layers do not change. */
export class MoveStock extends LayeredStockFlow<MoveCommand> {
  protected readonly kind = 'move';
  protected override check(cmd: MoveCommand): void {
    locationCode(cmd.fromLocation);
    locationCode(cmd.toLocation);
    if (cmd.fromLocation === cmd.toLocation) {
      throw DomainError.invalid('INVENTORY.MOVE_SAME_LOCATION', 'a move goes to another location', { location: cmd.fromLocation });
    }
  }
  protected warehouseIds(cmd: MoveCommand): string[] {
    return [cmd.warehouseId];
  }
  protected steps(cmd: MoveCommand): LayerStep[] {
    const n = cmd.quantity;
    return [
      { layer: 'warehouse', warehouseId: cmd.warehouseId, location: cmd.fromLocation, operation: { kind: 'move_out', quantity: n } },
      { layer: 'warehouse', warehouseId: cmd.warehouseId, location: cmd.toLocation, operation: { kind: 'move_in', quantity: n } },
    ];
  }
}
