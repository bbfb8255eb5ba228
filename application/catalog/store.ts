import type { Brands, Categories, FrontCategories, Spus } from '../../domain/catalog/ports.js';
import { storeKey } from '../shared/store.js';

/** The catalog's repositories in one transaction (never exported from the context's index). */
export interface CatalogStore {
  readonly categories: Categories;
  readonly brands: Brands;
  readonly frontCategories: FrontCategories;
  readonly spus: Spus;
}

export const CATALOG_STORE = storeKey<CatalogStore>('catalog');
