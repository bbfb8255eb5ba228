import { DomainError } from '../shared/domain-error.js';

/** Stable codes of the pricing engine's rejections; `details` say which input and why. */
export const PRICING_ERROR = {
  /** The order has no lines. */
  NO_LINES: 'PRICING.NO_LINES',
  /** A line is malformed: negative or fractional-cent price, quantity not a whole number ≥ 1, duplicate id … */
  INVALID_LINE: 'PRICING.INVALID_LINE',
  /** An activity's rule is malformed: overlapping tiers, a discount above 100 %, a threshold below its discount … */
  INVALID_RULE: 'PRICING.INVALID_RULE',
  /** A member coupon is malformed (same kinds of reasons as a rule). */
  INVALID_COUPON: 'PRICING.INVALID_COUPON',
  /** The points input is malformed (ratio, share, balance). */
  INVALID_POINTS: 'PRICING.INVALID_POINTS',
  /** Anything else in the input: duplicate activity or coupon ids, a negative freight, a bad currency … */
  INVALID_INPUT: 'PRICING.INVALID_INPUT',
  /** `evaluatePlan` was asked for a plan outside the allowed combinations (PRM-4, CPN-1). */
  PLAN_NOT_ALLOWED: 'PRICING.PLAN_NOT_ALLOWED',
} as const;

export type PricingErrorCode = (typeof PRICING_ERROR)[keyof typeof PRICING_ERROR];

/**
 * A pricing rejection. `reason` is a stable upper-case word (`TIERS_OVERLAP`, `PERCENT_OUT_OF_RANGE` …)
 * that clients may branch on, repeated in `details.reason`.
 */
export function pricingError(
  code: PricingErrorCode,
  reason: string,
  message: string,
  details: Record<string, unknown> = {},
): DomainError {
  return DomainError.invalid(code, message, { reason, ...details });
}
