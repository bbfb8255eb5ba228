import { DomainError, type DomainErrorKind } from '../shared/domain-error.js';
import { type CodeOf, errorCatalogue } from '../shared/errors.js';

/**
 * The promotion context's error list (促销中心): activities (PRM-2), group buys, bargains, purchase limits,
 * presales — each stable code with its kind (invalid → 422, not_found → 404, conflict → 409, forbidden → 403).
 * Definition errors carry the field and a stable upper-case `reason` in `details`; rule errors found by
 * the pricing engine's own validation keep its code (`PRICING.INVALID_RULE`, with field and reason).
 */
export const PROMOTION_ERRORS = errorCatalogue('PROMOTION', {
  /** PRM-2: a review step the table does not allow (approving what was never submitted …) (409). */
  INVALID_TRANSITION: 'conflict',
  /** The window is malformed or ends before (or when) it starts (422). */
  INVALID_WINDOW: 'invalid',
  /** PRM-2 four eyes: the approver submitted or wrote the version (or its submitter is unknown) (403). */
  SELF_APPROVAL: 'forbidden',
  /** A review step (submit, approve, reject) names the staff member who takes it (422). */
  ACTOR_REQUIRED: 'invalid',
  /** Submitting or approving a version whose window has already ended (422). */
  WINDOW_ENDED: 'invalid',
  /** A name of 1 to 60 characters (422). */
  INVALID_NAME: 'invalid',
  /** Not a known activity kind (422). */
  INVALID_KIND: 'invalid',
  /** A new version must keep the activity's kind (422). */
  KIND_CHANGED: 'invalid',
  /** Per-member limit, priority or stock pool out of range (422). */
  INVALID_SETTINGS: 'invalid',
  /** The budget is not a positive amount of whole cents in CNY, or below what was already spent (422). */
  INVALID_BUDGET: 'invalid',
  /** Group-buy terms: sizes, hours, ladder (422). */
  INVALID_GROUP_BUY: 'invalid',
  /** Bargain terms: prices, floor, helpers, hours (422). */
  INVALID_BARGAIN: 'invalid',
  /** The activity is voided: no review step, revision, group or bargain any more (409). */
  ACTIVITY_VOIDED: 'conflict',
  /** Activity codes are unique (409). */
  DUPLICATE_CODE: 'conflict',
  ACTIVITY_NOT_FOUND: 'not_found',
  /** The activity is not live now (not published, not started, ended, voided) or is not of the needed kind (409). */
  NOT_ACTIVE: 'conflict',
  /** The member is outside the activity's audience, or not new for a new-member group (422). */
  NOT_ELIGIBLE: 'invalid',
  /** A charge would take the activity past its budget (409). */
  BUDGET_EXHAUSTED: 'conflict',
  GROUP_NOT_FOUND: 'not_found',
  /** A group size the activity's ladder does not offer (422). */
  INVALID_GROUP_SIZE: 'invalid',
  /** The group already has as many paid members as its size: a late payment is refused and refunded (409). */
  GROUP_FULL: 'conflict',
  /** The group is not open for joining: its leader has not paid yet (409). */
  GROUP_NOT_OPEN: 'conflict',
  /** The group failed or its deadline passed: nothing joins or pays any more (409). */
  GROUP_CLOSED: 'conflict',
  /** The member is in the group already (409). */
  ALREADY_JOINED: 'conflict',
  /** The order is in another group already, or another member's (409). */
  ORDER_IN_ANOTHER_GROUP: 'conflict',
  /** No member of the group joined with that order (404). */
  ORDER_NOT_IN_GROUP: 'not_found',
  /** No such order of the caller (another member's order is never visible: the same answer) (404). */
  ORDER_NOT_FOUND: 'not_found',
  /**
   * The order cannot take part in a group buy now; `reason`: `SPLIT_ORDER`, `NOT_AWAITING_PAYMENT`,
   * `NOT_FOR_ACTIVITY` (with the `skuIds` outside it), or `NOT_PAID` when confirming a payment (409).
   */
  ORDER_NOT_ELIGIBLE: 'conflict',
  BARGAIN_NOT_FOUND: 'not_found',
  /** A member has one bargain per activity (409). */
  BARGAIN_EXISTS: 'conflict',
  /** The last allowed helper has cut: the price is at the floor (409). */
  BARGAIN_COMPLETE: 'conflict',
  /** The bargain's time is up (409). */
  BARGAIN_EXPIRED: 'conflict',
  /** 限购: the member's units (or orders) under the activity would pass its per-member limit in this period (409). */
  PURCHASE_LIMIT_REACHED: 'conflict',
  /** A quantity to count against a purchase limit is a whole number ≥ 1 (422). */
  INVALID_QUANTITY: 'invalid',
  /** Deposit presale terms: leverage < 1, deposit ≥ final price, balance window before the deposit window ends … (422). */
  INVALID_PRESALE: 'invalid',
});

/** The promotion codes by name (`PROMOTION_ERROR.GROUP_FULL` is `'PROMOTION.GROUP_FULL'`). */
export const PROMOTION_ERROR = PROMOTION_ERRORS.codes;

export type PromotionErrorCode = CodeOf<typeof PROMOTION_ERRORS>;

/** A rejection as data: what pure guards return and aggregates throw. */
export interface PromotionRejection {
  readonly code: PromotionErrorCode;
  /** The code's kind in the list: a code is always raised as that kind. */
  readonly kind: DomainErrorKind;
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
}

/** A rejection of `code`, of the kind the list gives it. */
export const rejectionOf = (code: PromotionErrorCode, message: string, details: Record<string, unknown> = {}): PromotionRejection => ({
  code,
  kind: PROMOTION_ERRORS.kinds[code],
  message,
  details,
});

export function toError(r: PromotionRejection): DomainError {
  return new DomainError(r.code, r.message, r.kind, r.details);
}

/** A definition error: the field and a stable upper-case reason in `details`. */
export function invalidField(code: PromotionErrorCode, field: string, reason: string, message: string, details: Record<string, unknown> = {}): DomainError {
  return toError(rejectionOf(code, message, { field, reason, ...details }));
}
