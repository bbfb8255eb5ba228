import { type CodeOf, errorCatalogue } from '../shared/errors.js';

/**
 * The checkout context's error list (结算页): each stable code with its kind (invalid → 422, not_found →
 * 404). Cart codes (`CART.*`) are reused for lines and quantities, `CROSSBORDER.*` for the limits.
 */
export const CHECKOUT_ERRORS = errorCatalogue('CHECKOUT', {
  /** The address is not a district code of a known region (422). */
  INVALID_ADDRESS: 'invalid',
  /** No selected, valid cart line and no buy-now line (422). */
  NOTHING_TO_BUY: 'invalid',
  /** A chosen coupon is not one of the member's coupons (404: another member's coupons are not revealed). */
  COUPON_NOT_FOUND: 'not_found',
  /** A chosen coupon is the member's but cannot be used on this order (used, locked, expired, out of scope, below threshold, not combinable …) (422). */
  COUPON_NOT_USABLE: 'invalid',
  /** Cross-border rates name a SKU that is not among the lines bought (422). */
  UNKNOWN_CROSS_BORDER_LINE: 'invalid',
});

/** The checkout codes by name (`CHECKOUT_ERROR.NOTHING_TO_BUY` is `'CHECKOUT.NOTHING_TO_BUY'`). */
export const CHECKOUT_ERROR = CHECKOUT_ERRORS.codes;
export type CheckoutErrorCode = CodeOf<typeof CHECKOUT_ERRORS>;
