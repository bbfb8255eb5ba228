import { paymentNotFound } from '../../domain/payment/errors.js';
import type { PaymentDeps } from './deps.js';
import { PAYMENT_STORE } from './store.js';

/**
 * The handler of `payment.channel-refund`: gives a refund recorded on a payment (a paid order cancelled,
 * ORD-6; an after-sales refund, AFS-2) back through the channel that took the money. The channel is
 * idempotent per refund id, so a retry after a crash or a timeout never refunds twice; when it throws,
 * the runner retries later until acknowledged. The acknowledgement is recorded on the payment
 * (`payment.refund-acknowledged`, once) in a transaction of its own after the channel answered.
 */
export class RefundThroughChannel {
  constructor(private readonly deps: Pick<PaymentDeps, 'uow' | 'channels' | 'clock'>) {}

  async execute(cmd: { paymentId: string; refundId: string }): Promise<{ refundTransactionId: string; processing?: boolean }> {
    const { snapshot } = await this.deps.uow.run(async (tx) => {
      const payment = await tx.use(PAYMENT_STORE).payments.get(cmd.paymentId);
      if (!payment) throw paymentNotFound(cmd.paymentId);
      return { snapshot: payment.toSnapshot() };
    });
    const refund = snapshot.refunds.find((r) => r.refundId === cmd.refundId);
    if (!refund) throw new Error(`payment ${cmd.paymentId} has no refund ${cmd.refundId}`);
    if (!snapshot.paid) throw new Error(`payment ${cmd.paymentId} was refunded without being paid`);
    const answer = await this.deps.channels.get(snapshot.paid.channel).refund({
      paymentNumber: snapshot.number,
      refundId: refund.refundId,
      channelTransactionId: snapshot.paid.channelTransactionId,
      amount: refund.amount,
      paymentAmount: snapshot.amount,
    });
    // Taken but not done yet: the channel's refund notification acknowledges it (`HandleRefundCallback`).
    if (refund.acknowledged || answer.processing) return answer;
    await this.deps.uow.run(async (tx) => {
      const payments = tx.use(PAYMENT_STORE).payments;
      const payment = await payments.get(cmd.paymentId);
      if (payment?.acknowledgeRefund(cmd.refundId, answer.refundTransactionId, this.deps.clock.now())) await payments.save(payment);
    });
    return answer;
  }
}
