import { chinaYear, checkCrossBorderLimits } from '../../domain/crossborder/limits.js';
import type { CrossBorderPurchases } from '../../domain/crossborder/ports.js';
import type { Money } from '../../domain/shared/money.js';

/**
 * Enforces the cross-border limits for a checkout (spec §18): the per-transaction limit, and the yearly
 * limit over what the person has paid this calendar year (China time) through `CrossBorderPurchases`.
 * Throws `CROSSBORDER.TRANSACTION_LIMIT` or `CROSSBORDER.YEARLY_LIMIT`; returns what was paid this year.
 */
export async function enforceCrossBorderLimits(
  purchases: CrossBorderPurchases,
  cmd: { readonly personId: string; readonly amount: Money | string; readonly at: Date },
): Promise<Money> {
  const paidThisYear = await purchases.paidInYear(cmd.personId, chinaYear(cmd.at));
  checkCrossBorderLimits({ amount: cmd.amount, paidThisYear });
  return paidThisYear;
}
