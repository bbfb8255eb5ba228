import { EntitySchema } from '@mikro-orm/core';

const timestamptz = { type: 'datetime', columnType: 'timestamptz' } as const;

/**
 * One row of `purchase_limit_usage` (限购): what one member has taken under one activity in one period
 * (`activity`, a day, an ISO week or a month). Only the guarded consume statement raises `used` (and sets
 * `usage_limit` to the limit it judged by); a release lowers it. The CHECK is the last line of defence.
 */
export class PurchaseLimitUsageRecord {
  activityId!: string;
  memberId!: string;
  period!: string;
  used!: number;
  usageLimit!: number | null;
}

export const PurchaseLimitUsageSchema = new EntitySchema<PurchaseLimitUsageRecord>({
  class: PurchaseLimitUsageRecord,
  tableName: 'purchase_limit_usage',
  properties: {
    activityId: { type: 'text', primary: true },
    memberId: { type: 'text', primary: true },
    period: { type: 'text', primary: true },
    used: { type: 'integer' },
    usageLimit: { type: 'integer', nullable: true },
  },
  checks: [{ name: 'purchase_limit_usage_used_check', expression: 'used >= 0 and (usage_limit is null or used <= usage_limit)' }],
});

/**
 * One row of `purchase_limit_consumption`: what an order (the reference) took under an activity, keyed by
 * (activity, reference) so a replay changes nothing; `released` once it was given back.
 */
export class PurchaseLimitConsumptionRecord {
  activityId!: string;
  reference!: string;
  memberId!: string;
  period!: string;
  quantity!: number;
  released!: boolean;
  at!: Date;
}

export const PurchaseLimitConsumptionSchema = new EntitySchema<PurchaseLimitConsumptionRecord>({
  class: PurchaseLimitConsumptionRecord,
  tableName: 'purchase_limit_consumption',
  properties: {
    activityId: { type: 'text', primary: true },
    reference: { type: 'text', primary: true },
    memberId: { type: 'text' },
    period: { type: 'text' },
    quantity: { type: 'integer' },
    released: { type: 'boolean' },
    at: { ...timestamptz },
  },
  checks: [{ name: 'purchase_limit_consumption_quantity_check', expression: 'quantity > 0' }],
});
