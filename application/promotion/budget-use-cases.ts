import { PROMOTION_ERROR } from '../../domain/promotion/errors.js';
import type { BudgetChargeResult } from '../../domain/promotion/ports.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { Money } from '../../domain/shared/money.js';
import type { Clock } from '../../domain/shared/ports.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import { requireActivity } from './lookups.js';

/**
 * What an order takes from an activity's budget (its discount), keyed by a business reference: one
 * guarded update (`spent + amount <= budget`), so concurrent orders never overspend; a replay is a no-op.
 * The activity must be serving now; without a budget only the spending is counted.
 */
export class ChargeActivityBudget {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  execute(cmd: { readonly activityId: string; readonly reference: string; readonly amount: string }): Promise<BudgetChargeResult> {
    return this.uow.run(async (tx) => {
      const amount = Money.parse(cmd.amount);
      if (!amount.isPositive()) {
        throw DomainError.invalid(PROMOTION_ERROR.INVALID_BUDGET, 'a charge is a positive amount', { field: 'amount', reason: 'NOT_A_POSITIVE_AMOUNT' });
      }
      const now = this.clock.now();
      const a = await requireActivity(tx, cmd.activityId);
      const live = a.liveAt(now);
      if (!live) throw DomainError.conflict(PROMOTION_ERROR.NOT_ACTIVE, `activity ${a.id} is not serving now`, { activityId: a.id, status: a.timeStatusAt(now) });
      return tx.activityBudgets.charge({ activityId: a.id, reference: cmd.reference, amount, budget: live.definition.budget, at: now });
    });
  }
}

/** Gives a charge back (the order was cancelled or refunded); a second release changes nothing. */
export class ReleaseActivityBudget {
  constructor(private readonly uow: UnitOfWork) {}

  execute(cmd: { readonly activityId: string; readonly reference: string }): Promise<BudgetChargeResult> {
    return this.uow.run(async (tx) => {
      await requireActivity(tx, cmd.activityId);
      return tx.activityBudgets.release(cmd.activityId, cmd.reference);
    });
  }
}
