import { type CodeOf, errorCatalogue } from '../shared/errors.js';

/**
 * The catalog's error list (商品中心, docs/contexts/catalog.md § Error codes): each stable code with its kind
 * (invalid → 422, not_found → 404, conflict → 409).
 */
export const CATALOG_ERRORS = errorCatalogue('CATALOG', {
  CATEGORY_NOT_FOUND: 'not_found',
  BRAND_NOT_FOUND: 'not_found',
  /** Also for a missing front-category `parentId`. */
  FRONT_CATEGORY_NOT_FOUND: 'not_found',
  /** No such product, or (public routes) one that is not listed. */
  SPU_NOT_FOUND: 'not_found',
  /** The SKU is not in this product. */
  SKU_NOT_FOUND: 'not_found',
  /** CAT-1: a category with products cannot get children or be deleted. */
  CATEGORY_HAS_PRODUCTS: 'conflict',
  CATEGORY_HAS_CHILDREN: 'conflict',
  /** A category with attribute templates cannot get a child (templates belong on leaves). */
  CATEGORY_HAS_ATTRIBUTES: 'conflict',
  DUPLICATE_SPU_CODE: 'conflict',
  DUPLICATE_SKU_CODE: 'conflict',
  /** A listing change `SPU_TRANSITIONS` does not allow (`details.from`, `details.to`). */
  INVALID_STATUS_CHANGE: 'conflict',
  /** CAT-1: more than 4 levels. */
  CATEGORY_TOO_DEEP: 'invalid',
  /** Products or attribute templates on a category with children. */
  CATEGORY_NOT_LEAF: 'invalid',
  INVALID_NAME: 'invalid',
  /** A sort key that is not a whole number an int holds. */
  INVALID_SORT: 'invalid',
  /** A front category under itself or its descendants. */
  INVALID_PARENT: 'invalid',
  INVALID_ATTRIBUTE: 'invalid',
  INVALID_ATTRIBUTE_VALUE: 'invalid',
  REQUIRED_ATTRIBUTE_MISSING: 'invalid',
  UNKNOWN_ATTRIBUTE: 'invalid',
  UNKNOWN_SKU_SPECS: 'invalid',
  DUPLICATE_SKU_SPECS: 'invalid',
  TOO_MANY_SKUS: 'invalid',
  PRICE_REQUIRED: 'invalid',
  /** Not positive, not whole cents, or above 99,999,999.99. */
  INVALID_PRICE: 'invalid',
  MARKET_PRICE_BELOW_SALE_PRICE: 'invalid',
  INVALID_CODE: 'invalid',
  INVALID_TITLE: 'invalid',
  INVALID_TAG: 'invalid',
  /** Components not distinct, fewer than 2 units, or not existing plain SKUs. */
  INVALID_COMBO: 'invalid',
  /** The brand is disabled or not linked to the product's category. */
  BRAND_NOT_ALLOWED: 'invalid',
  /** `unlistAt` not after `listAt`, or `visibleUntil` not after `visibleFrom`. */
  INVALID_SCHEDULE: 'invalid',
  SCHEDULE_IN_PAST: 'invalid',
});

/** The catalog codes by name (`CATALOG_ERROR.SPU_NOT_FOUND` is `'CATALOG.SPU_NOT_FOUND'`). */
export const CATALOG_ERROR = CATALOG_ERRORS.codes;
export type CatalogErrorCode = CodeOf<typeof CATALOG_ERRORS>;
