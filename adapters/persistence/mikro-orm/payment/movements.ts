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
  /** What tells two movements of one number apart: the channel's transaction id of a payment, the refund id of a refund. */
  movement!: string;
  amount!: string;
  currency!: string;
  paymentId!: string;
  createdAt!: Date;
  several!: boolean;
}

/** The movements of the payment rows `p` (id, number, snapshot, created_at), in SQL: shared by the trigger and the migration's backfill. */
const MOVEMENTS_OF = `
  select p.snapshot->'paid'->>'channel' as channel, 'payment'::text as kind, p.number as number,
         (p.snapshot->'paid'->'paidAt'->>'$date')::timestamptz as at,
         (p.snapshot->'amount'->>'$money')::numeric as amount, p.snapshot->'amount'->>'$currency' as currency,
         p.snapshot->'paid'->>'channelTransactionId' as movement
   where jsonb_typeof(p.snapshot->'paid') = 'object'
  union all
  select p.snapshot->'paid'->>'channel', 'refund', r->>'refundId', (r->'at'->>'$date')::timestamptz,
         (r->'amount'->>'$money')::numeric, r->'amount'->>'$currency', r->>'refundId'
    from jsonb_array_elements(case when jsonb_typeof(p.snapshot->'paid') = 'object' then p.snapshot->'refunds' else '[]'::jsonb end) r
  union all
  select c->>'channel', 'payment', p.number, (c->'paidAt'->>'$date')::timestamptz, (c->'amount'->>'$money')::numeric, c->'amount'->>'$currency',
         c->>'channelTransactionId'
    from jsonb_array_elements(p.snapshot->'callbacks') c where c->>'outcome' = 'late'
  union all
  select c->>'channel', 'refund', c->'refund'->>'refundId', (c->'refundSettledAt'->>'$date')::timestamptz,
         (c->'amount'->>'$money')::numeric, c->'amount'->>'$currency', c->'refund'->>'refundId'
    from jsonb_array_elements(p.snapshot->'callbacks') c
   where c->>'outcome' = 'late' and jsonb_typeof(c->'refundSettledAt') = 'object' and jsonb_typeof(c->'refund') = 'object'`;

const INSERT_MOVEMENTS = (rows: string) => `insert into payment_ledger (kind, number, at, channel, movement, amount, currency, payment_id, created_at)
  select x.kind, x.number, x.at, x.channel, x.movement, x.amount, x.currency, p.id, p.created_at
    from ${rows} p cross join lateral (${MOVEMENTS_OF}) x
   where x.channel is not null and x.at is not null and x.movement is not null
  on conflict do nothing`;

/**
 * `several`: a number with more than one movement of a kind on a channel (a late second payment) — all
 * of one payment (a payment's number, a refund's id), so the numbers of the payment just written are the
 * ones to look at — by the table's key (kind, number, …), never a scan.
 * Reconciliation hands such numbers to the pure matcher and matches the rest in one join.
 */
const MARK_SEVERAL = (rows: string) => `update payment_ledger l set several = true
    from (select distinct x.kind, x.number, x.channel from ${rows} p cross join lateral (${MOVEMENTS_OF}) x where x.channel is not null) m
   where l.kind = m.kind and l.number = m.number and l.channel = m.channel and not l.several
     and (select count(*) from payment_ledger o where o.kind = m.kind and o.number = m.number and o.channel = m.channel) > 1`;

/** The row the trigger fires for, as the payment rows `p` the statements above read. */
const NEW_ROW = '(select new.id as id, new.number as number, new.snapshot as snapshot, new.created_at as created_at)';

/** The trigger's function (made by the migration). */
export const PAYMENT_LEDGER_FUNCTION = `create function payment_ledger_rows() returns trigger language plpgsql as $$
begin
  ${INSERT_MOVEMENTS(NEW_ROW)};
  ${MARK_SEVERAL(NEW_ROW)};
  return null;
end
$$;`;

/** Every payment already stored (a database migrated before the table). */
export const PAYMENT_LEDGER_BACKFILL = [
  INSERT_MOVEMENTS('payment'),
  `update payment_ledger set several = true where (kind, number, channel) in
     (select kind, number, channel from payment_ledger group by kind, number, channel having count(*) > 1)`,
];

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
    at: { ...timestamptz },
    channel: { type: 'text', primary: true },
    movement: { type: 'text', primary: true },
    amount: { type: 'decimal', columnType: 'numeric(20,2)' },
    currency: { type: 'text' },
    paymentId: { type: 'text' },
    createdAt: { ...timestamptz },
    several: { type: 'boolean', default: false },
  },
  indexes: [{ name: 'payment_ledger_channel_at_index', properties: ['channel', 'at'] }],
});
