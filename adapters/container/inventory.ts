import * as inventory from '../../application/inventory/index.js';
import { INVENTORY_STORE } from '../../application/inventory/store.js';
import { seedInventoryDemo } from '../demo/inventory.js';
import { inventoryRoutes, warehouseStockRoutes } from '../http/express/inventory/index.js';
import { memoryInventoryStore } from '../persistence/memory/inventory/store.js';
import { baseDeps, defineContext, memoryStore, type Wiring } from './module.js';
import { TOKENS } from './tokens.js';

/** The deps of inventory's use cases: order stock locks commit the way the persistence offers (PostgreSQL: in batches, decision 0011). */
const inventoryDeps = (w: Wiring): inventory.InventoryDeps => ({ ...baseDeps(w), orderStockLocks: w.get(TOKENS.OrderStockLocks) });

/**
 * 库存中心 (spec §2): the sales layer (locks, pools, presale, oversell, low-stock events, INV-1 … INV-5),
 * the dispatch and warehouse layers with their flows, consistency check and repair.
 */
export const inventoryContext = defineContext({
  name: 'inventory',
  deps: inventoryDeps,
  facades: {
    inventory: {
      configureStock: (d) => new inventory.ConfigureStock(d),
      changeStock: (d) => new inventory.ChangeStock(d),
      changeOrderStock: (d) => new inventory.ChangeOrderStock(d),
      checkStockConsistency: (d) => new inventory.CheckStockConsistency(d),
      /** INV-4 repair, trusting the counters (correction movements) or the ledger (counters reset). */
      repairStockConsistency: (d) => new inventory.RepairStockConsistency(d),
      /** INV-4 repair of every layer, trusting the counters (correction movements). */
      repairLayeredStockConsistency: (d) => new inventory.RepairLayeredStockConsistency(d),
      viewStock: (d) => new inventory.ViewStock(d),
      /** 采购在途 (dispatch layer in-transit). */
      recordPurchaseInTransit: (d) => new inventory.RecordPurchaseInTransit(d),
      /** 采购入库 at a location: warehouse, dispatch and sales layers. */
      receivePurchase: (d) => new inventory.ReceivePurchase(d),
      /** 调拨出库: out of a location of one warehouse, in transit to another. */
      transferStock: (d) => new inventory.TransferStock(d),
      /** 调拨入库 at a location of the target. */
      receiveTransfer: (d) => new inventory.ReceiveTransfer(d),
      markDamaged: (d) => new inventory.MarkDamaged(d),
      writeOffDamaged: (d) => new inventory.WriteOffDamaged(d),
      moveStock: (d) => new inventory.MoveStock(d),
      /** 盘盈盘亏 at a location, in every layer. */
      takeStock: (d) => new inventory.TakeStock(d),
      assignStock: (d) => new inventory.AssignStock(d),
      releaseStock: (d) => new inventory.ReleaseStock(d),
      pickStock: (d) => new inventory.PickStock(d),
      unpickStock: (d) => new inventory.UnpickStock(d),
      shipStock: (d) => new inventory.ShipStock(d),
      /** A SKU in all three layers with their ledgers. */
      viewLayeredStock: (d) => new inventory.ViewLayeredStock(d),
      /** INV-4 in every layer, and dispatch book against the locations. */
      checkLayeredStockConsistency: (d) => new inventory.CheckLayeredStockConsistency(d),
    },
  },
  persistence: {
    memory: [memoryStore(INVENTORY_STORE, memoryInventoryStore)],
    postgresql: async () => (await import('../persistence/mikro-orm/inventory/index.js')).inventoryPostgres,
  },
  routes: [...inventoryRoutes, ...warehouseStockRoutes],
  // Sales-layer policies and the flash-sale carve-out, on the stock the dispatch demo received.
  demo: (zt) => seedInventoryDemo(zt),
});
