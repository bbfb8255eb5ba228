import { EntitySchema } from '@mikro-orm/core';
import type { OrderSnapshot } from '../../../../domain/ordering/order.js';
import { orderAmounts } from '../../../../domain/ordering/amounts.js';
import type { OrderKind, OrderStatus } from '../../../../domain/ordering/status.js';
import type { PaymentSnapshot, PaymentStatus } from '../../../../domain/payment/payment.js';
import { Money } from '../../../../domain/shared/money.js';
import { requiredTimestamp } from './timestamp.js';

const timestamptz = { type: 'datetime', columnType: 'timestamptz' } as const;

/**
 * A snapshot as stored in jsonb: Money as `{"$money": "12.30", "$currency": "CNY"}` (the exact decimal
 * string, never a JS number), Date as `{"$date": ISO 8601}`, everything else as is. Decoding gives back
 * the same values; jsonb keeps no key order, so objects come back with their keys in jsonb's order.
 */
export type StoredJson = null | boolean | number | string | StoredJson[] | { [key: string]: StoredJson };

export function encodeSnapshot(value: unknown): StoredJson {
  if (value === null || value === undefined) return null;
  if (value instanceof Money) return { $money: value.toString(), $currency: value.currency };
  if (value instanceof Date) return { $date: value.toISOString() };
  if (Array.isArray(value)) return value.map(encodeSnapshot);
  if (typeof value === 'object') {
    const out: Record<string, StoredJson> = {};
    for (const [k, v] of Object.entries(value)) out[k] = encodeSnapshot(v);
    return out;
  }
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  throw new TypeError(`cannot store ${typeof value} in a snapshot`);
}

export function decodeSnapshot<T>(value: StoredJson): T {
  return decode(value) as T;
}

function decode(value: StoredJson): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(decode);
  if (typeof value.$money === 'string' && typeof value.$currency === 'string') return Money.of(value.$money, value.$currency);
  if (typeof value.$date === 'string') return requiredTimestamp(value.$date);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = decode(v);
  return out;
}

/** One row of `order`: the Order aggregate as jsonb, with the columns queries select on. */
export class OrderRecord {
  id!: string;
  number!: string;
  memberId!: string;
  parentId!: string | null;
  status!: OrderStatus;
  payBy!: Date;
  snapshot!: StoredJson;
  version!: number;
  // The query columns (Migration20261122130000_order_queries), derived from the snapshot on every save.
  // Nullable types with a CHECK that they are set: see `sales_order_summary_check`.
  kind!: OrderKind;
  shopId!: string | null;
  placedAt!: Date;
  /** When the order was paid (null: unpaid, or a split parent, which is paid through its children). */
  paidAt!: Date | null;
  /** ORD-1 payable, as the exact decimal string. */
  payable!: string;
  /** No children: an unsplit order or a child order (members see and pay leaf orders). */
  isLeaf!: boolean;
}

export const OrderSchema = new EntitySchema<OrderRecord>({
  class: OrderRecord,
  tableName: 'sales_order',
  properties: {
    id: { type: 'text', primary: true },
    number: { type: 'text' },
    memberId: { type: 'text' },
    parentId: { type: 'text', nullable: true },
    status: { type: 'text' },
    payBy: { ...timestamptz },
    snapshot: { type: 'json' },
    version: { type: 'integer' },
    kind: { type: 'text', nullable: true },
    shopId: { type: 'text', nullable: true },
    placedAt: { ...timestamptz, nullable: true },
    paidAt: { ...timestamptz, nullable: true },
    payable: { type: 'decimal', precision: 20, scale: 2, nullable: true },
    isLeaf: { type: 'boolean', nullable: true },
  },
  uniques: [{ name: 'sales_order_number_unique', properties: ['number'] }],
  indexes: [
    { name: 'sales_order_member_index', properties: ['memberId'] },
    { name: 'sales_order_parent_index', properties: ['parentId'] },
    { name: 'sales_order_status_pay_by_index', properties: ['status', 'payBy'] },
    { name: 'sales_order_member_placed_index', columns: [{ name: 'member_id' }, { name: 'placed_at', sort: 'desc' }] },
    { name: 'sales_order_placed_index', properties: ['placedAt'] },
    { name: 'sales_order_shop_placed_index', columns: [{ name: 'shop_id' }, { name: 'placed_at', sort: 'desc' }] },
  ],
  checks: [
    {
      name: 'sales_order_status_check',
      expression: `status in ('pending_payment', 'pending_shipment', 'pending_redemption', 'shipped', 'completed', 'cancelled', 'closed')`,
    },
    { name: 'sales_order_version_check', expression: 'version >= 0' },
    // A CHECK rather than NOT NULL: evaluated after the status check (PostgreSQL runs CHECKs by name),
    // so a bad status is still reported as such by rows written behind the adapter's back.
    {
      name: 'sales_order_summary_check',
      expression: `kind is not null and placed_at is not null and payable is not null and is_leaf is not null and kind in ('goods', 'service') and payable >= 0`,
    },
  ],
});

/** The row to write for a snapshot, at its next version. */
export function orderRecord(s: OrderSnapshot, version: number): OrderRecord {
  return {
    id: s.id,
    number: s.number,
    memberId: s.common.memberId,
    parentId: s.parentId,
    status: s.status,
    payBy: s.payBy,
    snapshot: encodeSnapshot({ ...s, version }),
    version,
    kind: s.kind,
    shopId: s.shopId,
    placedAt: s.placedAt,
    paidAt: s.payment?.paidAt ?? null,
    payable: orderAmounts(s.lines, s.freight, s.freightCouponDiscount).payable.toString(),
    isLeaf: s.childIds.length === 0,
  };
}

/** An `order` row as native SQL returns it. */
export interface OrderRow {
  id: string;
  snapshot: StoredJson;
  version: number;
}

export function orderFromRow(r: OrderRow): OrderSnapshot {
  return { ...decodeSnapshot<OrderSnapshot>(r.snapshot), version: r.version };
}

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

export const orderSchemas = [OrderSchema, PaymentSchema, PaymentOrderSchema, PaymentChannelTransactionSchema];
