import { type CodeOf, errorCatalogue } from '../shared/errors.js';

/**
 * The inventory context's error list (库存中心): each stable code with its kind (invalid → 422,
 * conflict → 409, not_found → 404). Refusals of a layer's rule carry the figure that lacked in `details`.
 */
export const INVENTORY_ERRORS = errorCatalogue('INVENTORY', {
  /** A location code out of shape (letters, digits, `.`, `_`, `-`, at most 40) (422). */
  INVALID_LOCATION: 'invalid',
  /** An oversell allowance or low-stock threshold that is not a whole number in range, or `virtual` not a boolean (422). */
  INVALID_POLICY: 'invalid',
  /** A carve-out, release or activity lock without its pool (422). */
  INVALID_POOL: 'invalid',
  /** A business reference that is blank or longer than 200 characters (422). */
  INVALID_REFERENCE: 'invalid',
  /** A repair that trusts neither the counters nor the ledger (422). */
  INVALID_REPAIR: 'invalid',
  /** A move to the location it comes from (422). */
  MOVE_SAME_LOCATION: 'invalid',
  /** An order stock change without lines (422). */
  NO_LINES: 'invalid',
  /** A transfer to the warehouse it comes from (422). */
  TRANSFER_SAME_WAREHOUSE: 'invalid',
  /** INV-3: a lock beyond sellable (and the oversell allowance), or beyond what is left in its pool (409). */
  OUT_OF_STOCK: 'conflict',
  /** An unlock beyond what its lock holds, or an unpick beyond what the location has locked (409). */
  UNLOCK_EXCEEDS_LOCK: 'conflict',
  /** A deduct beyond what its lock holds (409). */
  NOT_LOCKED: 'conflict',
  /** A return beyond what was sold (409). */
  RETURN_EXCEEDS_SOLD: 'conflict',
  /** A stock-take or damage that would take the sales total below the locked and carved-out units (409). */
  ADJUST_BELOW_HELD: 'conflict',
  /** A stock-take that would take a location's or a warehouse's available units below zero (409). */
  ADJUST_BELOW_ZERO: 'conflict',
  /** A carve-out beyond sellable (409). */
  CARVE_OUT_EXCEEDS_SELLABLE: 'conflict',
  /** A release beyond what is left in the pool (409). */
  RELEASE_EXCEEDS_ACTIVITY: 'conflict',
  /** Presale units arriving beyond those awaited (409). */
  PRESALE_EXCEEDED: 'conflict',
  /** A counter would pass 2,147,483,647 (409). */
  COUNTER_OVERFLOW: 'conflict',
  /** INV-5: a reference used before for another quantity, lock, pool, counters, or another step of a flow (409). */
  REFERENCE_REUSED: 'conflict',
  /** A repair trusting the ledger would break INV-3 (409). */
  REPAIR_WOULD_OVERSELL: 'conflict',
  /** Not enough available units at the location or in the warehouse (409). */
  INSUFFICIENT_AVAILABLE: 'conflict',
  /** A receipt beyond the units in transit (409). */
  RECEIPT_EXCEEDS_IN_TRANSIT: 'conflict',
  /** A release beyond the units assigned (409). */
  RELEASE_EXCEEDS_USED: 'conflict',
  /** A shipment beyond the units assigned in the warehouse (409). */
  SHIP_EXCEEDS_USED: 'conflict',
  /** A shipment beyond the units picked at the location (409). */
  SHIP_EXCEEDS_LOCKED: 'conflict',
  /** A write-off beyond the damaged units (409). */
  WRITE_OFF_EXCEEDS_DAMAGED: 'conflict',
  /** A SKU the catalog does not know, or without a stock record (404). */
  UNKNOWN_SKU: 'not_found',
});

/** The inventory codes by name (`INVENTORY_ERROR.OUT_OF_STOCK` is `'INVENTORY.OUT_OF_STOCK'`). */
export const INVENTORY_ERROR = INVENTORY_ERRORS.codes;
export type InventoryErrorCode = CodeOf<typeof INVENTORY_ERRORS>;
