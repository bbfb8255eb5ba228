import { type CodeOf, errorCatalogue } from '../shared/errors.js';

/**
 * The membership context's error list (会员中心): each stable code with its kind (invalid → 422,
 * not_found → 404, conflict → 409). Raised through `MEMBERSHIP_ERRORS.raise`, so a code always has its listed kind.
 */
export const MEMBERSHIP_ERRORS = errorCatalogue('MEMBERSHIP', {
  /** No member under that id (404). */
  MEMBER_NOT_FOUND: 'not_found',
  /** A member or shop id that is not 1 to 64 letters, digits, - or _ (422). */
  INVALID_ID: 'invalid',
  INVALID_PHONE: 'invalid',
  INVALID_GENDER: 'invalid',
  /** An address field empty or too long (422). */
  INVALID_ADDRESS: 'invalid',
  /** More than 20 addresses (409). */
  TOO_MANY_ADDRESSES: 'conflict',
  /** An address id the member does not have: another member's, or none (404). */
  ADDRESS_NOT_FOUND: 'not_found',
  /** A paid card's plan that is not a short code (422). */
  INVALID_PLAN: 'invalid',
  /** A paid card's days outside 1 to 3660 (422). */
  INVALID_PERIOD: 'invalid',
  /** A level outside the table (platform) or 1 to 20 (shop) (422). */
  INVALID_LEVEL: 'invalid',
  /** Setting a shop level of a member who never joined the shop (404). */
  NOT_A_SHOP_MEMBER: 'not_found',
  /** A manual change without its operator (422). */
  OPERATOR_REQUIRED: 'invalid',
  /** A manual change without its reason (1 to 500 characters) (422). */
  REASON_REQUIRED: 'invalid',
  /** An amount that is not a whole number from 1 to 2,147,483,647 (422). */
  INVALID_AMOUNT: 'invalid',
  /** A reference that is not 1 to 200 characters (422). */
  INVALID_REFERENCE: 'invalid',
  /** A (member, source, reference) applied before with other figures (409). */
  REFERENCE_REUSED: 'conflict',
  /** A change that would carry a balance past what an int holds (409). */
  BALANCE_OVERFLOW: 'conflict',
  /** A points debit the balance does not cover (409). */
  INSUFFICIENT_POINTS: 'conflict',
  /** A growth debit the balance does not cover (409). */
  INSUFFICIENT_GROWTH: 'conflict',
  /** Earning or spending from a source the use case does not take (422). */
  INVALID_SOURCE: 'invalid',
  /** The rule grants no points for this (422). */
  NOTHING_TO_EARN: 'invalid',
  /** Points that are not worth a whole number of cents at the ratio (422). */
  POINTS_NOT_IN_STEPS: 'invalid',
  /** A checkout deduction without lines (422). */
  NO_LINES: 'invalid',
  /** A checkout deduction naming a line twice (422). */
  DUPLICATE_LINE: 'invalid',
  /** A negative payable (422). */
  INVALID_PAYABLE: 'invalid',
  /** Points paying more than `maxPercent` of the payable (422). */
  DEDUCTION_OVER_CAP: 'invalid',
  /** An expiry year outside 2000 to 9000 (422). */
  INVALID_YEAR: 'invalid',
  /** The expiry sweep of a year before its cutoff (409). */
  NOT_YET_EXPIRED: 'conflict',
  /** A moment that is not a valid date (422). */
  INVALID_TIME: 'invalid',
  /** A rule table no one knows (422). */
  UNKNOWN_RULE_TABLE: 'invalid',
  /** A growth or points rule out of shape (422). */
  INVALID_RULE: 'invalid',
  /** Level thresholds out of shape (422). */
  INVALID_THRESHOLDS: 'invalid',
  /** Level thresholds that do not rise strictly (422). */
  THRESHOLDS_OUT_OF_ORDER: 'invalid',
  /** Target shares that are not whole percentages summing to 100 (422). */
  INVALID_SHARES: 'invalid',
  /** An RFM configuration out of shape (422). */
  INVALID_RFM_CONFIG: 'invalid',
  /** No paid-order fact of that order (404). */
  ORDER_NOT_FOUND: 'not_found',
  /** A paid order recorded again with other figures (409). */
  ORDER_FACT_MISMATCH: 'conflict',
  /** A refund above what is left of the paid amount (409). */
  REFUND_EXCEEDS_PAID: 'conflict',
  /** No RFM run under that id, or none yet (404). */
  RFM_RUN_NOT_FOUND: 'not_found',
  /** A member without a paid order in the run (404). */
  NO_RFM_SCORE: 'not_found',
});

/** The membership codes by name (`MEMBERSHIP_ERROR.MEMBER_NOT_FOUND` is `'MEMBERSHIP.MEMBER_NOT_FOUND'`). */
export const MEMBERSHIP_ERROR = MEMBERSHIP_ERRORS.codes;
export type MembershipErrorCode = CodeOf<typeof MEMBERSHIP_ERRORS>;
