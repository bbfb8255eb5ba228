import { CATALOG_QUERIES } from '../../../../application/catalog/read-model.js';
import { CATALOG_STORE } from '../../../../application/catalog/store.js';
import { pgReadModel, pgStore, type PostgresContextPart } from '../context-part.js';
import { Migration20261122000000_catalog } from './migrations/Migration20261122000000_catalog.js';
import { Migration20261207200100_catalog_cache } from './migrations/Migration20261207200100_catalog_cache.js';
import { BrandSchema, CategorySchema, FrontCategorySchema } from './records.js';
import { MikroOrmCatalogQueries } from './queries.js';
import { pgCatalogStore } from './repositories.js';
import { SkuSchema, SpuSchema } from './spu-records.js';

/**
 * The catalog on PostgreSQL: `category`, `brand`, `front_category`, `spu` and `sku`. Its read side
 * (`MikroOrmCatalogQueries`) is built once per persistence, on first use: it lives as long as the
 * persistence, not a transaction, and serves product details from the persistence's cache, which the
 * units of work of this process invalidate for the products they wrote.
 */
export const catalogPostgres: PostgresContextPart = {
  entities: [CategorySchema, BrandSchema, FrontCategorySchema, SpuSchema, SkuSchema],
  migrations: [
    { name: 'Migration20261122000000_catalog', class: Migration20261122000000_catalog },
    { name: 'Migration20261207200100_catalog_cache', class: Migration20261207200100_catalog_cache },
  ],
  stores: [pgStore(CATALOG_STORE, pgCatalogStore)],
  readModels: [pgReadModel(CATALOG_QUERIES, ({ em, pool, spuDetailCache }) => new MikroOrmCatalogQueries(em, pool, spuDetailCache))],
};
