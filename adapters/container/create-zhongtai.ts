import { Container } from 'inversify';
import type { CatalogQueries } from '../../domain/catalog/ports.js';
import { InProcessEventBus } from '../../application/shared/event-bus.js';
import type { Persistence } from '../../application/shared/persistence.js';
import { systemClock, type Clock, type IdGenerator } from '../../domain/shared/ports.js';
import { memoryPersistence } from '../persistence/memory/index.js';
import { UuidV7Generator } from '../system/uuid-v7.js';
import { CATALOG, catalogModule } from './catalog-module.js';
import { DISPATCH, dispatchModule } from './dispatch-module.js';
import { INVENTORY, inventoryModule } from './inventory-module.js';
import { persistenceModule, sharedModule } from './shared-module.js';
import { TOKENS } from './tokens.js';

export interface ZhongtaiOptions {
  /** Defaults to in-memory persistence. Use `mikroOrmPersistence()` from `zhongtai/mikro-orm` for PostgreSQL. */
  readonly persistence?: Persistence;
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  /** Called when an event handler throws; the default writes to stderr. */
  readonly onEventError?: (error: unknown, event: { type: string }) => void;
}

type Bound<T extends { execute: (...args: never[]) => unknown }> = T['execute'];

/** The use cases of the catalog, ready to call. */
export interface CatalogFacade {
  createCategory: Bound<import('../../application/catalog/index.js').CreateCategory>;
  updateCategory: Bound<import('../../application/catalog/index.js').UpdateCategory>;
  deleteCategory: Bound<import('../../application/catalog/index.js').DeleteCategory>;
  createBrand: Bound<import('../../application/catalog/index.js').CreateBrand>;
  updateBrand: Bound<import('../../application/catalog/index.js').UpdateBrand>;
  createFrontCategory: Bound<import('../../application/catalog/index.js').CreateFrontCategory>;
  updateFrontCategory: Bound<import('../../application/catalog/index.js').UpdateFrontCategory>;
  deleteFrontCategory: Bound<import('../../application/catalog/index.js').DeleteFrontCategory>;
  createSpu: Bound<import('../../application/catalog/index.js').CreateSpu>;
  createComboSpu: Bound<import('../../application/catalog/index.js').CreateComboSpu>;
  updateSpu: Bound<import('../../application/catalog/index.js').UpdateSpu>;
  changeSkuPrice: Bound<import('../../application/catalog/index.js').ChangeSkuPrice>;
  changeListing: Bound<import('../../application/catalog/index.js').ChangeListing>;
  applyDueListingSchedules: Bound<import('../../application/catalog/index.js').ApplyDueListingSchedules>;
  /** Read side: product detail, search, category tree, brands, front categories. */
  queries: CatalogQueries;
}

/** The use cases of inventory (the sales layer so far). */
export interface InventoryFacade {
  configureStock: Bound<import('../../application/inventory/index.js').ConfigureStock>;
  changeStock: Bound<import('../../application/inventory/index.js').ChangeStock>;
  changeOrderStock: Bound<import('../../application/inventory/index.js').ChangeOrderStock>;
  checkStockConsistency: Bound<import('../../application/inventory/index.js').CheckStockConsistency>;
  viewStock: Bound<import('../../application/inventory/index.js').ViewStock>;
}

/** The use cases of dispatch: warehouses, their available units (a stand-in), pre-dispatch (DSP-1). */
export interface DispatchFacade {
  createWarehouse: Bound<import('../../application/dispatch/index.js').CreateWarehouse>;
  updateWarehouse: Bound<import('../../application/dispatch/index.js').UpdateWarehouse>;
  listWarehouses: Bound<import('../../application/dispatch/index.js').ListWarehouses>;
  setWarehouseStock: Bound<import('../../application/dispatch/index.js').SetWarehouseStock>;
  previewDispatch: Bound<import('../../application/dispatch/index.js').PreviewDispatch>;
}

export interface Zhongtai {
  readonly catalog: CatalogFacade;
  readonly inventory: InventoryFacade;
  readonly dispatch: DispatchFacade;
  /** Subscribe to committed domain events: `zt.events.subscribe('catalog.spu.listed', handler)`. */
  readonly events: InProcessEventBus;
  readonly persistence: Persistence;
  /** The clock the use cases run on (adapters use it too, so a test clock governs everything). */
  readonly clock: Clock;
  /** The inversify container, for hosts that add their own modules. */
  readonly container: Container;
  close(): Promise<void>;
}

/**
 * Builds the composition root and hands back ready use cases on the chosen persistence.
 * No connection is opened here: the persistence adapter you pass owns its connection.
 */
export function createZhongtai(options: ZhongtaiOptions = {}): Zhongtai {
  const persistence = options.persistence ?? memoryPersistence();
  const onEventError =
    options.onEventError ?? ((error: unknown, event: { type: string }) => console.error(`event handler failed for ${event.type}:`, error));
  const eventBus = new InProcessEventBus(onEventError);
  const container = new Container();
  container.load(
    sharedModule({ clock: options.clock ?? systemClock, ids: options.ids ?? new UuidV7Generator(), eventBus }),
    persistenceModule(persistence),
    catalogModule,
    inventoryModule,
    dispatchModule,
  );
  const run = <T extends { execute: (...args: never[]) => unknown }>(id: symbol | import('inversify').ServiceIdentifier<T>): T['execute'] => {
    const useCase = container.get<T>(id as import('inversify').ServiceIdentifier<T>);
    return useCase.execute.bind(useCase) as T['execute'];
  };
  const catalog: CatalogFacade = {
    createCategory: run(CATALOG.CreateCategory),
    updateCategory: run(CATALOG.UpdateCategory),
    deleteCategory: run(CATALOG.DeleteCategory),
    createBrand: run(CATALOG.CreateBrand),
    updateBrand: run(CATALOG.UpdateBrand),
    createFrontCategory: run(CATALOG.CreateFrontCategory),
    updateFrontCategory: run(CATALOG.UpdateFrontCategory),
    deleteFrontCategory: run(CATALOG.DeleteFrontCategory),
    createSpu: run(CATALOG.CreateSpu),
    createComboSpu: run(CATALOG.CreateComboSpu),
    updateSpu: run(CATALOG.UpdateSpu),
    changeSkuPrice: run(CATALOG.ChangeSkuPrice),
    changeListing: run(CATALOG.ChangeListing),
    applyDueListingSchedules: run(CATALOG.ApplyDueListingSchedules),
    queries: container.get(TOKENS.CatalogQueries),
  };
  const inventory: InventoryFacade = {
    configureStock: run(INVENTORY.ConfigureStock),
    changeStock: run(INVENTORY.ChangeStock),
    changeOrderStock: run(INVENTORY.ChangeOrderStock),
    checkStockConsistency: run(INVENTORY.CheckStockConsistency),
    viewStock: run(INVENTORY.ViewStock),
  };
  const dispatch: DispatchFacade = {
    createWarehouse: run(DISPATCH.CreateWarehouse),
    updateWarehouse: run(DISPATCH.UpdateWarehouse),
    listWarehouses: run(DISPATCH.ListWarehouses),
    setWarehouseStock: run(DISPATCH.SetWarehouseStock),
    previewDispatch: run(DISPATCH.PreviewDispatch),
  };
  const clock = container.get(TOKENS.Clock);
  return { catalog, inventory, dispatch, events: eventBus, persistence, clock, container, close: () => persistence.close() };
}
