import type { Money } from '../shared/money.js';
import { PROMOTION_ERROR, rejectionOf, type PromotionRejection } from './errors.js';

/**
 * The budget rule (spec §5 setup, Medusa's campaign budgets): a charge fits when what was spent plus the
 * charge stays within the budget (no budget: always). The memory adapter applies it in its serialised
 * transaction; PostgreSQL states it as the WHERE of one guarded UPDATE and explains a refusal with it.
 */
export function chargeRejection(activityId: string, spent: Money, amount: Money, budget: Money | null): PromotionRejection | null {
  if (budget === null || !spent.add(amount).greaterThan(budget)) return null;
  return rejectionOf(
    PROMOTION_ERROR.BUDGET_EXHAUSTED,
    `activity ${activityId} has ${budget.subtract(spent).toString()} of its budget left, not ${amount.toString()}`,
    {
      activityId,
      budget: budget.toString(),
      spent: spent.toString(),
      amount: amount.toString(),
    },
  );
}
