import { CATALOG_STORE } from '../../../../application/catalog/store.js';
import { pgStore, type PostgresContextPart } from '../context-part.js';
import { Migration20261122000000_catalog } from './migrations/Migration20261122000000_catalog.js';
import { BrandSchema, CategorySchema, FrontCategorySchema } from './records.js';
import { pgCatalogStore } from './repositories.js';
import { SkuSchema, SpuSchema } from './spu-records.js';

/**
 * The catalog on PostgreSQL: `category`, `brand`, `front_category`, `spu` and `sku`. Its read side
 * (`MikroOrmCatalogQueries`, with the product-detail cache its units of work invalidate) is built by
 * `mikroOrmPersistence` itself: it lives as long as the persistence, not a transaction.
 */
export const catalogPostgres: PostgresContextPart = {
  entities: [CategorySchema, BrandSchema, FrontCategorySchema, SpuSchema, SkuSchema],
  migrations: [{ name: 'Migration20261122000000_catalog', class: Migration20261122000000_catalog }],
  stores: [pgStore(CATALOG_STORE, pgCatalogStore)],
};
