import type { PurchaseLimitResult } from '../../domain/promotion/ports.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { requireActivity } from './lookups.js';
import { PROMOTION_STORE } from './store.js';

/** Gives an order's consumption back (cancelled before payment, or refunded); a second release changes nothing; null: it never consumed. */
export class ReleasePurchaseLimit {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { readonly activityId: string; readonly reference: string }): Promise<PurchaseLimitResult | null> {
    return this.d.uow.run(async (tx) => {
      await requireActivity(tx, cmd.activityId);
      return tx.use(PROMOTION_STORE).purchaseLimits.release(cmd.activityId, cmd.reference);
    });
  }
}
