import { latePayment, lateRefund, refundIssued, refundPaidOut } from '../../domain/finance/index.js';
import { Money } from '../../domain/shared/money.js';
import { paymentForLedger, type PaymentForLedger } from '../payment/index.js';
import type { Transaction } from '../shared/unit-of-work.js';
import type { FinanceDeps } from './deps.js';
import { advanceOf, postOnce, type PostResult } from './post.js';

/** A refund's parts over the orders of its payment, as `payment.refunded` and `payment.refund-acknowledged` carry them. */
export interface RefundOfOrders {
  readonly paymentId: string;
  readonly refundId: string;
  readonly orders: readonly { readonly orderId: string; readonly amount: string }[];
  readonly at: Date;
}

async function requirePayment(tx: Transaction, paymentId: string): Promise<PaymentForLedger> {
  const payment = await paymentForLedger(tx, paymentId);
  if (!payment) throw new Error(`no payment ${paymentId} to post from`);
  return payment;
}

function channelOf(payment: PaymentForLedger, channelTransactionId?: string): string {
  const channel = channelTransactionId
    ? payment.callbacks.find((c) => c.channelTransactionId === channelTransactionId)?.channel
    : (payment.channel ?? undefined);
  if (!channel) throw new Error(`payment ${payment.id} moved no money through a channel${channelTransactionId ? ` as ${channelTransactionId}` : ''}`);
  return channel;
}

/**
 * `payment.refunded` — every refund of money paid: an after-sales refund (AFS-2, `afs-<request>`), a paid
 * order cancelled (ORD-6, `cancel-<order>`). Each order's part is owed back: taken from its customer
 * advances while they hold it, from revenue beyond (after completion); refunds payable Cr. Once per refund.
 */
export class PostRefundIssued {
  constructor(private readonly d: FinanceDeps) {}

  execute(cmd: RefundOfOrders): Promise<PostResult> {
    return this.d.uow.run(async (tx) => {
      const { currency } = await requirePayment(tx, cmd.paymentId);
      const parts = [];
      for (const o of cmd.orders) {
        parts.push({ orderId: o.orderId, amount: Money.of(o.amount, currency), advance: await advanceOf(tx, o.orderId, currency) });
      }
      return postOnce(tx, this.d, refundIssued({ paymentId: cmd.paymentId, refundId: cmd.refundId, at: cmd.at, parts }));
    });
  }
}

/** `payment.refund-acknowledged`: the channel paid the refund out — refunds payable Dr, clearing:<channel> Cr. Once per refund. */
export class PostRefundPaidOut {
  constructor(private readonly d: FinanceDeps) {}

  execute(cmd: RefundOfOrders): Promise<PostResult> {
    return this.d.uow.run(async (tx) => {
      const payment = await requirePayment(tx, cmd.paymentId);
      const parts = cmd.orders.map((o) => ({ orderId: o.orderId, amount: Money.of(o.amount, payment.currency) }));
      return postOnce(tx, this.d, refundPaidOut({ paymentId: cmd.paymentId, refundId: cmd.refundId, channel: channelOf(payment), at: cmd.at, parts }));
    });
  }
}

/** A late payment (PAY-1/PAY-2) as `payment.late-callback` and `payment.late-refund-settled` carry it. */
export interface LateMoney {
  readonly paymentId: string;
  readonly refundId: string;
  readonly channelTransactionId: string;
  readonly amount: string;
  readonly at: Date;
}

/** A late payment's posting, on the channel that took the money: what PostLatePayment and PostLateRefund share. */
function postLate(d: FinanceDeps, cmd: LateMoney, rule: typeof latePayment | typeof lateRefund): Promise<PostResult> {
  return d.uow.run(async (tx) => {
    const payment = await requirePayment(tx, cmd.paymentId);
    const channel = channelOf(payment, cmd.channelTransactionId);
    const amount = Money.of(cmd.amount, payment.currency);
    return postOnce(tx, d, rule({ paymentId: cmd.paymentId, refundId: cmd.refundId, channel, amount, at: cmd.at }));
  });
}

/** `payment.late-callback`: a channel took money the platform must give back — clearing:<channel> Dr, refunds payable Cr. */
export class PostLatePayment {
  constructor(private readonly d: FinanceDeps) {}

  execute(cmd: LateMoney): Promise<PostResult> {
    return postLate(this.d, cmd, latePayment);
  }
}

/** `payment.late-refund-settled`: that money went back — refunds payable Dr, clearing:<channel> Cr. */
export class PostLateRefund {
  constructor(private readonly d: FinanceDeps) {}

  execute(cmd: LateMoney): Promise<PostResult> {
    return postLate(this.d, cmd, lateRefund);
  }
}
