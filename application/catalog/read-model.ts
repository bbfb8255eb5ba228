import type { CatalogQueries } from '../../domain/catalog/ports.js';
import { readModelKey } from '../shared/read-model.js';

/**
 * The catalog's read side (`zt.catalog.queries`): product detail, search, category tree, brands, front
 * categories, over committed data. Each persistence builds it once (`persistence.readModel(CATALOG_QUERIES)`)
 * from the factory the catalog's module registers; the key is never exported from the context's index.
 */
export const CATALOG_QUERIES = readModelKey<CatalogQueries>('catalog.queries');
