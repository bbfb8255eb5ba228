import { isDomainError } from '../../domain/shared/domain-error.js';
import type { PaymentDeps } from './deps.js';
import { acceptChannelPayment } from './reconciliation-services.js';
import { PAYMENT_STORE } from './store.js';

/**
 * PAY-2 at the channel, the handler of `payment.channel-close`: a payment closed here (expired, or its
 * order cancelled) is closed at the channel that was asked to collect it, so the payer can no longer
 * pay it there (Stripe's PaymentIntents never expire by themselves; WeChat Pay and Alipay are told the
 * expiry with the charge as well). A channel that cannot close has nothing to do. If the payer paid at
 * the channel in the meantime (`PAYMENT.INVALID_TRANSITION`, reason `PAID_AT_CHANNEL`), the channel's
 * own answer to 查询订单 goes through PAY-1 like the callback it is: the payment is closed, so the money
 * is flagged late and refunded. Any other failure fails the job, which the runner retries.
 */
export class CloseAtChannel {
  constructor(private readonly deps: PaymentDeps) {}

  async execute(cmd: { readonly paymentId: string }): Promise<{ readonly closed: boolean; readonly paidAtChannel: boolean }> {
    const s = await this.deps.uow.run(async (tx) => (await tx.use(PAYMENT_STORE).payments.get(cmd.paymentId))?.toSnapshot() ?? null);
    const channel = s?.channel && this.deps.channels.has(s.channel) ? this.deps.channels.get(s.channel) : null;
    if (s?.status !== 'cancelled' || !channel?.close) return { closed: false, paidAtChannel: false };
    try {
      await channel.close(s.number);
      return { closed: true, paidAtChannel: false };
    } catch (e) {
      const paidThere = isDomainError(e) && e.code === 'PAYMENT.INVALID_TRANSITION' && e.details.reason === 'PAID_AT_CHANNEL';
      if (!paidThere || !channel.query) throw e;
      const status = await channel.query(s.number);
      if (status.state !== 'paid' || !status.callback) throw e;
      const callback = status.callback;
      await this.deps.uow.run((tx) => acceptChannelPayment(tx, this.deps, { paymentNumber: s.number, callback, at: this.deps.clock.now() }));
      return { closed: false, paidAtChannel: true };
    }
  }
}
