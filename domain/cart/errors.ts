import { DomainError } from '../shared/domain-error.js';

/** The cart's stable error codes (HTTP status by kind: invalid 422, not_found 404, conflict 409). */
export const CART_ERROR = {
  /** A quantity that is not a whole number of at least 1 (422). */
  INVALID_QUANTITY: 'CART.INVALID_QUANTITY',
  /** Above the line's limit: 999 per line, the SKU's purchase limit, or what is in stock (422). */
  QUANTITY_LIMIT: 'CART.QUANTITY_LIMIT',
  /** A new line in a cart that already holds the most lines allowed (409). */
  FULL: 'CART.FULL',
  /** Nothing of the SKU can be sold now: sales-layer sellable ≤ 0 and not virtual (409). */
  OUT_OF_STOCK: 'CART.OUT_OF_STOCK',
  /** The catalog does not know the SKU (404). */
  UNKNOWN_SKU: 'CART.UNKNOWN_SKU',
  /** The SKU's product is not listed (409). */
  SKU_NOT_LISTED: 'CART.SKU_NOT_LISTED',
  /** The cart has no line for the SKU (404). */
  LINE_NOT_FOUND: 'CART.LINE_NOT_FOUND',
  /** No guest cart under this id: guest ids are handed out by the server, never chosen by clients (404). */
  GUEST_CART_NOT_FOUND: 'CART.GUEST_CART_NOT_FOUND',
  /** A cart owner that is not a member or a guest with an id of 1 to 128 characters (422). */
  INVALID_OWNER: 'CART.INVALID_OWNER',
} as const;

export const cartInvalid = (code: string, message: string, details?: Record<string, unknown>) => DomainError.invalid(code, message, details);
export const cartConflict = (code: string, message: string, details?: Record<string, unknown>) => DomainError.conflict(code, message, details);
export const cartNotFound = (code: string, message: string, details?: Record<string, unknown>) => DomainError.notFound(code, message, details);
