import { Warehouse, type WarehouseFields, type WarehouseSnapshot } from '../../domain/dispatch/warehouse.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { checkCodeFree } from './lookups.js';
import { DISPATCH_STORE } from './store.js';

/** Creates a warehouse with its delivery tiers (no two regions may overlap); its code must be free. */
export class CreateWarehouse {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: WarehouseFields): Promise<WarehouseSnapshot> {
    return this.d.uow.run(async (tx) => {
      const warehouse = Warehouse.create(this.d.ids.next(), cmd);
      await checkCodeFree(tx, warehouse);
      await tx.use(DISPATCH_STORE).warehouses.save(warehouse);
      return warehouse.toSnapshot();
    });
  }
}
