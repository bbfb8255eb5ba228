import { orderCompleted, orderPaid } from '../../domain/finance/index.js';
import { Money } from '../../domain/shared/money.js';
import { paymentForLedger } from '../payment/index.js';
import type { FinanceDeps } from './deps.js';
import { advancesOf, postOnce, type PostResult } from './post.js';

/**
 * `order.paid`: the order's payable came in through its payment's channel — clearing:<channel> Dr,
 * customer advances Cr, on the order's 分户 (`order.paid:<order>`, once). An order of zero payable (paid
 * without a channel) posts nothing; a payable without its payment is an error (the delivery retries).
 */
export class PostOrderPaid {
  constructor(private readonly d: FinanceDeps) {}

  execute(cmd: { readonly orderId: string; readonly paymentId: string; readonly payable: string; readonly at: Date }): Promise<PostResult> {
    return this.d.uow.run(async (tx) => {
      if (Money.of(cmd.payable).isZero()) return { posted: false, posting: null };
      const payment = await paymentForLedger(tx, cmd.paymentId);
      if (!payment?.channel) throw new Error(`order ${cmd.orderId} was paid ${cmd.payable} by payment ${cmd.paymentId}, which took no money through a channel`);
      const amount = Money.of(cmd.payable, payment.currency);
      return postOnce(tx, this.d, orderPaid({ orderId: cmd.orderId, channel: payment.channel, amount, at: cmd.at }));
    });
  }
}

/**
 * `order.completed` (交易成功: received, or redeemed): what the order's customer advances still hold —
 * paid less refunded so far — is recognised as revenue (`order.completed:<order>`, once).
 */
export class PostOrderCompleted {
  constructor(private readonly d: FinanceDeps) {}

  execute(cmd: { readonly orderId: string; readonly at: Date }): Promise<PostResult> {
    return this.d.uow.run(async (tx) =>
      postOnce(tx, this.d, orderCompleted({ orderId: cmd.orderId, advances: await advancesOf(tx, cmd.orderId), at: cmd.at })),
    );
  }
}
