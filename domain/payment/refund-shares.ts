import { allocate } from '../shared/allocation.js';
import { Money } from '../shared/money.js';
import { invalidRefund, refundExceedsPaid } from './errors.js';
import { PAYMENT_MACHINE, type PaymentSnapshot, type PaymentStatus } from './payment-state.js';

/**
 * The rules of a new refund of a payment (`Payment.refund`): a positive amount of whole cents in the
 * payment's currency, only of money that was paid (an unpaid or closed payment has nothing:
 * INVALID_TRANSITION), never more than is left of the payment or of the order named (REFUND_EXCEEDS_PAID,
 * also once fully refunded). Answers the payment's status after it and the amount per order: all of it
 * on the order named, else allocated over the orders by what is left of each (largest remainder,
 * decision 0003).
 */
export function refundShares(
  state: PaymentSnapshot,
  refunded: Money,
  r: { readonly refundId: string; readonly amount: Money; readonly orderId?: string | null },
): { amount: Money; target: PaymentStatus; parts: Money[] } {
  const amount = r.amount;
  if (!(amount instanceof Money) || amount.currency !== state.currency || !amount.isWholeMinorUnits() || !amount.isPositive()) {
    throw invalidRefund('NOT_A_POSITIVE_AMOUNT', `a refund is a positive amount of whole cents in ${state.currency}`, { refundId: r.refundId });
  }
  if (r.orderId != null && !state.orders.some((o) => o.orderId === r.orderId)) {
    throw invalidRefund('UNKNOWN_ORDER', `payment ${state.number} does not pay order ${r.orderId}`, { orderId: r.orderId });
  }
  if (state.status === 'unpaid' || state.status === 'cancelled') PAYMENT_MACHINE.assert(state.status, 'refunded', { paymentId: state.id });
  const left = state.amount.subtract(refunded);
  if (amount.greaterThan(left)) throw refundExceedsPaid(state.id, { paid: state.amount, refunded, requested: amount, orderId: null });
  const target: PaymentStatus = amount.equals(left) ? 'refunded' : 'partially_refunded';

  const room = state.orders.map((o) => o.amount.subtract(o.refunded));
  if (r.orderId == null)
    return {
      amount,
      target,
      parts: allocate(
        amount,
        room.map((m) => m.toMinor().toString()),
      ),
    };
  const i = state.orders.findIndex((o) => o.orderId === r.orderId);
  const o = state.orders[i]!;
  if (amount.greaterThan(room[i]!)) throw refundExceedsPaid(state.id, { paid: o.amount, refunded: o.refunded, requested: amount, orderId: o.orderId });
  return { amount, target, parts: state.orders.map((_, k) => (k === i ? amount : Money.zero(state.currency))) };
}
