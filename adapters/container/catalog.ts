import * as catalog from '../../application/catalog/index.js';
import { CATALOG_QUERIES } from '../../application/catalog/read-model.js';
import { CATALOG_STORE } from '../../application/catalog/store.js';
import type { CatalogQueries } from '../../domain/catalog/ports.js';
import { seedCatalogDemo } from '../demo/catalog.js';
import { catalogRoutes } from '../http/express/catalog/index.js';
import { MemoryCatalogQueries } from '../persistence/memory/catalog/queries.js';
import { memoryCatalogStore } from '../persistence/memory/catalog/repositories.js';
import { type BaseDeps, baseDeps, defineContext, exposed, memoryReadModel, memoryStore } from './module.js';

/** What the catalog's facade is built with: the use cases' deps, and its read model (built once by the persistence). */
export interface CatalogDeps extends BaseDeps {
  /** Product detail, search, category tree, brands, front categories: committed data, outside any unit of work. */
  readonly queries: CatalogQueries;
}

/**
 * 商品中心 (spec §1): categories and attribute templates, brands, front categories, products and SKUs,
 * combos, prices, listing and its schedules (CAT-1 … CAT-3), and the read side (`zt.catalog.queries`).
 */
export const catalogContext = defineContext({
  name: 'catalog',
  deps: (w): CatalogDeps => ({ ...baseDeps(w), queries: w.readModel(CATALOG_QUERIES) }),
  facades: {
    catalog: {
      createCategory: (d) => new catalog.CreateCategory(d),
      updateCategory: (d) => new catalog.UpdateCategory(d),
      deleteCategory: (d) => new catalog.DeleteCategory(d),
      createBrand: (d) => new catalog.CreateBrand(d),
      updateBrand: (d) => new catalog.UpdateBrand(d),
      createFrontCategory: (d) => new catalog.CreateFrontCategory(d),
      updateFrontCategory: (d) => new catalog.UpdateFrontCategory(d),
      deleteFrontCategory: (d) => new catalog.DeleteFrontCategory(d),
      createSpu: (d) => new catalog.CreateSpu(d),
      createComboSpu: (d) => new catalog.CreateComboSpu(d),
      updateSpu: (d) => new catalog.UpdateSpu(d),
      changeSkuPrice: (d) => new catalog.ChangeSkuPrice(d),
      /** List, unlist, or schedule (CAT-3). */
      changeListing: (d) => new catalog.ChangeListing(d),
      /** What the host runs every few seconds (`zhongtai serve`: every 5 s). */
      applyDueListingSchedules: (d) => new catalog.ApplyDueListingSchedules(d),
      /** Read side: product detail, search, category tree, brands, front categories. */
      queries: (d) => exposed(d.queries),
    },
  },
  persistence: {
    memory: [memoryStore(CATALOG_STORE, memoryCatalogStore), memoryReadModel(CATALOG_QUERIES, (db) => new MemoryCatalogQueries(db))],
    postgresql: async () => (await import('../persistence/mikro-orm/catalog/index.js')).catalogPostgres,
  },
  routes: catalogRoutes,
  demo: (zt) => seedCatalogDemo(zt),
});
