import { paymentNotFound } from '../../domain/payment/errors.js';
import type { Money } from '../../domain/shared/money.js';
import type { Transaction } from '../shared/unit-of-work.js';
import { scheduleChannelClose, scheduleChannelRefund } from './jobs.js';
import { PAYMENT_STORE } from './store.js';

/**
 * The payment context's published in-transaction services (issue #13): what ordering and fulfilment ask
 * of payments inside their own transaction. Each owns its rules; saving records the payment's events.
 */

/** An order was cancelled before payment: its payments still unpaid close (`order_cancelled`), here and — by the job `payment.channel-close` — at their channel, so no channel takes money for it. */
export async function closeUnpaidPaymentsOfOrder(tx: Transaction, orderId: string, at: Date): Promise<void> {
  const payments = tx.use(PAYMENT_STORE).payments;
  for (const p of await payments.ofOrder(orderId)) {
    if (p.status === 'unpaid' && p.close('order_cancelled', at)) {
      await payments.save(p);
      await scheduleChannelClose(tx, p.toSnapshot(), at);
    }
  }
}

/** A refund recorded now for an order's share of its payment. */
export interface OrderShareRefund {
  readonly paymentId: string;
  readonly refundId: string;
  readonly amount: Money;
}

/**
 * ORD-6: what is left of a paid order's share of its payment is refunded (refund id `cancel-<order>`, so
 * a retry refunds once), and the money goes back through the channel by the durable job
 * `payment.channel-refund`, scheduled with it. Null when nothing is left to refund, or when the order had
 * nothing to pay (paid without a channel: no payment record).
 */
export async function refundOrderShare(
  tx: Transaction,
  cmd: { readonly paymentId: string; readonly orderId: string; readonly orderPayable: Money; readonly reason: string; readonly at: Date },
): Promise<OrderShareRefund | null> {
  const payments = tx.use(PAYMENT_STORE).payments;
  const payment = await payments.get(cmd.paymentId);
  if (!payment) {
    if (cmd.orderPayable.isZero()) return null;
    throw paymentNotFound(cmd.paymentId);
  }
  const share = payment.orders.find((o) => o.orderId === cmd.orderId);
  if (!share) throw new Error(`payment ${cmd.paymentId} does not pay order ${cmd.orderId}`);
  const left = share.amount.subtract(share.refunded);
  if (!left.isPositive()) return null;
  const refundId = `cancel-${cmd.orderId}`;
  payment.refund({ refundId, amount: left, orderId: cmd.orderId, reason: cmd.reason, at: cmd.at });
  await payments.save(payment);
  await scheduleChannelRefund(tx, cmd.paymentId, refundId, cmd.at);
  return { paymentId: cmd.paymentId, refundId, amount: left };
}

/**
 * AFS-2: `amount` of an order's share of its payment is refunded under the caller's refund id (after-sales:
 * `afs-<request>`), and goes back through the channel by the durable job `payment.channel-refund`. The
 * payment's rules hold: never more than is left of the order's share (PAYMENT.REFUND_EXCEEDS_PAID), the same
 * id twice is one refund (a replay, scheduled once) and another amount under it PAYMENT.INVALID_REFUND.
 * When the channel acknowledges, `payment.refund-acknowledged` tells the caller.
 */
export async function refundOrderAmount(
  tx: Transaction,
  cmd: { readonly paymentId: string; readonly orderId: string; readonly refundId: string; readonly amount: Money; readonly reason: string; readonly at: Date },
): Promise<OrderShareRefund & { readonly replayed: boolean }> {
  const payments = tx.use(PAYMENT_STORE).payments;
  const payment = await payments.get(cmd.paymentId);
  if (!payment) throw paymentNotFound(cmd.paymentId);
  const { replayed } = payment.refund({ refundId: cmd.refundId, amount: cmd.amount, orderId: cmd.orderId, reason: cmd.reason, at: cmd.at });
  if (!replayed) {
    await payments.save(payment);
    await scheduleChannelRefund(tx, cmd.paymentId, cmd.refundId, cmd.at);
  }
  return { paymentId: cmd.paymentId, refundId: cmd.refundId, amount: cmd.amount, replayed };
}
