import type { CallbackOutcome } from '../../domain/payment/payment.js';
import type { ChannelRequest, VerifiedCallback } from '../../domain/payment/ports.js';
import { isDomainError } from '../../domain/shared/domain-error.js';
import type { PaymentDeps } from './deps.js';
import { acceptChannelPayment } from './reconciliation-services.js';

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
    return this.deps.uow.run((tx) =>
      acceptChannelPayment(tx, this.deps, { paymentNumber: verified.paymentNumber, callback: verified.callback, at: this.deps.clock.now() }),
    );
  }
}
