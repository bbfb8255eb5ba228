import { type CodeOf, errorCatalogue } from '../shared/errors.js';

/** The cart's error list (购物车): each stable code with its kind (invalid → 422, not_found → 404, conflict → 409). */
export const CART_ERRORS = errorCatalogue('CART', {
  /** A quantity that is not a whole number of at least 1 (422). */
  INVALID_QUANTITY: 'invalid',
  /** Above the line's limit: 999 per line, the SKU's purchase limit, or what is in stock (422). */
  QUANTITY_LIMIT: 'invalid',
  /** A new line in a cart that already holds the most lines allowed (409). */
  FULL: 'conflict',
  /** Nothing of the SKU can be sold now: sales-layer sellable ≤ 0 and not virtual (409). */
  OUT_OF_STOCK: 'conflict',
  /** The catalog does not know the SKU (404). */
  UNKNOWN_SKU: 'not_found',
  /** The SKU's product is not listed (409). */
  SKU_NOT_LISTED: 'conflict',
  /** The cart has no line for the SKU (404). */
  LINE_NOT_FOUND: 'not_found',
  /** No guest cart under this id: guest ids are handed out by the server, never chosen by clients (404). */
  GUEST_CART_NOT_FOUND: 'not_found',
  /** A cart owner that is not a member or a guest with an id of 1 to 128 characters (422). */
  INVALID_OWNER: 'invalid',
});

/** The cart codes by name (`CART_ERROR.FULL` is `'CART.FULL'`). */
export const CART_ERROR = CART_ERRORS.codes;
export type CartErrorCode = CodeOf<typeof CART_ERRORS>;
