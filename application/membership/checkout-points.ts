import type { CheckoutPoints } from '../checkout/preview-checkout.js';
import { rules } from './support.js';

/**
 * The checkout's points (PRM-3 step 5) from the membership ledger: the member's balance and the
 * platform's spending rule (ratio and cap). A member with no points, or none at all, has nothing to spend.
 */
export const membershipCheckoutPoints: CheckoutPoints = {
  async pointsOf(tx, memberId) {
    const balance = await tx.pointsLedger.balance(memberId);
    if (balance <= 0) return null;
    const { points } = await rules(tx);
    return { balance, ratio: points.ratio, maxPercent: String(points.maxPercent) };
  },
};
