import { ordersAwaitingPayment, payOrders } from '../ordering/index.js';
import { paymentNotFound } from '../../domain/payment/errors.js';
import type { CallbackOutcome } from '../../domain/payment/payment.js';
import type { ChannelRequest, VerifiedCallback } from '../../domain/payment/ports.js';
import { isDomainError } from '../../domain/shared/domain-error.js';
import type { PaymentDeps } from './deps.js';
import { PAYMENT_JOB } from './jobs.js';
import { PAYMENT_STORE } from './store.js';

export interface CallbackResult {
  readonly paymentId: string;
  readonly outcome: CallbackOutcome['kind'];
  readonly replayed: boolean;
  readonly orderIds: readonly string[];
}

/**
 * PAY-1: a channel's success callback. The channel adapter checks the signature first
 * (`PAYMENT.INVALID_SIGNATURE`, nothing read); then in one transaction the payment decides
 * (`Payment.handleCallback`: a wrong amount is refused and nothing is written; a duplicate answers the
 * first decision; a success for a closed payment or a cancelled order is flagged late, and its refund is
 * scheduled as a durable job). A first success pays the orders (ordering's `payOrders`: stock locked →
 * sold, coupons used, the split parent follows; membership records each paid order by its subscription
 * to `order.paid`).
 */
export class HandlePaymentCallback {
  constructor(private readonly deps: PaymentDeps) {}

  async execute(cmd: { readonly channel: string; readonly body: unknown; readonly request?: ChannelRequest }): Promise<CallbackResult> {
    const verified = this.deps.channels.get(cmd.channel).verifyCallback(cmd.body, cmd.request);
    // A concurrent change of the payment or its orders (the same callback twice at once, a cancel racing
    // it): run again on what committed, so the loser answers the winner's decision (`replayed`) rather than 409.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.handle(verified);
      } catch (e) {
        if (attempt >= 3 || !isDomainError(e) || !(e.code === 'CONCURRENCY.STALE_AGGREGATE' || e.code === 'CONCURRENCY.BUSY')) throw e;
      }
    }
  }

  private handle(verified: VerifiedCallback): Promise<CallbackResult> {
    return this.deps.uow.run(async (tx) => {
      const now = this.deps.clock.now();
      const payments = tx.use(PAYMENT_STORE).payments;
      const payment = await payments.byNumber(verified.paymentNumber);
      if (!payment) throw paymentNotFound(verified.paymentNumber);
      const orderIds = payment.orders.map((o) => o.orderId);
      const outcome = payment.handleCallback(verified.callback, { receivedAt: now, ordersAwaitingPayment: await ordersAwaitingPayment(tx, orderIds) });
      if (outcome.replayed) return { paymentId: payment.id, outcome: outcome.kind, replayed: true, orderIds };
      // Orders before the payment, as cancelling writes them (order, then its payments): no deadlock between the two.
      if (outcome.kind === 'paid') await payOrders(tx, this.deps, { orderIds, paymentId: payment.id, at: now });
      await payments.save(payment);
      if (outcome.kind === 'late') {
        const r = outcome.refund;
        const kind = PAYMENT_JOB.LATE_REFUND;
        await tx.jobs.schedule({
          kind,
          key: `${kind}:${r.refundId}`,
          runAt: now,
          payload: { paymentId: payment.id, channel: r.channel, channelTransactionId: r.channelTransactionId },
        });
      }
      return { paymentId: payment.id, outcome: outcome.kind, replayed: false, orderIds };
    });
  }
}
