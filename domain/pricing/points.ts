import type { Decimal } from 'decimal.js';
import { toDec, type DecimalInput } from '../shared/decimal.js';
import { centsOf, isWhole, type AmountInput, type Cents } from './amounts.js';
import { PRICING_ERROR, pricingError } from './errors.js';

/** Points (积分) the member wants to spend, and the platform's rule for spending them. */
export interface PointsInput {
  /** Points the member holds. */
  readonly balance: number;
  /** How many to spend at most; default 'max' (as many as the rule allows). */
  readonly use?: number | 'max';
  /** The ratio: `points` points are worth `amount` (100 points = 1.00). */
  readonly ratio: { readonly points: number; readonly amount: AmountInput };
  /** At most this percentage of the goods payable after coupons ("50" = half). */
  readonly maxPercent: DecimalInput;
}

export interface PointsRule {
  readonly balance: bigint;
  readonly use: bigint | null;
  /** The smallest whole-cent step: `stepPoints` points are worth exactly `stepCents`. */
  readonly stepPoints: bigint;
  readonly stepCents: bigint;
  readonly maxNumerator: bigint;
  readonly maxDenominator: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));

export function compilePoints(p: PointsInput, currency: string): PointsRule {
  const fail = (field: string) => (reason: string) => pricingError(PRICING_ERROR.INVALID_POINTS, reason, `points: invalid ${field} (${reason})`, { field });
  if (!isWhole(p.balance, 0)) throw fail('balance')('NOT_A_WHOLE_NUMBER');
  const use = p.use === undefined || p.use === 'max' ? null : p.use;
  if (use !== null && !isWhole(use, 0)) throw fail('use')('NOT_A_WHOLE_NUMBER');
  if (!isWhole(p.ratio?.points, 1)) throw fail('ratio')('NOT_A_WHOLE_NUMBER');
  const amount = centsOf(p.ratio.amount, currency, fail('ratio'));
  if (amount === 0n) throw fail('ratio')('ZERO_VALUE');
  let max: Decimal;
  try {
    max = toDec(p.maxPercent);
  } catch {
    throw fail('maxPercent')('NOT_A_PERCENTAGE');
  }
  if (max.isNegative() || max.greaterThan(100)) throw fail('maxPercent')('PERCENT_OUT_OF_RANGE');
  const points = BigInt(p.ratio.points);
  const g = gcd(points, amount);
  const [n, d] = max.div(100).toFraction() as [Decimal, Decimal];
  return {
    balance: BigInt(p.balance),
    use: use === null ? null : BigInt(use),
    stepPoints: points / g,
    stepCents: amount / g,
    maxNumerator: BigInt(n.toFixed(0)),
    maxDenominator: BigInt(d.toFixed(0)),
  };
}

/**
 * PRM-3 step 5: points after coupons. Whole steps only, so the amount is exact (no rounding): the most
 * steps within the balance, the requested points and `maxPercent` of `goodsPayable`.
 */
export function pointsToUse(rule: PointsRule, goodsPayable: Cents): { points: bigint; cents: Cents } {
  const byBalance = rule.balance / rule.stepPoints;
  const byUse = rule.use === null ? byBalance : rule.use / rule.stepPoints;
  const byCap = (goodsPayable * rule.maxNumerator) / (rule.maxDenominator * rule.stepCents);
  let steps = byBalance < byUse ? byBalance : byUse;
  if (byCap < steps) steps = byCap;
  return { points: steps * rule.stepPoints, cents: steps * rule.stepCents };
}
