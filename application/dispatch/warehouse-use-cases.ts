import { Warehouse, type WarehouseFields, type WarehouseSnapshot, type WarehouseStatus } from '../../domain/dispatch/warehouse.js';
import type { IdGenerator } from '../../domain/shared/ports.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import { checkCodeFree, requireWarehouse } from './lookups.js';

/** Creates a warehouse with its delivery tiers (no two regions may overlap); its code must be free. */
export class CreateWarehouse {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly ids: IdGenerator,
  ) {}

  execute(cmd: WarehouseFields): Promise<WarehouseSnapshot> {
    return this.uow.run(async (tx) => {
      const warehouse = Warehouse.create(this.ids.next(), cmd);
      await checkCodeFree(tx, warehouse);
      await tx.warehouses.save(warehouse);
      return warehouse.toSnapshot();
    });
  }
}

export type UpdateWarehouseCommand = Partial<WarehouseFields> & { readonly warehouseId: string };

/**
 * Changes a warehouse's fields, its status (activate / deactivate) and, when `tiers` is given, replaces
 * every delivery tier with its regions (checked as a whole: no overlaps, tier order is time order).
 */
export class UpdateWarehouse {
  constructor(private readonly uow: UnitOfWork) {}

  execute(cmd: UpdateWarehouseCommand): Promise<WarehouseSnapshot> {
    return this.uow.run(async (tx) => {
      const { warehouseId, status, tiers, ...fields } = cmd;
      const warehouse = await requireWarehouse(tx, warehouseId);
      warehouse.update(fields);
      if (tiers !== undefined) warehouse.defineDeliveryRegions(tiers);
      if (status === 'active') warehouse.activate();
      if (status === 'inactive') warehouse.deactivate();
      if (fields.code !== undefined) await checkCodeFree(tx, warehouse);
      await tx.warehouses.save(warehouse);
      return warehouse.toSnapshot();
    });
  }
}

/** Every warehouse, or those of one status, by code. */
export class ListWarehouses {
  constructor(private readonly uow: UnitOfWork) {}

  execute(cmd: { readonly status?: WarehouseStatus } = {}): Promise<WarehouseSnapshot[]> {
    return this.uow.run(async (tx) => {
      const found = cmd.status === 'active' ? await tx.warehouses.active() : await tx.warehouses.all();
      return found.map((w) => w.toSnapshot()).filter((w) => cmd.status === undefined || w.status === cmd.status);
    });
  }
}
