import { allocate } from '../shared/allocation.js';
import { Dec, toDec } from '../shared/decimal.js';
import { MEMBERSHIP_ERRORS } from './errors.js';
import { Money } from '../shared/money.js';
import { invalidRule } from './growth.js';
import type { LedgerEntry } from './ledger.js';

export const POINTS_SOURCES = [
  'sign_in',
  'purchase',
  'purchase_rollback',
  'review',
  'show_order',
  'review_rollback',
  'share',
  'top_up',
  'checkout',
  'refund',
  'mall',
  'right',
  'expiry',
  'manual',
] as const;
export type PointsSource = (typeof POINTS_SOURCES)[number];

/**
 * The points rule table (积分, spec §12). Earning: daily sign-in (`signIn`, plus `streakBonus` on every
 * `streakEvery`-th consecutive day), purchase (`perYuan` per whole yuan settled), review, show-order,
 * share, top-up (`topUpPerYuan`). Spending at checkout: `ratio.points` points are worth `ratio.amount`,
 * at most `maxPercent` % of the payable. Expiry: earnings of year Y expire at the end of Y+1, or never.
 */
export interface PointsRules {
  readonly signIn: number;
  readonly streakEvery: number;
  readonly streakBonus: number;
  readonly perYuan: number;
  readonly review: number;
  readonly showOrder: number;
  readonly share: number;
  readonly topUpPerYuan: number;
  readonly ratio: { readonly points: number; readonly amount: string };
  readonly maxPercent: number;
  readonly expiry: 'end_of_next_year' | 'never';
}

export const DEFAULT_POINTS_RULES: PointsRules = {
  signIn: 5,
  streakEvery: 7,
  streakBonus: 20,
  perYuan: 1,
  review: 10,
  showOrder: 10,
  share: 2,
  topUpPerYuan: 1,
  ratio: { points: 100, amount: '1.00' },
  maxPercent: 50,
  expiry: 'end_of_next_year',
};

const whole = (v: unknown, min = 0) => typeof v === 'number' && Number.isSafeInteger(v) && v >= min;

export function checkPointsRules(r: PointsRules): PointsRules {
  for (const f of ['signIn', 'streakBonus', 'perYuan', 'review', 'showOrder', 'share', 'topUpPerYuan'] as const) {
    if (!whole(r[f])) throw invalidRule(f, 'a whole number from 0');
  }
  if (!whole(r.streakEvery, 1)) throw invalidRule('streakEvery', 'a whole number from 1');
  if (!whole(r.ratio?.points, 1)) throw invalidRule('ratio.points', 'a whole number from 1');
  if (typeof r.ratio.amount !== 'string' || !/^\d{1,9}(\.\d{1,2})?$/.test(r.ratio.amount) || toDec(r.ratio.amount).isZero()) {
    throw invalidRule('ratio.amount', 'a positive amount such as "1.00"');
  }
  if (!whole(r.maxPercent) || r.maxPercent > 100) throw invalidRule('maxPercent', 'a whole percentage from 0 to 100');
  if (r.expiry !== 'end_of_next_year' && r.expiry !== 'never') throw invalidRule('expiry', "'end_of_next_year' or 'never'");
  return {
    signIn: r.signIn,
    streakEvery: r.streakEvery,
    streakBonus: r.streakBonus,
    perYuan: r.perYuan,
    review: r.review,
    showOrder: r.showOrder,
    share: r.share,
    topUpPerYuan: r.topUpPerYuan,
    ratio: { points: r.ratio.points, amount: r.ratio.amount },
    maxPercent: r.maxPercent,
    expiry: r.expiry,
  };
}

/** The business day (UTC+8, China Standard Time, no daylight saving) of a moment, as YYYY-MM-DD. */
export function businessDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export function previousDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** Sign-in points on the n-th consecutive day: the base, plus the bonus on every `streakEvery`-th day. */
export function signInPoints(rules: PointsRules, streak: number): number {
  return rules.signIn + (streak % rules.streakEvery === 0 ? rules.streakBonus : 0);
}

