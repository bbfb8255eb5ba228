import type { DomainError } from '../shared/domain-error.js';
import { type CodeOf, errorCatalogue } from '../shared/errors.js';

/**
 * The coupon context's error list (优惠券): each stable code with its kind (invalid → 422, not_found →
 * 404, conflict → 409, forbidden → 403). `details` say which template, coupon, order or member and, for
 * definition errors, the field and a stable upper-case `reason` clients may branch on.
 */
export const COUPON_ERRORS = errorCatalogue('COUPON', {
  /** A template definition is malformed: a discount above 100 %, a threshold below the discount, an empty window … (422). */
  INVALID_TEMPLATE: 'invalid',
  /** A command outside the definition: an empty or too long member list, a bad sweep size … (422). */
  INVALID_COMMAND: 'invalid',
  TEMPLATE_NOT_FOUND: 'not_found',
  /** The template was stopped: nothing more is claimed or issued from it (409). */
  TEMPLATE_STOPPED: 'conflict',
  /** A hidden template: members cannot claim it, staff issue it (403). */
  NOT_CLAIMABLE: 'forbidden',
  /** Outside the claim window, or the fixed validity has already ended (422). */
  CLAIM_WINDOW_CLOSED: 'invalid',
  /** A new-customer template, and the member has ordered before (422). */
  NEW_CUSTOMERS_ONLY: 'invalid',
  /** The total quantity has been handed out (409). */
  SOLD_OUT: 'conflict',
  /** The member holds as many as the per-member limit allows (409). */
  LIMIT_REACHED: 'conflict',
  /** No such coupon of this member (404). */
  NOT_FOUND: 'not_found',
  /** Locking a coupon that is not available (used, locked, expired), or outside its validity (409). */
  NOT_USABLE: 'conflict',
  /** Locking a coupon another order holds (409). */
  LOCKED_BY_ANOTHER_ORDER: 'conflict',
  /** Releasing or using a coupon this order does not hold (409). */
  NOT_LOCKED_BY_ORDER: 'conflict',
  /** Returning (CPN-2) a coupon this order did not use (409). */
  NOT_USED_BY_ORDER: 'conflict',
  /** A state change `COUPON_TRANSITIONS` does not list (409; the guards of the actions come first, so this is a last defence). */
  INVALID_TRANSITION: 'conflict',
});

/** The coupon codes by name (`COUPON_ERROR.SOLD_OUT` is `'COUPON.SOLD_OUT'`). */
export const COUPON_ERROR = COUPON_ERRORS.codes;
export type CouponErrorCode = CodeOf<typeof COUPON_ERRORS>;

/** A malformed template definition: `reason` is a stable word (`PERCENT_OUT_OF_RANGE`, `EMPTY_WINDOW` …), `field` names the input. */
export function invalidTemplate(field: string, reason: string, message?: string): DomainError {
  return COUPON_ERRORS.raise('INVALID_TEMPLATE', message ?? `coupon template: invalid ${field} (${reason})`, { field, reason });
}

export function templateNotFound(templateId: string): DomainError {
  return COUPON_ERRORS.raise('TEMPLATE_NOT_FOUND', `no coupon template ${templateId}`, { templateId });
}

export function couponNotFound(couponId: string): DomainError {
  return COUPON_ERRORS.raise('NOT_FOUND', `no coupon ${couponId}`, { couponId });
}
