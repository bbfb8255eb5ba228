import { DomainError } from '../shared/domain-error.js';

/**
 * Stable codes of the coupon context (优惠券). `details` say which template, coupon, order or member
 * and, for definition errors, the field and a stable upper-case `reason` clients may branch on.
 */
export const COUPON_ERROR = {
  /** A template definition is malformed: a discount above 100 %, a threshold below the discount, an empty window … (422). */
  INVALID_TEMPLATE: 'COUPON.INVALID_TEMPLATE',
  /** A command outside the definition: an empty or too long member list, a bad sweep size … (422). */
  INVALID_COMMAND: 'COUPON.INVALID_COMMAND',
  TEMPLATE_NOT_FOUND: 'COUPON.TEMPLATE_NOT_FOUND',
  /** The template was stopped: nothing more is claimed or issued from it (409). */
  TEMPLATE_STOPPED: 'COUPON.TEMPLATE_STOPPED',
  /** A hidden template: members cannot claim it, staff issue it (403). */
  NOT_CLAIMABLE: 'COUPON.NOT_CLAIMABLE',
  /** Outside the claim window, or the fixed validity has already ended (422). */
  CLAIM_WINDOW_CLOSED: 'COUPON.CLAIM_WINDOW_CLOSED',
  /** A new-customer template, and the member has ordered before (422). */
  NEW_CUSTOMERS_ONLY: 'COUPON.NEW_CUSTOMERS_ONLY',
  /** The total quantity has been handed out (409). */
  SOLD_OUT: 'COUPON.SOLD_OUT',
  /** The member holds as many as the per-member limit allows (409). */
  LIMIT_REACHED: 'COUPON.LIMIT_REACHED',
  /** No such coupon of this member (404). */
  NOT_FOUND: 'COUPON.NOT_FOUND',
  /** Locking a coupon that is not available (used, locked, expired), or outside its validity (409). */
  NOT_USABLE: 'COUPON.NOT_USABLE',
  /** Locking a coupon another order holds (409). */
  LOCKED_BY_ANOTHER_ORDER: 'COUPON.LOCKED_BY_ANOTHER_ORDER',
  /** Releasing or using a coupon this order does not hold (409). */
  NOT_LOCKED_BY_ORDER: 'COUPON.NOT_LOCKED_BY_ORDER',
  /** Returning (CPN-2) a coupon this order did not use (409). */
  NOT_USED_BY_ORDER: 'COUPON.NOT_USED_BY_ORDER',
} as const;

export type CouponErrorCode = (typeof COUPON_ERROR)[keyof typeof COUPON_ERROR];

/** A malformed template definition: `reason` is a stable word (`PERCENT_OUT_OF_RANGE`, `EMPTY_WINDOW` …), `field` names the input. */
export function invalidTemplate(field: string, reason: string, message?: string): DomainError {
  return DomainError.invalid(COUPON_ERROR.INVALID_TEMPLATE, message ?? `coupon template: invalid ${field} (${reason})`, { field, reason });
}

export function templateNotFound(templateId: string): DomainError {
  return DomainError.notFound(COUPON_ERROR.TEMPLATE_NOT_FOUND, `no coupon template ${templateId}`, { templateId });
}

export function couponNotFound(couponId: string): DomainError {
  return DomainError.notFound(COUPON_ERROR.NOT_FOUND, `no coupon ${couponId}`, { couponId });
}
