import * as dispatch from '../../application/dispatch/index.js';
import { DISPATCH_STORE } from '../../application/dispatch/store.js';
import { seedDispatchDemo } from '../demo/dispatch.js';
import { dispatchRoutes } from '../http/express/dispatch/index.js';
import { memoryDispatchStore } from '../persistence/memory/dispatch/repositories.js';
import { baseDeps, defineContext, memoryStore } from './module.js';

/** 调度中心 (spec §3): warehouses with their tiered delivery regions, and pre-dispatch by DSP-1. */
export const dispatchContext = defineContext({
  name: 'dispatch',
  deps: baseDeps,
  facades: {
    dispatch: {
      createWarehouse: (d) => new dispatch.CreateWarehouse(d),
      /** Fields, status (activate / deactivate), or every tier at once. */
      updateWarehouse: (d) => new dispatch.UpdateWarehouse(d),
      listWarehouses: (d) => new dispatch.ListWarehouses(d),
      /** DSP-1 for lines to a district: the warehouse(s), split if needed, with delivery days. */
      previewDispatch: (d) => new dispatch.PreviewDispatch(d),
    },
  },
  persistence: {
    memory: [memoryStore(DISPATCH_STORE, memoryDispatchStore)],
    postgresql: async () => (await import('../persistence/mikro-orm/dispatch/index.js')).dispatchPostgres,
  },
  routes: dispatchRoutes,
  // Warehouses and purchase receipts: the stock of every layer (through `zt.inventory`).
  demo: (zt) => seedDispatchDemo(zt),
});
