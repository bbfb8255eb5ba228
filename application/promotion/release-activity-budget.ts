import type { BudgetChargeResult } from '../../domain/promotion/ports.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { requireActivity } from './lookups.js';
import { PROMOTION_STORE } from './store.js';

/** Gives a charge back (the order was cancelled or refunded); a second release changes nothing. */
export class ReleaseActivityBudget {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { readonly activityId: string; readonly reference: string }): Promise<BudgetChargeResult> {
    return this.d.uow.run(async (tx) => {
      await requireActivity(tx, cmd.activityId);
      return tx.use(PROMOTION_STORE).activityBudgets.release(cmd.activityId, cmd.reference);
    });
  }
}
