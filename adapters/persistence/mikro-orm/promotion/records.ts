import { EntitySchema } from '@mikro-orm/core';
import type { Money } from '../../../../domain/shared/money.js';
import { MoneyType } from '../types/money-type.js';

/** The activity (PRM-2) row: its own file. */
export * from './activity-record.js';
/** The group buy rows (`group_buy`, `group_member`) and the bargain row: their own files. */
export * from './group-buy-records.js';
export * from './bargain-records.js';

const timestamptz = { type: 'datetime', columnType: 'timestamptz' } as const;

// ---- budgets ----

/** One row of `activity_budget`: what an activity has given away; only guarded UPDATEs move it. */
export class ActivityBudgetRecord {
  activityId!: string;
  spent!: Money;
}

export const ActivityBudgetSchema = new EntitySchema<ActivityBudgetRecord>({
  class: ActivityBudgetRecord,
  tableName: 'activity_budget',
  properties: {
    activityId: { type: 'text', primary: true },
    spent: { type: MoneyType },
  },
  checks: [{ name: 'activity_budget_spent_check', expression: 'spent >= 0' }],
});

/** One row of `activity_budget_charge`: a charge by business reference (replays are no-ops), and whether it was given back. */
export class ActivityBudgetChargeRecord {
  activityId!: string;
  reference!: string;
  amount!: Money;
  released!: boolean;
  at!: Date;
}

export const ActivityBudgetChargeSchema = new EntitySchema<ActivityBudgetChargeRecord>({
  class: ActivityBudgetChargeRecord,
  tableName: 'activity_budget_charge',
  properties: {
    activityId: { type: 'text', primary: true },
    reference: { type: 'text', primary: true },
    amount: { type: MoneyType },
    released: { type: 'boolean' },
    at: { ...timestamptz },
  },
  checks: [{ name: 'activity_budget_charge_amount_check', expression: 'amount > 0' }],
});
