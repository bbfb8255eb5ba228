import type { WarehouseSnapshot, WarehouseStatus } from '../../domain/dispatch/warehouse.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { DISPATCH_STORE } from './store.js';

/** Every warehouse, or those of one status, by code. */
export class ListWarehouses {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { readonly status?: WarehouseStatus } = {}): Promise<WarehouseSnapshot[]> {
    return this.d.uow.run(async (tx) => {
      const { warehouses } = tx.use(DISPATCH_STORE);
      const found = cmd.status === 'active' ? await warehouses.active() : await warehouses.all();
      return found.map((w) => w.toSnapshot()).filter((w) => cmd.status === undefined || w.status === cmd.status);
    });
  }
}
