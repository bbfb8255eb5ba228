import { DomainError } from '../shared/domain-error.js';
import { Money } from '../shared/money.js';
import { ORDER_ERROR, transitionRejection } from '../ordering/index.js';
import { invalidPayment } from './errors.js';
import type { PayableOrder, PaymentShare, PaymentSnapshot } from './payment-state.js';

/** What opening a payment takes: the orders it pays and its window. */
export interface PaymentOpening {
  readonly id: string;
  readonly number: string;
  readonly orders: readonly PayableOrder[];
  readonly createdAt: Date;
  readonly expiresAt: Date;
  /** The channel asked to collect it. */
  readonly channel?: string;
}

const text = (v: unknown, max: number): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= max;

/**
 * The rules of opening a payment (PAY-1, ORD-5): orders that can be paid now (pending payment, not split
 * parents), all of one member and one currency, each with something to pay; the new payment's state.
 */
export function openingSnapshot(p: PaymentOpening): PaymentSnapshot {
  if (!text(p.id, 64) || !text(p.number, 64)) throw invalidPayment('INVALID_ID', 'a payment has an id and a number of 1 to 64 characters');
  if (!Array.isArray(p.orders) || p.orders.length === 0) throw invalidPayment('NO_ORDERS', 'a payment pays at least one order');
  if (p.orders.length > 50) throw invalidPayment('TOO_MANY_ORDERS', 'a combined payment pays at most 50 orders');
  const first = p.orders[0]!;
  if (new Set(p.orders.map((o) => o.id)).size !== p.orders.length) throw invalidPayment('DUPLICATE_ORDER', 'an order appears once in a payment');
  for (const o of p.orders) {
    if (o.isSplitParent) throw DomainError.conflict(ORDER_ERROR.SPLIT_PARENT, `order ${o.id} was split; pay its child orders`, { orderId: o.id });
    const rejection = transitionRejection(o, o.kind === 'service' ? 'pending_redemption' : 'pending_shipment');
    if (rejection) throw rejection;
    if (o.memberId !== first.memberId) throw invalidPayment('MIXED_MEMBERS', 'a combined payment pays the orders of one member', { orderId: o.id });
    if (o.payable.currency !== first.payable.currency) throw invalidPayment('MIXED_CURRENCIES', 'a combined payment is in one currency', { orderId: o.id });
    if (!o.payable.isPositive()) throw invalidPayment('NOTHING_TO_PAY', `order ${o.id} has nothing to pay; it is paid without a channel`, { orderId: o.id });
  }
  if (!(p.expiresAt.getTime() > p.createdAt.getTime())) throw invalidPayment('INVALID_EXPIRY', 'a payment expires after it is opened');
  const currency = first.payable.currency;
  const zero = Money.zero(currency);
  const orders = p.orders.map((o): PaymentShare => ({ orderId: o.id, orderNumber: o.number, amount: o.payable, refunded: zero }));
  return {
    id: p.id,
    number: p.number,
    memberId: first.memberId,
    currency,
    amount: Money.sum(
      orders.map((o) => o.amount),
      currency,
    ),
    orders,
    status: 'unpaid',
    createdAt: p.createdAt,
    expiresAt: p.expiresAt,
    ...(p.channel ? { channel: p.channel } : {}),
    paid: null,
    cancellation: null,
    refunds: [],
    callbacks: [],
    updatedAt: p.createdAt,
    version: 0,
  };
}
