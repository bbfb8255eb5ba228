import type { Subscription } from '../shared/subscriptions.js';

export const COMPLETE_REFUND = 'after-sales.complete-refund';

/**
 * After-sales' reaction to payment's events: a refund the channel acknowledged completes the request it
 * paid (`CompleteAfterSalesRefund`, idempotent: a second delivery changes nothing).
 */
export function afterSalesSubscriptions(a: { completeRefund(cmd: { refundId: string }): Promise<unknown> }): Subscription[] {
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
  ];
}
