import { DomainError } from '../shared/domain-error.js';
import { type CodeOf, errorCatalogue } from '../shared/errors.js';

/**
 * The pricing engine's error list: every rejection is `invalid` (422) and says which input and why
 * (`details.reason`, a stable upper-case word).
 */
export const PRICING_ERRORS = errorCatalogue('PRICING', {
  /** The order has no lines. */
  NO_LINES: 'invalid',
  /** A line is malformed: negative or fractional-cent price, quantity not a whole number ≥ 1, duplicate id … */
  INVALID_LINE: 'invalid',
  /** An activity's rule is malformed: overlapping tiers, a discount above 100 %, a threshold below its discount … */
  INVALID_RULE: 'invalid',
  /** A member coupon is malformed (same kinds of reasons as a rule). */
  INVALID_COUPON: 'invalid',
  /** The points input is malformed (ratio, share, balance). */
  INVALID_POINTS: 'invalid',
  /** Anything else in the input: duplicate activity or coupon ids, a negative freight, a bad currency … */
  INVALID_INPUT: 'invalid',
  /** `evaluatePlan` was asked for a plan outside the allowed combinations (PRM-4, CPN-1). */
  PLAN_NOT_ALLOWED: 'invalid',
});

/** The pricing codes by name (`PRICING_ERROR.NO_LINES` is `'PRICING.NO_LINES'`). */
export const PRICING_ERROR = PRICING_ERRORS.codes;

export type PricingErrorCode = CodeOf<typeof PRICING_ERRORS>;

/**
 * A pricing rejection. `reason` is a stable upper-case word (`TIERS_OVERLAP`, `PERCENT_OUT_OF_RANGE` …)
 * that clients may branch on, repeated in `details.reason`.
 */
export function pricingError(code: PricingErrorCode, reason: string, message: string, details: Record<string, unknown> = {}): DomainError {
  return DomainError.invalid(code, message, { reason, ...details });
}
