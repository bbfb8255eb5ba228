import { Money } from '../shared/money.js';
import { CROSSBORDER_ERROR, CROSSBORDER_ERRORS } from './errors.js';
import { amount } from './tax.js';

/** 单次交易限值 (spec §18): one transaction may be at most this. */
export const TRANSACTION_LIMIT = Money.of('2000.00');
/** 年度交易限值 (spec §18): one person's transactions in a calendar year may add up to at most this. */
export const YEARLY_LIMIT = Money.of('20000.00');

export interface CrossBorderLimitInput {
  /** The transaction's amount: goods after discounts plus freight (实际交易价格), without the tax. */
  readonly amount: Money | string;
  /** What the person's paid cross-border orders of the same calendar year add up to (`CrossBorderPurchases`). */
  readonly paidThisYear: Money | string;
}

export interface CrossBorderLimitViolation {
  readonly code: typeof CROSSBORDER_ERROR.TRANSACTION_LIMIT | typeof CROSSBORDER_ERROR.YEARLY_LIMIT;
  readonly limit: Money;
  readonly amount: Money;
  readonly paidThisYear: Money;
  /** What the person may still buy this year (never negative). */
  readonly remaining: Money;
}

/**
 * Every limit the transaction breaks (spec §18), in a fixed order: the per-transaction limit, then the
 * yearly one. Reaching a limit exactly is allowed; passing it by a cent is not.
 */
export function crossBorderLimitViolations(input: CrossBorderLimitInput): CrossBorderLimitViolation[] {
  const amt = amount(input.amount, 'amount');
  const paid = amount(input.paidThisYear, 'paidThisYear');
  const remaining = Money.max(YEARLY_LIMIT.subtract(paid), Money.zero());
  const out: CrossBorderLimitViolation[] = [];
  if (amt.greaterThan(TRANSACTION_LIMIT))
    out.push({ code: CROSSBORDER_ERROR.TRANSACTION_LIMIT, limit: TRANSACTION_LIMIT, amount: amt, paidThisYear: paid, remaining });
  if (paid.add(amt).greaterThan(YEARLY_LIMIT))
    out.push({ code: CROSSBORDER_ERROR.YEARLY_LIMIT, limit: YEARLY_LIMIT, amount: amt, paidThisYear: paid, remaining });
  return out;
}

/** Throws the first violation (`CROSSBORDER.TRANSACTION_LIMIT`, else `CROSSBORDER.YEARLY_LIMIT`) with its figures. */
export function checkCrossBorderLimits(input: CrossBorderLimitInput): void {
  const [first, ...rest] = crossBorderLimitViolations(input);
  if (!first) return;
  const perTransaction = first.code === CROSSBORDER_ERROR.TRANSACTION_LIMIT;
  const what = perTransaction ? 'the per-transaction limit' : "the person's yearly limit";
  throw CROSSBORDER_ERRORS.raise(
    perTransaction ? 'TRANSACTION_LIMIT' : 'YEARLY_LIMIT',
    `${first.amount.toString()} passes ${what} of ${first.limit.toString()}`,
    {
      limit: first.limit.toString(),
      amount: first.amount.toString(),
      paidThisYear: first.paidThisYear.toString(),
      remaining: first.remaining.toString(),
      ...(rest.length > 0 ? { alsoBreaks: rest.map((v) => v.code) } : {}),
    },
  );
}

/** The calendar year a moment falls in, in China (UTC+8, no daylight saving): the yearly limit's year. */
export function chinaYear(at: Date): number {
  return new Date(at.getTime() + 8 * 3_600_000).getUTCFullYear();
}
