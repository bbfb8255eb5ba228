import { EntitySchema } from '@mikro-orm/core';
import type { PaymentSnapshot, PaymentStatus } from '../../../../domain/payment/payment.js';
import { decodeSnapshot, encodeSnapshot, type StoredJson } from '../records/snapshot-json.js';
import { PAYMENT_LEDGER_TRIGGER } from './movements.js';

const timestamptz = { type: 'datetime', columnType: 'timestamptz' } as const;

/** One row of `payment`: the Payment aggregate as jsonb, with the columns queries select on. */
export class PaymentRecord {
  id!: string;
  number!: string;
  status!: PaymentStatus;
  createdAt!: Date;
  snapshot!: StoredJson;
  version!: number;
}

export const PaymentSchema = new EntitySchema<PaymentRecord>({
  class: PaymentRecord,
  tableName: 'payment',
  // PAY-3: every write of a payment adds its new money movements to `payment_ledger` (movements.ts).
  triggers: [PAYMENT_LEDGER_TRIGGER],
  properties: {
    id: { type: 'text', primary: true },
    number: { type: 'text' },
    status: { type: 'text' },
    createdAt: { ...timestamptz },
    snapshot: { type: 'json' },
    version: { type: 'integer' },
  },
  uniques: [{ name: 'payment_number_unique', properties: ['number'] }],
  checks: [
    { name: 'payment_status_check', expression: `status in ('unpaid', 'paid', 'partially_refunded', 'refunded', 'cancelled')` },
    { name: 'payment_version_check', expression: 'version >= 0' },
  ],
});

/** The orders a payment pays for (fixed when it is opened): finds the payments of an order. */
export class PaymentOrderRecord {
  paymentId!: string;
  orderId!: string;
}

export const PaymentOrderSchema = new EntitySchema<PaymentOrderRecord>({
  class: PaymentOrderRecord,
  tableName: 'payment_order',
  properties: {
    paymentId: { type: 'text', primary: true },
    orderId: { type: 'text', primary: true },
  },
  indexes: [{ name: 'payment_order_order_index', properties: ['orderId'] }],
});

/** PAY-1: each channel transaction (an accepted success or a handled callback) belongs to one payment. */
export class PaymentChannelTransactionRecord {
  channel!: string;
  transactionId!: string;
  paymentId!: string;
}

export const PaymentChannelTransactionSchema = new EntitySchema<PaymentChannelTransactionRecord>({
  class: PaymentChannelTransactionRecord,
  tableName: 'payment_channel_transaction',
  properties: {
    channel: { type: 'text', primary: true },
    transactionId: { type: 'text', primary: true },
    paymentId: { type: 'text' },
  },
  indexes: [{ name: 'payment_channel_transaction_payment_index', properties: ['paymentId'] }],
});

export function paymentRecord(s: PaymentSnapshot, version: number): PaymentRecord {
  return {
    id: s.id,
    number: s.number,
    status: s.status,
    createdAt: s.createdAt,
    snapshot: encodeSnapshot({ ...s, version }),
    version,
  };
}

/** A `payment` row as native SQL returns it. */
export interface PaymentRow {
  id: string;
  snapshot: StoredJson;
  version: number;
}

export function paymentFromRow(r: PaymentRow): PaymentSnapshot {
  return { ...decodeSnapshot<PaymentSnapshot>(r.snapshot), version: r.version };
}

/** PAY-1: the channel transactions a payment holds: its accepted success and every callback handled. */
export function channelTransactions(s: PaymentSnapshot): { channel: string; transactionId: string }[] {
  const seen = new Map<string, { channel: string; transactionId: string }>();
  const add = (channel: string, transactionId: string) => seen.set(`${channel}\u0000${transactionId}`, { channel, transactionId });
  if (s.paid) add(s.paid.channel, s.paid.channelTransactionId);
  for (const c of s.callbacks) add(c.channel, c.channelTransactionId);
  return [...seen.values()];
}
