import { EntitySchema } from '@mikro-orm/core';

/**
 * PAY-3 on PostgreSQL (decision 0038): `payment_ledger`, one row per money movement a channel carried —
 * the accepted payment, its refunds, late payments and their settled refunds, as `channelRecords`
 * derives them from a payment's snapshot. Kept by the trigger `payment_ledger_rows` on `payment` (every
 * insert or snapshot change adds the movements not there yet; a movement never changes), so whoever
 * writes a payment writes its movements, and reconciliation reads a day of a channel by its index
 * instead of every payment's JSON.
 */
export class PaymentLedgerRecord {
  kind!: 'payment' | 'refund';
  number!: string;
  at!: Date;
  channel!: string;
  amount!: string;
  currency!: string;
  paymentId!: string;
  createdAt!: Date;
}

/** The movements of the payment rows `p` (id, number, snapshot, created_at), in SQL: shared by the trigger and the migration's backfill. */
const MOVEMENTS_OF = `
  select p.snapshot->'paid'->>'channel' as channel, 'payment'::text as kind, p.number as number,
         (p.snapshot->'paid'->'paidAt'->>'$date')::timestamptz as at,
         (p.snapshot->'amount'->>'$money')::numeric as amount, p.snapshot->'amount'->>'$currency' as currency
   where jsonb_typeof(p.snapshot->'paid') = 'object'
  union all
  select p.snapshot->'paid'->>'channel', 'refund', r->>'refundId', (r->'at'->>'$date')::timestamptz,
         (r->'amount'->>'$money')::numeric, r->'amount'->>'$currency'
    from jsonb_array_elements(case when jsonb_typeof(p.snapshot->'paid') = 'object' then p.snapshot->'refunds' else '[]'::jsonb end) r
  union all
  select c->>'channel', 'payment', p.number, (c->'paidAt'->>'$date')::timestamptz, (c->'amount'->>'$money')::numeric, c->'amount'->>'$currency'
    from jsonb_array_elements(p.snapshot->'callbacks') c where c->>'outcome' = 'late'
  union all
  select c->>'channel', 'refund', c->'refund'->>'refundId', (c->'refundSettledAt'->>'$date')::timestamptz,
         (c->'amount'->>'$money')::numeric, c->'amount'->>'$currency'
    from jsonb_array_elements(p.snapshot->'callbacks') c
   where c->>'outcome' = 'late' and jsonb_typeof(c->'refundSettledAt') = 'object' and jsonb_typeof(c->'refund') = 'object'`;

const INSERT_MOVEMENTS = (rows: string) => `insert into payment_ledger (kind, number, at, channel, amount, currency, payment_id, created_at)
  select x.kind, x.number, x.at, x.channel, x.amount, x.currency, p.id, p.created_at
    from ${rows} p cross join lateral (${MOVEMENTS_OF}) x
   where x.channel is not null and x.at is not null
  on conflict do nothing`;

/** The trigger's function (made by the migration). */
export const PAYMENT_LEDGER_FUNCTION = `create function payment_ledger_rows() returns trigger language plpgsql as $$
begin
  ${INSERT_MOVEMENTS('(select new.id as id, new.number as number, new.snapshot as snapshot, new.created_at as created_at)')};
  return null;
end
$$;`;

/** Every payment already stored (a database migrated before the table). */
export const PAYMENT_LEDGER_BACKFILL = INSERT_MOVEMENTS('payment');

/** The trigger on `payment`, declared on its entity schema so the schema check knows it. */
export const PAYMENT_LEDGER_TRIGGER = {
  name: 'payment_ledger_rows',
  timing: 'after' as const,
  events: ['insert' as const, 'update' as const],
  forEach: 'row' as const,
  expression: `create trigger "payment_ledger_rows" after insert or update on "payment" for each row execute function payment_ledger_rows()`,
};

const timestamptz = { type: 'datetime', columnType: 'timestamptz' } as const;

export const PaymentLedgerSchema = new EntitySchema<PaymentLedgerRecord>({
  class: PaymentLedgerRecord,
  tableName: 'payment_ledger',
  properties: {
    kind: { type: 'text', primary: true },
    number: { type: 'text', primary: true },
    at: { ...timestamptz, primary: true },
    channel: { type: 'text', primary: true },
    amount: { type: 'decimal', columnType: 'numeric(20,2)' },
    currency: { type: 'text' },
    paymentId: { type: 'text' },
    createdAt: { ...timestamptz },
  },
  indexes: [{ name: 'payment_ledger_channel_at_index', properties: ['channel', 'at'] }],
});
