import { PAYMENT_ERRORS, paymentNotFound } from '../../domain/payment/errors.js';
import type { ChannelRequest, VerifiedRefundCallback } from '../../domain/payment/ports.js';
import { Money } from '../../domain/shared/money.js';
import type { PaymentDeps } from './deps.js';
import { scheduleChannelRefund } from './jobs.js';
import { PAYMENT_STORE } from './store.js';

export interface RefundCallbackResult {
  readonly paymentId: string;
  readonly refundId: string;
  /** `acknowledged`: the money went back (now, or `replayed`: before); `retrying`: the channel failed it and is asked again. */
  readonly outcome: 'acknowledged' | 'retrying';
  readonly replayed: boolean;
}

/**
 * A channel's refund notification (退款通知), for refunds the channel took and finished later. The adapter
 * checks the signature first (`PAYMENT.INVALID_SIGNATURE`, nothing read); then, in one transaction, the
 * payment's refund of that id (another payment's or none: `PAYMENT.INVALID_REFUND`; another amount:
 * `PAYMENT.AMOUNT_MISMATCH`, nothing written): a success acknowledges it once (`payment.refund-acknowledged`;
 * a second or late notification, or one after the channel's own answer, is a replay that changes nothing);
 * a failure asks the channel again by a new `payment.channel-refund` job, under the same refund id.
 */
export class HandleRefundCallback {
  constructor(private readonly deps: Pick<PaymentDeps, 'uow' | 'channels' | 'clock'>) {}

  async execute(cmd: { readonly channel: string; readonly body: unknown; readonly request?: ChannelRequest }): Promise<RefundCallbackResult> {
    const channel = this.deps.channels.get(cmd.channel);
    if (!channel.verifyRefundCallback) {
      throw PAYMENT_ERRORS.raise('INVALID_CALLBACK', `channel ${channel.name} sends no refund notifications`, { channel: channel.name });
    }
    const v = channel.verifyRefundCallback(cmd.body, cmd.request);
    return this.deps.uow.run(async (tx) => {
      const payments = tx.use(PAYMENT_STORE).payments;
      const payment = await payments.byNumber(v.paymentNumber);
      if (!payment) throw paymentNotFound(v.paymentNumber);
      const s = payment.toSnapshot();
      const refund = s.refunds.find((r) => r.refundId === v.refundId);
      if (!refund)
        throw PAYMENT_ERRORS.raise('INVALID_REFUND', `payment ${s.number} made no refund ${v.refundId}`, { reason: 'UNKNOWN_REFUND', refundId: v.refundId });
      if (!amountHolds(v, refund.amount, s.refunds)) {
        throw PAYMENT_ERRORS.raise('AMOUNT_MISMATCH', `refund ${v.refundId} is ${refund.amount.toString()}, the notification says ${v.amount.toString()}`, {
          refundId: v.refundId,
          amountIs: v.amountIs ?? 'this_refund',
        });
      }
      const at = this.deps.clock.now();
      if (v.outcome === 'failed') {
        if (refund.acknowledged) return { paymentId: s.id, refundId: v.refundId, outcome: 'acknowledged', replayed: true };
        await scheduleChannelRefund(tx, s.id, v.refundId, at, `retry:${v.refundTransactionId}`);
        return { paymentId: s.id, refundId: v.refundId, outcome: 'retrying', replayed: false };
      }
      const first = payment.acknowledgeRefund(v.refundId, v.refundTransactionId, at);
      if (first) await payments.save(payment);
      return { paymentId: s.id, refundId: v.refundId, outcome: 'acknowledged', replayed: !first };
    });
  }
}

/**
 * The notification's amount against the refund: equal to it, or — when the channel tells what the
 * payment has refunded so far (Alipay's `refund_fee`) — at least this refund and at most every refund
 * of the payment together (the channel may finish them in another order than they were asked).
 */
function amountHolds(v: VerifiedRefundCallback, amount: Money, refunds: readonly { readonly amount: Money }[]): boolean {
  if (v.amountIs !== 'refunded_so_far') return amount.equals(v.amount);
  return (
    !v.amount.lessThan(amount) &&
    !v.amount.greaterThan(
      Money.sum(
        refunds.map((r) => r.amount),
        amount.currency,
      ),
    )
  );
}
