import type { Activity } from '../../domain/promotion/activity.js';
import type { ActivityInput } from '../../domain/promotion/definition.js';
import { Money } from '../../domain/shared/money.js';
import type { UseCaseDeps } from '../shared/deps.js';
import type { Transaction } from '../shared/unit-of-work.js';
import { requireActivity, viewOf, type ActivityView } from './lookups.js';
import { PROMOTION_STORE } from './store.js';

/** Setup fields as callers give them: the budget as a decimal string ("5000.00") or a Money, null for none. */
export type ActivityFields = Omit<ActivityInput, 'budget'> & { readonly budget?: string | Money | null };

/** A review step by a named staff member (the token's subject over HTTP): the record and four eyes need it. */
export interface ReviewCommand {
  readonly activityId: string;
  readonly by: string;
}

const budgetOf = (b: string | Money | null | undefined): Money | null | undefined => (b === undefined || b === null || b instanceof Money ? b : Money.parse(b));

/** The domain's input of the given fields: the budget parsed. */
export function activityInput(fields: Partial<ActivityFields>): Partial<ActivityInput> {
  const { budget, ...rest } = fields;
  const parsed = budgetOf(budget);
  return parsed === undefined ? rest : { ...rest, budget: parsed };
}

/**
 * One step on a stored activity, in one transaction: loads it (`PROMOTION.ACTIVITY_NOT_FOUND`), applies
 * `act` at the clock's now, saves it (its events with it) and answers its view.
 */
export function changeActivity(
  d: UseCaseDeps,
  activityId: string,
  act: (a: Activity, now: Date, tx: Transaction) => Promise<void> | void,
): Promise<ActivityView> {
  return d.uow.run(async (tx) => {
    const now = d.clock.now();
    const a = await requireActivity(tx, activityId);
    await act(a, now, tx);
    await tx.use(PROMOTION_STORE).activities.save(a);
    return viewOf(tx, a, now);
  });
}
