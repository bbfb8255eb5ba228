import type { Subscription } from '../shared/subscriptions.js';

export const COMPLETE_REFUND = 'after-sales.complete-refund';
export const COMPLETE_EXCHANGE = 'after-sales.complete-exchange';

/**
 * After-sales' reactions: a refund the channel acknowledged completes the request it paid
 * (`CompleteAfterSalesRefund`); an exchange order that shipped (`order.exchange-shipped`) completes its
 * request (`CompleteExchange`). Both idempotent: a second delivery changes nothing.
 */
export function afterSalesSubscriptions(a: {
  completeRefund(cmd: { refundId: string }): Promise<unknown>;
  completeExchange(cmd: { orderId: string; carrier: string; trackingNumber: string }): Promise<unknown>;
}): Subscription[] {
  return [
    {
      name: COMPLETE_REFUND,
      on: 'payment.refund-acknowledged',
      handle: async (event) => {
        const refundId = event.payload.refundId;
        if (typeof refundId !== 'string') throw new Error(`event ${event.type} ${event.id} carries no refundId`);
        await a.completeRefund({ refundId });
      },
    },
    {
      name: COMPLETE_EXCHANGE,
      on: 'order.exchange-shipped',
      handle: async (event) => {
        const { carrier, trackingNumber } = event.payload;
        if (typeof carrier !== 'string' || typeof trackingNumber !== 'string') throw new Error(`event ${event.type} ${event.id} carries no parcel`);
        await a.completeExchange({ orderId: event.aggregateId, carrier, trackingNumber });
      },
    },
  ];
}