/** When points earned at `at` expire: the end of the next business year (UTC+8), or never. */
export function expiryOf(rules: PointsRules, at: Date): Date | null {
  if (rules.expiry === 'never') return null;
  return endOfYear(Number(businessDay(at).slice(0, 4)) + 1);
}

/** The last moment of a business year (UTC+8): 31 Dec 24:00 CST = 31 Dec 16:00 UTC. */
export function endOfYear(year: number): Date {
  return new Date(Date.UTC(year, 11, 31, 16, 0, 0));
}

/** Purchase points: `perYuan` per whole yuan of the settled amount. */
export function purchasePoints(rules: Pick<PointsRules, 'perYuan'>, settled: Money): number {
  const yuan = settled.amount.floor();
  return yuan.isNegative() ? 0 : yuan.times(rules.perYuan).toNumber();
}

/** Top-up points: `topUpPerYuan` per whole yuan topped up. */
export function topUpPoints(rules: PointsRules, amount: Money): number {
  return amount.amount.floor().times(rules.topUpPerYuan).toNumber();
}

/** The value of points at checkout; refused unless it is whole cents (points in whole steps of the ratio). */
// biome-ignore lint/suspicious/noShadowRestrictedNames: a module function of its own (exported under this name since issue #7), not Object.prototype.valueOf
export function valueOf(rules: PointsRules, points: number): Money {
  const v = new Dec(rules.ratio.amount).times(points).div(rules.ratio.points);
  if (!v.times(100).isInteger()) {
    throw MEMBERSHIP_ERRORS.raise(
      'POINTS_NOT_IN_STEPS',
      `${points} points are not worth a whole number of cents at ${rules.ratio.points} = ${rules.ratio.amount}`,
      { points },
    );
  }
  return Money.of(v);
}

/**
 * A checkout deduction (积分抵扣): the points' value, refused above `maxPercent` % of the payable; the
 * points split over the lines by their payable (`allocate`, largest remainder), so a refund of some lines
 * returns exactly their share.
 */
export function checkoutDeduction(rules: PointsRules, points: number, payable: Money, lines: readonly { lineId: string; payable: Money }[]) {
  if (lines.length === 0) throw MEMBERSHIP_ERRORS.raise('NO_LINES', 'a checkout has at least one line');
  if (new Set(lines.map((l) => l.lineId)).size !== lines.length) throw MEMBERSHIP_ERRORS.raise('DUPLICATE_LINE', 'line ids are unique');
  if (payable.isNegative() || lines.some((l) => l.payable.isNegative())) throw MEMBERSHIP_ERRORS.raise('INVALID_PAYABLE', 'amounts are not negative');
  const value = valueOf(rules, points);
  const cap = payable.amount.times(rules.maxPercent).div(100);
  if (value.amount.greaterThan(cap)) {
    throw MEMBERSHIP_ERRORS.raise('DEDUCTION_OVER_CAP', `points may pay at most ${rules.maxPercent}% of ${payable.toString()}`, {
      points,
      value: value.toString(),
      cap: Money.of(cap.toDecimalPlaces(2, Dec.ROUND_DOWN)).toString(),
    });
  }
  const shares = allocate(
    Money.fromMinor(points),
    lines.map((l) => l.payable.amount),
  );
  const perLine: Record<string, number> = {};
  lines.forEach((l, i) => {
    perLine[l.lineId] = Number(shares[i]!.toMinor());
  });
  return { value, perLine };
}

/**
 * Expiry as first-in, first-out: every debit (spends, rollbacks, earlier expiries) used the oldest
 * points first, so what expires at `cutoff` is what was earned with an expiry at or before it and
 * not yet taken by debits; never more than the balance.
 */
export function expiringPoints(entries: readonly Pick<LedgerEntry, 'delta' | 'expiresAt'>[], cutoff: Date, balance: number): number {
  let earned = 0;
  let debits = 0;
  for (const e of entries) {
    if (e.delta > 0 && e.expiresAt !== null && e.expiresAt <= cutoff) earned += e.delta;
    if (e.delta < 0) debits -= e.delta;
  }
  return Math.max(0, Math.min(earned - debits, balance));
}
