import type { Subscription } from '../shared/subscriptions.js';

export const INVOICE_PAID_ORDER = 'invoice.request-of-paid-order';
export const INVOICE_RECEIVED_ORDER = 'invoice.request-of-received-order';
export const INVOICE_FOLLOW_REFUND = 'invoice.follow-refund';

/**
 * The invoice context's reactions: an order paid or completed gets the invoice asked for when placing it
 * (`RequestInvoiceOfOrder`: once, when its shop invoices at that point); a refund issued on an order makes
 * its blue invoice follow what it keeps (`FollowOrderRefunds`: repriced, cancelled, or red-flushed). Both
 * idempotent: a second delivery changes nothing.
 */
export function invoiceSubscriptions(i: {
  requestOfOrder(cmd: { orderId: string }): Promise<unknown>;
  followRefunds(cmd: { orderId: string }): Promise<unknown>;
}): Subscription[] {
  const orderOf = (event: { type: string; id: string; aggregateId: string; payload: Readonly<Record<string, unknown>> }, field: string | null) => {
    const value = field === null ? event.aggregateId : event.payload[field];
    if (typeof value !== 'string') throw new Error(`event ${event.type} ${event.id} carries no order id`);
    return value;
  };
  return [
    { name: INVOICE_PAID_ORDER, on: 'order.paid', handle: async (e) => void (await i.requestOfOrder({ orderId: orderOf(e, null) })) },
    { name: INVOICE_RECEIVED_ORDER, on: 'order.completed', handle: async (e) => void (await i.requestOfOrder({ orderId: orderOf(e, null) })) },
    {
      name: INVOICE_FOLLOW_REFUND,
      on: 'after-sales.request.refund-issued',
      handle: async (e) => void (await i.followRefunds({ orderId: orderOf(e, 'orderId') })),
    },
  ];
}
