import { DomainError } from '../shared/domain-error.js';

/**
 * Stable codes of the promotion context (促销中心): activities (PRM-2), group buys, bargains, purchase limits, presales.
 * Definition errors carry the field and a stable upper-case `reason` in `details`; rule errors found by
 * the pricing engine's own validation keep its code (`PRICING.INVALID_RULE`, with field and reason).
 */
export const PROMOTION_ERROR = {
  /** PRM-2: a review step the table does not allow (approving what was never submitted …) (409). */
  INVALID_TRANSITION: 'PROMOTION.INVALID_TRANSITION',
  /** The window is malformed or ends before (or when) it starts (422). */
  INVALID_WINDOW: 'PROMOTION.INVALID_WINDOW',
  /** PRM-2 four eyes: the approver submitted or wrote the version (or its submitter is unknown) (403). */
  SELF_APPROVAL: 'PROMOTION.SELF_APPROVAL',
  /** A review step (submit, approve, reject) names the staff member who takes it (422). */
  ACTOR_REQUIRED: 'PROMOTION.ACTOR_REQUIRED',
  /** Submitting or approving a version whose window has already ended (422). */
  WINDOW_ENDED: 'PROMOTION.WINDOW_ENDED',
  /** A name of 1 to 60 characters (422). */
  INVALID_NAME: 'PROMOTION.INVALID_NAME',
  /** Not a known activity kind (422). */
  INVALID_KIND: 'PROMOTION.INVALID_KIND',
  /** A new version must keep the activity's kind (422). */
  KIND_CHANGED: 'PROMOTION.KIND_CHANGED',
  /** Per-member limit, priority or stock pool out of range (422). */
  INVALID_SETTINGS: 'PROMOTION.INVALID_SETTINGS',
  /** The budget is not a positive amount of whole cents in CNY, or below what was already spent (422). */
  INVALID_BUDGET: 'PROMOTION.INVALID_BUDGET',
  /** Group-buy terms: sizes, hours, ladder (422). */
  INVALID_GROUP_BUY: 'PROMOTION.INVALID_GROUP_BUY',
  /** Bargain terms: prices, floor, helpers, hours (422). */
  INVALID_BARGAIN: 'PROMOTION.INVALID_BARGAIN',
  /** The activity is voided: no review step, revision, group or bargain any more (409). */
  ACTIVITY_VOIDED: 'PROMOTION.ACTIVITY_VOIDED',
  /** Activity codes are unique (409). */
  DUPLICATE_CODE: 'PROMOTION.DUPLICATE_CODE',
  ACTIVITY_NOT_FOUND: 'PROMOTION.ACTIVITY_NOT_FOUND',
  /** The activity is not live now (not published, not started, ended, voided) or is not of the needed kind (409). */
  NOT_ACTIVE: 'PROMOTION.NOT_ACTIVE',
  /** The member is outside the activity's audience, or not new for a new-member group (422). */
  NOT_ELIGIBLE: 'PROMOTION.NOT_ELIGIBLE',
  /** A charge would take the activity past its budget (409). */
  BUDGET_EXHAUSTED: 'PROMOTION.BUDGET_EXHAUSTED',
  GROUP_NOT_FOUND: 'PROMOTION.GROUP_NOT_FOUND',
  /** A group size the activity's ladder does not offer (422). */
  INVALID_GROUP_SIZE: 'PROMOTION.INVALID_GROUP_SIZE',
  /** The group already has as many paid members as its size: a late payment is refused and refunded (409). */
  GROUP_FULL: 'PROMOTION.GROUP_FULL',
  /** The group is not open for joining: its leader has not paid yet (409). */
  GROUP_NOT_OPEN: 'PROMOTION.GROUP_NOT_OPEN',
  /** The group failed or its deadline passed: nothing joins or pays any more (409). */
  GROUP_CLOSED: 'PROMOTION.GROUP_CLOSED',
  /** The member is in the group already (409). */
  ALREADY_JOINED: 'PROMOTION.ALREADY_JOINED',
  /** The order is in another group already, or another member's (409). */
  ORDER_IN_ANOTHER_GROUP: 'PROMOTION.ORDER_IN_ANOTHER_GROUP',
  /** No member of the group joined with that order (404). */
  ORDER_NOT_IN_GROUP: 'PROMOTION.ORDER_NOT_IN_GROUP',
  /** No such order of the caller (another member's order is never visible: the same answer) (404). */
  ORDER_NOT_FOUND: 'PROMOTION.ORDER_NOT_FOUND',
  /**
   * The order cannot take part in a group buy now; `reason`: `SPLIT_ORDER`, `NOT_AWAITING_PAYMENT`,
   * `NOT_FOR_ACTIVITY` (with the `skuIds` outside it), or `NOT_PAID` when confirming a payment (409).
   */
  ORDER_NOT_ELIGIBLE: 'PROMOTION.ORDER_NOT_ELIGIBLE',
  BARGAIN_NOT_FOUND: 'PROMOTION.BARGAIN_NOT_FOUND',
  /** A member has one bargain per activity (409). */
  BARGAIN_EXISTS: 'PROMOTION.BARGAIN_EXISTS',
  /** The last allowed helper has cut: the price is at the floor (409). */
  BARGAIN_COMPLETE: 'PROMOTION.BARGAIN_COMPLETE',
  /** The bargain's time is up (409). */
  BARGAIN_EXPIRED: 'PROMOTION.BARGAIN_EXPIRED',
  /** 限购: the member's units (or orders) under the activity would pass its per-member limit in this period (409). */
  PURCHASE_LIMIT_REACHED: 'PROMOTION.PURCHASE_LIMIT_REACHED',
  /** A quantity to count against a purchase limit is a whole number ≥ 1 (422). */
  INVALID_QUANTITY: 'PROMOTION.INVALID_QUANTITY',
  /** Deposit presale terms: leverage < 1, deposit ≥ final price, balance window before the deposit window ends … (422). */
  INVALID_PRESALE: 'PROMOTION.INVALID_PRESALE',
} as const;

export type PromotionErrorCode = (typeof PROMOTION_ERROR)[keyof typeof PROMOTION_ERROR];

/** A rejection as data: what pure guards return and aggregates throw. */
export interface PromotionRejection {
  readonly code: PromotionErrorCode;
  readonly kind: 'invalid' | 'not_found' | 'conflict' | 'forbidden';
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
}

export const rejectionOf = (
  code: PromotionErrorCode,
  kind: PromotionRejection['kind'],
  message: string,
  details: Record<string, unknown> = {},
): PromotionRejection => ({ code, kind, message, details });

export function toError(r: PromotionRejection): DomainError {
  return new DomainError(r.code, r.message, r.kind, r.details);
}

/** A definition error: the field and a stable upper-case reason in `details`. */
export function invalidField(code: PromotionErrorCode, field: string, reason: string, message: string, details: Record<string, unknown> = {}): DomainError {
  return DomainError.invalid(code, message, { field, reason, ...details });
}
