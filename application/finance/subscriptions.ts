import type { CommittedEvent, Subscription } from '../shared/subscriptions.js';
import type { LateMoney, RefundOfOrders } from './follow-payments.js';

export const FINANCE_ORDER_PAID = 'finance.post-order-paid';
export const FINANCE_ORDER_COMPLETED = 'finance.post-order-completed';
export const FINANCE_REFUND_ISSUED = 'finance.post-refund-issued';
export const FINANCE_REFUND_PAID_OUT = 'finance.post-refund-paid-out';
export const FINANCE_LATE_PAYMENT = 'finance.post-late-payment';
export const FINANCE_LATE_REFUND = 'finance.post-late-refund';

const text = (e: CommittedEvent, field: string): string => {
  const value = e.payload[field];
  if (typeof value !== 'string') throw new Error(`event ${e.type} ${e.id} carries no ${field}`);
  return value;
};

const ordersOf = (e: CommittedEvent): RefundOfOrders['orders'] => {
  const orders = e.payload.orders;
  if (!Array.isArray(orders)) throw new Error(`event ${e.type} ${e.id} carries no orders`);
  return orders.map((o: { orderId?: unknown; amount?: unknown }) => {
    if (typeof o.orderId !== 'string' || typeof o.amount !== 'string') throw new Error(`event ${e.type} ${e.id} carries an order without id or amount`);
    return { orderId: o.orderId, amount: o.amount };
  });
};

const refundOf = (e: CommittedEvent): RefundOfOrders => ({ paymentId: e.aggregateId, refundId: text(e, 'refundId'), orders: ordersOf(e), at: e.occurredAt });
const lateOf = (e: CommittedEvent): LateMoney => ({
  paymentId: e.aggregateId,
  refundId: text(e, 'refundId'),
  channelTransactionId: text(e, 'channelTransactionId'),
  amount: text(e, 'amount'),
  at: e.occurredAt,
});

/**
 * The ledger's postings from business events (docs/contexts/finance.md): an order paid (`order.paid`) or
 * completed (`order.completed`); every refund of money paid — after-sales and ORD-6 cancellations alike go
 * through the payment's `payment.refunded`, paid out on `payment.refund-acknowledged`; and the late payments
 * of PAY-1/PAY-2 and their refunds. Each posts once per source, however often its event is delivered.
 */
export function financeSubscriptions(l: {
  postOrderPaid(cmd: { orderId: string; paymentId: string; payable: string; at: Date }): Promise<unknown>;
  postOrderCompleted(cmd: { orderId: string; at: Date }): Promise<unknown>;
  postRefundIssued(cmd: RefundOfOrders): Promise<unknown>;
  postRefundPaidOut(cmd: RefundOfOrders): Promise<unknown>;
  postLatePayment(cmd: LateMoney): Promise<unknown>;
  postLateRefund(cmd: LateMoney): Promise<unknown>;
}): Subscription[] {
  return [
    {
      name: FINANCE_ORDER_PAID,
      on: 'order.paid',
      handle: async (e) =>
        void (await l.postOrderPaid({ orderId: e.aggregateId, paymentId: text(e, 'paymentId'), payable: text(e, 'payable'), at: e.occurredAt })),
    },
    {
      name: FINANCE_ORDER_COMPLETED,
      on: 'order.completed',
      handle: async (e) => void (await l.postOrderCompleted({ orderId: e.aggregateId, at: e.occurredAt })),
    },
    { name: FINANCE_REFUND_ISSUED, on: 'payment.refunded', handle: async (e) => void (await l.postRefundIssued(refundOf(e))) },
    { name: FINANCE_REFUND_PAID_OUT, on: 'payment.refund-acknowledged', handle: async (e) => void (await l.postRefundPaidOut(refundOf(e))) },
    { name: FINANCE_LATE_PAYMENT, on: 'payment.late-callback', handle: async (e) => void (await l.postLatePayment(lateOf(e))) },
    { name: FINANCE_LATE_REFUND, on: 'payment.late-refund-settled', handle: async (e) => void (await l.postLateRefund(lateOf(e))) },
  ];
}
