import { ordersAwaitingPayment, payOrders, type PayOrdersDeps } from '../ordering/index.js';
import { paymentNotFound } from '../../domain/payment/errors.js';
import type { PaymentCallback } from '../../domain/payment/payment.js';
import type { LedgerRecord } from '../../domain/payment/reconciliation.js';
import type { Transaction } from '../shared/unit-of-work.js';
import { PAYMENT_JOB } from './jobs.js';
import { PAYMENT_STORE } from './store.js';

/**
 * What the reconciliation context (对账, PAY-3) asks of payments inside its own transaction: the
 * platform's ledger of a channel, and a payment the channel's statement shows that the platform never
 * heard of, accepted as the callback that never came.
 */

/** PAY-3: the records the channel carried (payments, refunds, late payments and their refunds) settled in [from, to). */
export function settledRecords(tx: Transaction, q: { readonly channel: string; readonly from: Date; readonly to: Date }): Promise<LedgerRecord[]> {
  return tx.use(PAYMENT_STORE).ledger.settledBetween(q.channel, q.from, q.to);
}

/**
 * PAY-1, in the caller's transaction: a channel's success — a verified callback (`HandlePaymentCallback`),
 * or one found on the channel's statement (paid there, not here) after staff confirmed it. The decision: the payment's first success pays its orders; a payment already paid
 * (or closed) flags it late and its money goes back by the durable job `payment.refund-late` (the double
 * payment refunded); the same transaction id twice answers the first decision. In the caller's transaction.
 * PAYMENT.NOT_FOUND for a number the platform never issued; PAYMENT.AMOUNT_MISMATCH for another amount.
 */
export async function acceptChannelPayment(
  tx: Transaction,
  deps: PayOrdersDeps,
  cmd: { readonly paymentNumber: string; readonly callback: PaymentCallback; readonly at: Date },
): Promise<{ readonly paymentId: string; readonly outcome: 'paid' | 'late'; readonly replayed: boolean; readonly orderIds: readonly string[] }> {
  const payments = tx.use(PAYMENT_STORE).payments;
  const payment = await payments.byNumber(cmd.paymentNumber);
  if (!payment) throw paymentNotFound(cmd.paymentNumber);
  const orderIds = payment.orders.map((o) => o.orderId);
  const outcome = payment.handleCallback(cmd.callback, { receivedAt: cmd.at, ordersAwaitingPayment: await ordersAwaitingPayment(tx, orderIds) });
  if (outcome.replayed) return { paymentId: payment.id, outcome: outcome.kind, replayed: true, orderIds };
  // Orders before the payment, as cancelling writes them (order, then its payments): no deadlock between the two.
  if (outcome.kind === 'paid') await payOrders(tx, deps, { orderIds, paymentId: payment.id, at: cmd.at });
  await payments.save(payment);
  if (outcome.kind === 'late') {
    const r = outcome.refund;
    const kind = PAYMENT_JOB.LATE_REFUND;
    await tx.jobs.schedule({
      kind,
      key: `${kind}:${r.refundId}`,
      runAt: cmd.at,
      payload: { paymentId: payment.id, channel: r.channel, channelTransactionId: r.channelTransactionId },
    });
  }
  return { paymentId: payment.id, outcome: outcome.kind, replayed: false, orderIds };
}
