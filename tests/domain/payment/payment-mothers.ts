/** Builders for payments: orders to pay (real `Order`s, as the application would pass them) and callbacks. */
import { Order } from '../../../domain/ordering/order.js';
import { splitOrder } from '../../../domain/ordering/split.js';
import { Payment, type PayableOrder, type PaymentCallback } from '../../../domain/payment/payment.js';
import type { Money } from '../../../domain/shared/money.js';
import { aLine, at, m, newOrder } from '../ordering/order-mothers.js';

export { at, m };

/** PAY-2 in the examples: 15 minutes to pay. */
export const EXPIRES_IN_MINUTES = 15;

/** Three child orders of one parent, payables 124.28, 93.87 and 126.85 (see the ORD-5 worked example). */
export function threeChildren(): Order[] {
  const p = Order.place(
    newOrder({
      lines: [
        aLine('L1', '100.00', 2, { discounts: { activityDiscount: '10.00', couponDiscount: '5.00' } }),
        aLine('L2', '30.00', 1),
        aLine('L3', '45.00', 3, { shopId: 'shop-b', discounts: { couponDiscount: '10.00' } }),
      ],
      freight: m('10.00'),
      freightCouponDiscount: m('5.00'),
    }),
  );
  const { children } = splitOrder(
    p,
    [
      {
        warehouseId: 'wh-1',
        lines: [
          { lineId: 'L1', quantity: 1 },
          { lineId: 'L2', quantity: 1 },
        ],
      },
      { warehouseId: 'wh-2', lines: [{ lineId: 'L1', quantity: 1 }] },
      { warehouseId: 'wh-9', lines: [{ lineId: 'L3', quantity: 3 }] },
    ],
    (i) => ({ id: `c${i + 1}`, number: `SO-1-${i + 1}` }),
    at(0),
  );
  for (const c of children) c.pullEvents();
  return [...children];
}

export function openPayment(orders: readonly PayableOrder[] = threeChildren(), fields: Partial<Parameters<typeof Payment.open>[0]> = {}): Payment {
  const p = Payment.open({ id: 'pay-1', number: 'PN0001', orders, createdAt: at(1), expiresAt: at(1 + EXPIRES_IN_MINUTES), ...fields });
  p.pullEvents();
  return p;
}

export function callback(amount: Money, tx = 'tx-1', fields: Partial<PaymentCallback> = {}): PaymentCallback {
  return { channel: 'fakepay', channelTransactionId: tx, amount, paidAt: at(3), ...fields };
}
