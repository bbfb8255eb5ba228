import type { PaymentDeps } from './deps.js';
import { scheduleChannelClose } from './jobs.js';
import { PAYMENT_STORE } from './store.js';

/**
 * PAY-2, the handler of the durable `payment.expire` job: an unpaid payment past its expiry closes. Run
 * before its expiry (runners' clocks apart), nothing changes and `notBefore` answers the expiry: the job
 * runs again then (the one way every timer answers, issue #13). Missing, paid or closed: nothing changes.
 * Closed now: the channel that was asked to collect it closes it too (`payment.channel-close`).
 */
export class ExpirePayment {
  constructor(private readonly deps: PaymentDeps) {}

  execute(cmd: { readonly paymentId: string }): Promise<{ readonly closed: boolean; readonly notBefore: Date | null }> {
    return this.deps.uow.run(async (tx) => {
      const payments = tx.use(PAYMENT_STORE).payments;
      const payment = await payments.get(cmd.paymentId);
      if (!payment) return { closed: false, notBefore: null };
      if (!payment.closeIfExpired(this.deps.clock.now())) {
        return { closed: false, notBefore: payment.status === 'unpaid' ? payment.toSnapshot().expiresAt : null };
      }
      await payments.save(payment);
      await scheduleChannelClose(tx, payment.toSnapshot(), this.deps.clock.now());
      return { closed: true, notBefore: null };
    });
  }
}
