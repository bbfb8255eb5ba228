import { DomainError } from '../../domain/shared/domain-error.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import { requireSkus, requireWarehouse } from './lookups.js';

export interface WarehouseStockCommand {
  readonly warehouseId: string;
  readonly skuId: string;
  /** Units of the SKU the warehouse can ship, a whole number ≥ 0. */
  readonly available: number;
}

/**
 * Staff set the available units of a catalog SKU in a warehouse, which PreviewDispatch reads.
 *
 * A stand-in until the dispatch layer of stock (issue #3: per SKU and warehouse, with operations and a
 * ledger) lands: it overwrites a figure, records no movement and takes nothing from the sales layer.
 */
export class SetWarehouseStock {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(cmd: WarehouseStockCommand): Promise<WarehouseStockCommand> {
    if (!Number.isSafeInteger(cmd.available) || cmd.available < 0) {
      throw DomainError.invalid('DISPATCH.INVALID_AVAILABLE', 'available units are a whole number from 0', { available: cmd.available });
    }
    return this.uow.run(async (tx) => {
      await requireWarehouse(tx, cmd.warehouseId);
      await requireSkus(tx, [cmd.skuId]);
      await tx.warehouseAvailability.set(cmd.warehouseId, cmd.skuId, cmd.available);
      return { warehouseId: cmd.warehouseId, skuId: cmd.skuId, available: cmd.available };
    });
  }
}
