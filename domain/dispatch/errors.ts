import { type CodeOf, errorCatalogue } from '../shared/errors.js';

/** The dispatch context's error list (调度中心): each stable code with its kind (invalid → 422, conflict → 409, not_found → 404). */
export const DISPATCH_ERRORS = errorCatalogue('DISPATCH', {
  /** A malformed region code, or an address that is not a district (422). */
  INVALID_REGION: 'invalid',
  /** Two regions of a warehouse overlap, in one tier or across tiers (422). */
  OVERLAPPING_REGIONS: 'invalid',
  /** A tier other than 1–3, or a tier given twice (422). */
  INVALID_TIER: 'invalid',
  /** Delivery days not whole, outside 0–365, or a later tier faster than an earlier one (422). */
  INVALID_DELIVERY_TIME: 'invalid',
  /** A warehouse field out of shape (422). */
  INVALID_CODE: 'invalid',
  INVALID_NAME: 'invalid',
  INVALID_ADDRESS: 'invalid',
  INVALID_CONTACT: 'invalid',
  INVALID_TYPE: 'invalid',
  INVALID_STATUS: 'invalid',
  INVALID_PRIORITY: 'invalid',
  /** Nothing to dispatch (422). */
  NO_LINES: 'invalid',
  /** No active warehouse delivers to the address (422). */
  NO_WAREHOUSE: 'invalid',
  /** Some line has no deliverable warehouse with enough stock for it (409). */
  INSUFFICIENT_STOCK: 'conflict',
  /** Another warehouse has the code (409). */
  DUPLICATE_WAREHOUSE_CODE: 'conflict',
  /** No warehouse with the id (404). */
  WAREHOUSE_NOT_FOUND: 'not_found',
  /** SKU ids the catalog does not know (404). */
  UNKNOWN_SKU: 'not_found',
});

/** The dispatch codes by name (`DISPATCH_ERROR.NO_WAREHOUSE` is `'DISPATCH.NO_WAREHOUSE'`). */
export const DISPATCH_ERROR = DISPATCH_ERRORS.codes;
export type DispatchErrorCode = CodeOf<typeof DISPATCH_ERRORS>;
