import { paymentNotFound } from '../../domain/payment/errors.js';
import type { PaymentDeps } from './deps.js';
import { PAYMENT_STORE } from './store.js';

/**
 * PAY-1, the handler of the durable `payment.refund-late` job: the money of a late or second success
 * goes back through its channel (idempotent there by refund id), then the payment records it settled.
 * A failing channel fails the job, which the runner retries with backoff until the channel acknowledges.
 */
export class RefundLateCallback {
  constructor(private readonly deps: PaymentDeps) {}

  async execute(cmd: { readonly paymentId: string; readonly channel: string; readonly channelTransactionId: string }): Promise<{ readonly settled: boolean }> {
    const late = await this.deps.uow.run(async (tx) => {
      const p = await tx.use(PAYMENT_STORE).payments.get(cmd.paymentId);
      if (!p) throw paymentNotFound(cmd.paymentId);
      return {
        number: p.number,
        callback: p.lateCallbacks.find((c) => c.channel === cmd.channel && c.channelTransactionId === cmd.channelTransactionId) ?? null,
      };
    });
    if (!late.callback?.refund) throw new Error(`payment ${cmd.paymentId} flagged no late transaction ${cmd.channelTransactionId}`);
    if (late.callback.refundSettledAt !== null) return { settled: false };
    const r = late.callback.refund;
    await this.deps.channels
      .get(r.channel)
      .refund({ paymentNumber: late.number, refundId: r.refundId, channelTransactionId: r.channelTransactionId, amount: r.amount, paymentAmount: r.amount });
    return this.deps.uow.run(async (tx) => {
      const payments = tx.use(PAYMENT_STORE).payments;
      const p = await payments.get(cmd.paymentId);
      if (!p) throw paymentNotFound(cmd.paymentId);
      const settled = p.settleLateRefund(r.channel, r.channelTransactionId, this.deps.clock.now());
      if (settled) await payments.save(p);
      return { settled };
    });
  }
}
