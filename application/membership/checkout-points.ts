import type { CheckoutPoints } from '../checkout/index.js';
import { rules } from './lookups.js';
import { MEMBERSHIP_STORE } from './store.js';

/**
 * Published to checkout (its `CheckoutPoints` port, PRM-3 step 5), read in checkout's transaction: the
 * member's points balance and the platform's spending rule (ratio and cap). A member with no points,
 * or none at all, has nothing to spend.
 */
export const membershipCheckoutPoints: CheckoutPoints = {
  async pointsOf(tx, memberId) {
    const balance = await tx.use(MEMBERSHIP_STORE).pointsLedger.balance(memberId);
    if (balance <= 0) return null;
    const { points } = await rules(tx);
    return { balance, ratio: points.ratio, maxPercent: String(points.maxPercent) };
  },
};
