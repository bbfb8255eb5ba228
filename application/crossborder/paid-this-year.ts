import { chinaYear } from '../../domain/crossborder/limits.js';
import type { Money } from '../../domain/shared/money.js';
import type { Transaction } from '../shared/unit-of-work.js';
import { CROSSBORDER_STORE } from './store.js';

/**
 * Published (checkout loads it in its own transaction, then checks the limits on it with the pure
 * `checkCrossBorderLimits` of `domain/crossborder`): what the person has paid for cross-border orders in
 * the calendar year, China time, that `at` falls in (spec §18, the yearly limit).
 */
export async function crossBorderPaidThisYear(tx: Transaction, personId: string, at: Date): Promise<Money> {
  return tx.use(CROSSBORDER_STORE).purchases.paidInYear(personId, chinaYear(at));
}
