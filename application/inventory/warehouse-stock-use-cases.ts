import { locationCode } from '../../domain/inventory/layer-stock.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { AtLocation, LayeredStockFlow, type LayerStep, type LocationStockCommand, type WarehouseStockCommand } from './layered-stock.js';

/**
 * The flows of the dispatch layer (调度层) and the warehouse layer (仓库层), each one use case and one
 * transaction over every layer it touches, under one business reference (INV-5: replaying the flow
 * changes nothing and answers `replayed: true`). Bottom-up (自下而上): receipts raise the warehouse, the
 * dispatch and the sales layer together.
 */

/** 采购在途: a purchase is on its way to the warehouse (dispatch inTransit + n). */
export class RecordPurchaseInTransit extends LayeredStockFlow<WarehouseStockCommand> {
  protected readonly kind = 'in_transit';
  protected warehouseIds(cmd: WarehouseStockCommand): string[] {
    return [cmd.warehouseId];
  }
  protected steps(cmd: WarehouseStockCommand): LayerStep[] {
    return [{ layer: 'dispatch', warehouseId: cmd.warehouseId, operation: { kind: 'in_transit', quantity: cmd.quantity } }];
  }
}

export interface PurchaseReceiptCommand extends LocationStockCommand {
  /** Whether the units were announced in transit (they leave in-transit) or arrive unannounced. */
  readonly fromInTransit: boolean;
}

/**
 * 采购入库 (bottom-up): the units are put away at the location (warehouse layer available + n), received
 * in the dispatch layer (available and book + n; in-transit − n when announced) and become sellable
 * (sales layer `increase`).
 */
export class ReceivePurchase extends AtLocation<PurchaseReceiptCommand> {
  protected readonly kind = 'receive';
  protected steps(cmd: PurchaseReceiptCommand): LayerStep[] {
    const n = cmd.quantity;
    return [
      { layer: 'warehouse', warehouseId: cmd.warehouseId, location: cmd.location, operation: { kind: 'put_away', quantity: n } },
      { layer: 'dispatch', warehouseId: cmd.warehouseId, operation: { kind: 'receive', quantity: n, fromInTransit: cmd.fromInTransit === true } },
      { layer: 'sales', operation: { kind: 'increase', quantity: n } },
    ];
  }
}

export interface TransferCommand {
  readonly skuId: string;
  readonly fromWarehouseId: string;
  readonly fromLocation: string;
  readonly toWarehouseId: string;
  readonly quantity: number;
  readonly reference: string;
}

/**
 * 调拨出库: units leave a location of the source warehouse (warehouse layer) and its books (dispatch
 * available and book − n), and are in transit at the target (inTransit + n) until `ReceiveTransfer`.
 * The sales layer is per SKU across warehouses: a transfer does not change it.
 */
export class TransferStock extends LayeredStockFlow<TransferCommand> {
  protected readonly kind = 'transfer';
  protected override check(cmd: TransferCommand): void {
    locationCode(cmd.fromLocation);
    if (cmd.fromWarehouseId === cmd.toWarehouseId) {
      throw DomainError.invalid('INVENTORY.TRANSFER_SAME_WAREHOUSE', 'a transfer goes to another warehouse', { warehouseId: cmd.fromWarehouseId });
    }
  }
  protected warehouseIds(cmd: TransferCommand): string[] {
    return [cmd.fromWarehouseId, cmd.toWarehouseId];
  }
  protected steps(cmd: TransferCommand): LayerStep[] {
    const n = cmd.quantity;
    return [
      { layer: 'warehouse', warehouseId: cmd.fromWarehouseId, location: cmd.fromLocation, operation: { kind: 'transfer_out', quantity: n } },
      { layer: 'dispatch', warehouseId: cmd.fromWarehouseId, operation: { kind: 'transfer_out', quantity: n } },
      { layer: 'dispatch', warehouseId: cmd.toWarehouseId, operation: { kind: 'transfer_in', quantity: n } },
    ];
  }
}

/** 调拨入库: a transfer arrives and is put away (warehouse available + n; dispatch in-transit − n, available and book + n). */
export class ReceiveTransfer extends AtLocation {
  protected readonly kind = 'transfer_receive';
  protected steps(cmd: LocationStockCommand): LayerStep[] {
    const n = cmd.quantity;
    return [
      { layer: 'warehouse', warehouseId: cmd.warehouseId, location: cmd.location, operation: { kind: 'transfer_in', quantity: n } },
      { layer: 'dispatch', warehouseId: cmd.warehouseId, operation: { kind: 'transfer_receive', quantity: n } },
    ];
  }
}

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
