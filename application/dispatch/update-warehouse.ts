import type { WarehouseFields, WarehouseSnapshot } from '../../domain/dispatch/warehouse.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { checkCodeFree, requireWarehouse } from './lookups.js';
import { DISPATCH_STORE } from './store.js';

export type UpdateWarehouseCommand = Partial<WarehouseFields> & { readonly warehouseId: string };

/**
 * Changes a warehouse's fields, its status (activate / deactivate) and, when `tiers` is given, replaces
 * every delivery tier with its regions (checked as a whole: no overlaps, tier order is time order).
 */
export class UpdateWarehouse {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: UpdateWarehouseCommand): Promise<WarehouseSnapshot> {
    return this.d.uow.run(async (tx) => {
      const { warehouseId, status, tiers, ...fields } = cmd;
      const warehouse = await requireWarehouse(tx, warehouseId);
      warehouse.update(fields);
      if (tiers !== undefined) warehouse.defineDeliveryRegions(tiers);
      if (status === 'active') warehouse.activate();
      if (status === 'inactive') warehouse.deactivate();
      if (fields.code !== undefined) await checkCodeFree(tx, warehouse);
      await tx.use(DISPATCH_STORE).warehouses.save(warehouse);
      return warehouse.toSnapshot();
    });
  }
}
