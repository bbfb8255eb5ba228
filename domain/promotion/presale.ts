import type { Decimal } from 'decimal.js';
import { leveragedDeposit, presaleAmounts, presaleLeverage, type AmountInput, type PresaleAmounts } from '../pricing/index.js';
import { PROMOTION_ERROR, invalidField } from './errors.js';

/** A window [startsAt, endsAt). */
export interface PresaleWindow {
  readonly startsAt: Date;
  readonly endsAt: Date;
}

/**
 * 定金预售 (spec §5): per SKU a final price and a deposit; the deposit is paid in `depositWindow`, the
 * balance in `balanceWindow`, which opens when the deposit window has closed or later. `leverage` (定金膨胀,
 * ≥ 1, at most 2 decimals): a deposit of 100.00 at "1.5" takes 150.00 off the final price. The balance is
 * final price − deposit × leverage, never below 0, and takes no other coupon.
 */
export interface DepositPresaleRule {
  readonly kind: 'deposit_presale';
  readonly items: readonly { readonly skuId: string; readonly price: AmountInput; readonly deposit: AmountInput }[];
  readonly leverage: string;
  readonly depositWindow: PresaleWindow;
  readonly balanceWindow: PresaleWindow;
}

export const MAX_LEVERAGE = 10;
export const PRESALE_STAGES = ['not_started', 'deposit', 'waiting', 'balance', 'ended'] as const;
/** Where a presale stands at a moment: before the deposit window, in it, between the two, in the balance window, after. */
export type PresaleStage = (typeof PRESALE_STAGES)[number];

/** Setup rules of a presale (`PROMOTION.INVALID_PRESALE` with field and reason); the windows lie inside the activity's. */
export function checkPresale(r: DepositPresaleRule, activity: PresaleWindow): void {
  const fail = (field: string, reason: string, message: string, details: Record<string, unknown> = {}) =>
    invalidField(PROMOTION_ERROR.INVALID_PRESALE, `rule.${field}`, reason, message, details);
  let leverage: Decimal;
  try {
    leverage = presaleLeverage(r.leverage);
  } catch (e) {
    const reason = (e as { details?: { reason?: string } }).details?.reason ?? 'NOT_A_NUMBER';
    throw fail('leverage', reason, 'a leverage is a number ≥ 1 with at most 2 decimals');
  }
  if (leverage.greaterThan(MAX_LEVERAGE)) throw fail('leverage', 'LEVERAGE_TOO_HIGH', `a leverage is at most ${MAX_LEVERAGE}`);
  if (!Array.isArray(r.items) || r.items.length === 0 || r.items.length > 500) throw fail('items', 'EMPTY', 'a presale sells 1 to 500 SKUs');
  const seen = new Set<string>();
  for (const item of r.items) {
    if (typeof item?.skuId !== 'string' || item.skuId.length === 0 || item.skuId.length > 64) throw fail('items', 'MISSING', 'every item names its SKU');
    if (seen.has(item.skuId)) throw fail('items', 'DUPLICATE_SKU', `SKU ${item.skuId} is listed twice`, { skuId: item.skuId });
    seen.add(item.skuId);
    let amounts: PresaleAmounts;
    try {
      amounts = presaleAmounts({ price: item.price, deposit: item.deposit, leverage });
    } catch (e) {
      const d = (e as { details?: { reason?: string; field?: string } }).details ?? {};
      throw fail(`items.${d.field ?? 'price'}`, d.reason ?? 'NOT_AN_AMOUNT', `SKU ${item.skuId}: a price above a deposit above 0, in whole cents`, {
        skuId: item.skuId,
      });
    }
    // Exact: deposit × leverage lands on whole cents, so no rounding is ever needed.
    if (leveragedDeposit(amounts.deposit, leverage).toString() !== leverage.times(amounts.deposit.toString()).toString()) {
      throw fail('leverage', 'DEDUCTION_NOT_WHOLE_CENTS', `SKU ${item.skuId}: deposit × leverage must be whole cents`, { skuId: item.skuId });
    }
  }
  for (const [field, w] of [
    ['depositWindow', r.depositWindow],
    ['balanceWindow', r.balanceWindow],
  ] as const) {
    if (!validDate(w?.startsAt) || !validDate(w?.endsAt)) throw fail(field, 'INVALID_DATE', 'a window has a start and an end');
    if (w.endsAt.getTime() <= w.startsAt.getTime()) throw fail(field, 'EMPTY_WINDOW', 'a window must end after it starts');
  }
  if (r.balanceWindow.startsAt.getTime() < r.depositWindow.endsAt.getTime()) {
    throw fail('balanceWindow', 'BALANCE_BEFORE_DEPOSIT_ENDS', 'the balance window opens when the deposit window has closed, or later', {
      depositEndsAt: r.depositWindow.endsAt.toISOString(),
      balanceStartsAt: r.balanceWindow.startsAt.toISOString(),
    });
  }
  if (r.depositWindow.startsAt.getTime() < activity.startsAt.getTime() || r.balanceWindow.endsAt.getTime() > activity.endsAt.getTime()) {
    throw fail('depositWindow', 'OUTSIDE_ACTIVITY', "the deposit and balance windows lie inside the activity's window");
  }
}

function validDate(d: unknown): d is Date {
  return d instanceof Date && !Number.isNaN(d.getTime());
}

/** The stage of a presale at `now` (pure). */
export function presaleStageAt(r: DepositPresaleRule, now: Date): PresaleStage {
  const t = now.getTime();
  if (t < r.depositWindow.startsAt.getTime()) return 'not_started';
  if (t < r.depositWindow.endsAt.getTime()) return 'deposit';
  if (t < r.balanceWindow.startsAt.getTime()) return 'waiting';
  if (t < r.balanceWindow.endsAt.getTime()) return 'balance';
  return 'ended';
}

/** Deposit, deduction and balance of `quantity` units of a SKU of the presale; null when the presale does not sell it. */
export function presaleQuote(r: DepositPresaleRule, skuId: string, quantity: number): PresaleAmounts | null {
  const item = r.items.find((i) => i.skuId === skuId);
  return item ? presaleAmounts({ price: item.price, deposit: item.deposit, leverage: r.leverage }, quantity) : null;
}
