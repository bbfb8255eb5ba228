import { DomainError } from '../shared/domain-error.js';

/** Stable codes of the checkout preview (结算页). Cart codes (`CART.*`) are reused for lines and quantities. */
export const CHECKOUT_ERROR = {
  /** The address is not a district code of a known region (422). */
  INVALID_ADDRESS: 'CHECKOUT.INVALID_ADDRESS',
  /** No selected, valid cart line and no buy-now line (422). */
  NOTHING_TO_BUY: 'CHECKOUT.NOTHING_TO_BUY',
  /** A chosen coupon is not one of the member's coupons (404: another member's coupons are not revealed). */
  COUPON_NOT_FOUND: 'CHECKOUT.COUPON_NOT_FOUND',
  /** A chosen coupon is the member's but cannot be used on this order (used, locked, expired, out of scope, below threshold, not combinable …) (422). */
  COUPON_NOT_USABLE: 'CHECKOUT.COUPON_NOT_USABLE',
  /** Cross-border rates name a SKU that is not among the lines bought (422). */
  UNKNOWN_CROSS_BORDER_LINE: 'CHECKOUT.UNKNOWN_CROSS_BORDER_LINE',
} as const;

export const checkoutInvalid = (code: string, message: string, details?: Record<string, unknown>) => DomainError.invalid(code, message, details);
export const checkoutNotFound = (code: string, message: string, details?: Record<string, unknown>) => DomainError.notFound(code, message, details);
