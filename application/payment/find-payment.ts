import { paymentNotFound } from '../../domain/payment/errors.js';
import type { PaymentStatus } from '../../domain/payment/payment.js';
import type { PaymentDeps } from './deps.js';
import { PAYMENT_STORE } from './store.js';

/** A payment as stored: what a channel is asked to collect (number, amount, currency) and where it stands. */
export interface PaymentView {
  readonly id: string;
  readonly number: string;
  readonly amount: string;
  readonly currency: string;
  readonly status: PaymentStatus;
  readonly orderIds: readonly string[];
  readonly expiresAt: string;
}

/** One payment by its number (the merchant trade number a channel knows it by); `PAYMENT.NOT_FOUND` (404) when nobody opened it. */
export class FindPayment {
  constructor(private readonly deps: Pick<PaymentDeps, 'uow'>) {}

  execute(cmd: { readonly number: string }): Promise<PaymentView> {
    return this.deps.uow.run(async (tx) => {
      const p =
        typeof cmd.number === 'string' && cmd.number.length > 0 && cmd.number.length <= 64 ? await tx.use(PAYMENT_STORE).payments.byNumber(cmd.number) : null;
      if (!p) throw paymentNotFound(String(cmd.number));
      const s = p.toSnapshot();
      return {
        id: s.id,
        number: s.number,
        amount: s.amount.toString(),
        currency: s.currency,
        status: s.status,
        orderIds: s.orders.map((o) => o.orderId),
        expiresAt: s.expiresAt.toISOString(),
      };
    });
  }
}
