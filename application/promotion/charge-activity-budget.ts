import { PROMOTION_ERROR } from '../../domain/promotion/errors.js';
import type { BudgetChargeResult } from '../../domain/promotion/ports.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { Money } from '../../domain/shared/money.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { requireActivity } from './lookups.js';
import { servingDefinition } from './purchase-limits.js';
import { PROMOTION_STORE } from './store.js';

/**
 * What an order takes from an activity's budget (its discount), keyed by a business reference: one
 * guarded update (`spent + amount <= budget`), so concurrent orders never overspend; a replay is a no-op.
 * The activity must be serving now; without a budget only the spending is counted.
 */
export class ChargeActivityBudget {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { readonly activityId: string; readonly reference: string; readonly amount: string }): Promise<BudgetChargeResult> {
    return this.d.uow.run(async (tx) => {
      const amount = Money.parse(cmd.amount);
      if (!amount.isPositive()) {
        throw DomainError.invalid(PROMOTION_ERROR.INVALID_BUDGET, 'a charge is a positive amount', { field: 'amount', reason: 'NOT_A_POSITIVE_AMOUNT' });
      }
      const now = this.d.clock.now();
      const a = await requireActivity(tx, cmd.activityId);
      const budget = servingDefinition(a, now).budget;
      return tx.use(PROMOTION_STORE).activityBudgets.charge({ activityId: a.id, reference: cmd.reference, amount, budget, at: now });
    });
  }
}
