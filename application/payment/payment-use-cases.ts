import { orderNotFound } from '../../domain/ordering/errors.js';
import { memberRejection, type Order } from '../../domain/ordering/order.js';
import type { VerificationCodes } from '../../domain/ordering/ports.js';
import { invalidPayment, orderAlreadyPaid, paymentNotFound } from '../../domain/payment/errors.js';
import { Payment, type CallbackOutcome } from '../../domain/payment/payment.js';
import type { VerifiedCallback } from '../../domain/payment/ports.js';
import { isDomainError } from '../../domain/shared/domain-error.js';
import type { Clock, IdGenerator } from '../../domain/shared/ports.js';
import { followChildren, JOB, settlePaidOrder } from '../ordering/order-resources.js';
import type { Transaction, UnitOfWork } from '../shared/unit-of-work.js';
import type { PaymentChannels } from './channels.js';

export interface PaymentDependencies {
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly channels: PaymentChannels;
  readonly codes: VerificationCodes;
  /** PAY-2: how long a payment stays open (never past its orders' time to pay). Default 15 minutes. */
  readonly paymentTimeoutMs?: number;
}

export interface OpenedPayment {
  /** Null (and so are number, amount, payUrl and expiresAt) when every order had nothing to pay and was paid at once. */
  readonly paymentId: string | null;
  readonly number: string | null;
  /** Null when nothing was left to pay through a channel (orders of zero payable are paid at once). */
  readonly amount: string | null;
  readonly channel: string;
  readonly payUrl: string | null;
  readonly expiresAt: string | null;
  readonly orderIds: readonly string[];
  /** An open payment for exactly these orders was answered again instead of a new one. */
  readonly reused: boolean;
}

const DEFAULT_PAYMENT_TIMEOUT_MS = 15 * 60_000;

/**
 * 去支付 (spec §10): the member pays one order, or several child orders with one combined payment. A
 * split parent stands for its children still awaiting payment. Asking again for the same orders while
 * the payment is open answers the same payment (a double tap opens one). Orders with nothing to pay
 * are paid at once, without a channel. The payment and its PAY-2 expiry job are written in one
 * transaction; the channel is asked to collect after the commit.
 */
export class PayOrders {
  constructor(private readonly deps: PaymentDependencies) {}

  async execute(cmd: { readonly memberId: string; readonly orderIds: readonly string[]; readonly channel: string }): Promise<OpenedPayment> {
    const channel = this.deps.channels.get(cmd.channel);
    if (!Array.isArray(cmd.orderIds) || cmd.orderIds.length === 0) throw invalidPayment('NO_ORDERS', 'a payment pays at least one order');
    const opened = await this.deps.uow.run(async (tx) => {
      const now = this.deps.clock.now();
      const targets = await this.payableOrders(tx, cmd.memberId, cmd.orderIds);
      const free = targets.filter((o) => o.payable.isZero());
      for (const o of free) await payOrder(tx, this.deps, o, `free:${o.id}`, now);
      const toPay = targets.filter((o) => !o.payable.isZero());
      if (toPay.length === 0) return { payment: null, orderIds: free.map((o) => o.id), reused: false };
      const ids = toPay.map((o) => o.id).sort();
      const open = (await tx.payments.ofOrder(ids[0]!)).find(
        (p) => p.status === 'unpaid' && p.toSnapshot().expiresAt.getTime() > now.getTime() && sameIds(p.orders.map((s) => s.orderId), ids),
      );
      // Only orders still awaiting payment reuse their open payment; one paid meanwhile by another payment is refused by `Payment.open` (ORD-2).
      if (open && toPay.every((o) => o.status === 'pending_payment')) return { payment: open, orderIds: ids, reused: true };
      const payBy = Math.min(...toPay.map((o) => o.toSnapshot().payBy.getTime()));
      const id = this.deps.ids.next();
      const payment = Payment.open({
        id,
        number: `P${toPay[0]!.number}-${id.replace(/[^0-9a-z]/gi, '').slice(-6)}`,
        orders: toPay,
        createdAt: now,
        expiresAt: new Date(Math.min(payBy, now.getTime() + (this.deps.paymentTimeoutMs ?? DEFAULT_PAYMENT_TIMEOUT_MS))),
      });
      await tx.payments.save(payment);
      tx.recordEvents(payment.pullEvents());
      const expiresAt = payment.toSnapshot().expiresAt;
      await tx.jobs.schedule({ kind: JOB.PAYMENT_EXPIRY, key: `${JOB.PAYMENT_EXPIRY}:${payment.id}`, runAt: expiresAt, payload: { paymentId: payment.id } });
      return { payment, orderIds: ids, reused: false };
    });
    const p = opened.payment;
    if (!p) return { paymentId: null, number: null, amount: null, channel: channel.name, payUrl: null, expiresAt: null, orderIds: opened.orderIds, reused: false };
    const charge = await channel.charge({ paymentNumber: p.number, amount: p.amount, description: `zhongtai ${p.orders.map((o) => o.orderNumber).join(', ')}` });
    return {
      paymentId: p.id, number: p.number, amount: p.amount.toString(), channel: channel.name, payUrl: charge.payUrl,
      expiresAt: p.toSnapshot().expiresAt.toISOString(), orderIds: opened.orderIds, reused: opened.reused,
    };
  }

  /**
   * The member's orders to pay (a split parent: its children awaiting payment), each checked by the
   * domain when the payment opens. An order already paid is `PAYMENT.ORDER_ALREADY_PAID` (409).
   */
  private async payableOrders(tx: Transaction, memberId: string, orderIds: readonly string[]): Promise<Order[]> {
    const out = new Map<string, Order>();
    for (const id of new Set(orderIds)) {
      const o = await tx.orders.get(id);
      if (!o || memberRejection(o.toSnapshot(), memberId)) throw orderNotFound(id);
      const under = o.isSplitParent ? await tx.orders.children(o.id) : [o];
      const leaves = o.isSplitParent ? under.filter((c) => c.status === 'pending_payment') : under;
      // Already paid (a leaf, or a split parent none of whose children awaits payment): say so, naming the payment.
      const paid = leaves.length === 0 || !o.isSplitParent ? under.find((c) => c.toSnapshot().payment !== null) : undefined;
      if (paid) throw orderAlreadyPaid(o.id, paid.toSnapshot().payment!.paymentId);
      for (const leaf of leaves) out.set(leaf.id, leaf);
    }
    if (out.size === 0) throw invalidPayment('NOTHING_TO_PAY', 'none of these orders awaits payment');
    return [...out.values()];
  }
}

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
 * scheduled as a durable job). A first success pays the orders: stock locked → sold, coupons used,
 * the split parent follows (membership records each paid order by its subscription to `order.paid`).
 */
export class HandlePaymentCallback {
  constructor(private readonly deps: PaymentDependencies) {}

  async execute(cmd: { readonly channel: string; readonly body: unknown }): Promise<CallbackResult> {
    const verified = this.deps.channels.get(cmd.channel).verifyCallback(cmd.body);
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
      const payment = await tx.payments.byNumber(verified.paymentNumber);
      if (!payment) throw paymentNotFound(verified.paymentNumber);
      const orders: Order[] = [];
      for (const share of payment.orders) {
        const o = await tx.orders.get(share.orderId);
        if (!o) throw new Error(`payment ${payment.id} pays a missing order ${share.orderId}`);
        orders.push(o);
      }
      const outcome = payment.handleCallback(verified.callback, { receivedAt: now, ordersAwaitingPayment: orders.every((o) => o.status === 'pending_payment') });
      if (outcome.replayed) return { paymentId: payment.id, outcome: outcome.kind, replayed: true, orderIds: payment.orders.map((o) => o.orderId) };
      // Orders before the payment, as cancelling writes them (order, then its payments): no deadlock between the two.
      if (outcome.kind === 'paid') for (const o of orders) await payOrder(tx, this.deps, o, payment.id, now);
      await tx.payments.save(payment);
      tx.recordEvents(payment.pullEvents());
      if (outcome.kind === 'late') {
        const r = outcome.refund;
        await tx.jobs.schedule({
          kind: JOB.LATE_REFUND, key: `${JOB.LATE_REFUND}:${r.refundId}`, runAt: now,
          payload: { paymentId: payment.id, channel: r.channel, channelTransactionId: r.channelTransactionId },
        });
      }
      return { paymentId: payment.id, outcome: outcome.kind, replayed: false, orderIds: payment.orders.map((o) => o.orderId) };
    });
  }
}

/** Pays one leaf order (its payment succeeded, or it had nothing to pay) and settles what it held. */
async function payOrder(tx: Transaction, deps: PaymentDependencies, order: Order, paymentId: string, at: Date): Promise<void> {
  const { replayed } = order.pay({ paymentId, at, codes: deps.codes });
  if (replayed) return;
  await tx.orders.save(order);
  tx.recordEvents(order.pullEvents());
  await settlePaidOrder(tx, deps, order, at);
  await followChildren(tx, order.parentId, at);
}

/** PAY-2, the handler of the durable `payment.expire` job: an unpaid payment past its expiry closes. */
export class ExpirePayment {
  constructor(private readonly deps: PaymentDependencies) {}

  execute(cmd: { readonly paymentId: string }): Promise<{ readonly closed: boolean }> {
    return this.deps.uow.run(async (tx) => {
      const payment = await tx.payments.get(cmd.paymentId);
      if (!payment) return { closed: false };
      const now = this.deps.clock.now();
      if (!payment.closeIfExpired(now)) {
        if (payment.status === 'unpaid') throw new Error(`payment ${payment.id} is not due before ${payment.toSnapshot().expiresAt.toISOString()}`);
        return { closed: false };
      }
      await tx.payments.save(payment);
      tx.recordEvents(payment.pullEvents());
      return { closed: true };
    });
  }
}

/**
 * PAY-1, the handler of the durable `payment.refund-late` job: the money of a late or second success
 * goes back through its channel (idempotent there by refund id), then the payment records it settled.
 * A failing channel fails the job, which the runner retries with backoff until the channel acknowledges.
 */
export class RefundLateCallback {
  constructor(private readonly deps: PaymentDependencies) {}

  async execute(cmd: { readonly paymentId: string; readonly channel: string; readonly channelTransactionId: string }): Promise<{ readonly settled: boolean }> {
    const late = await this.deps.uow.run(async (tx) => {
      const p = await tx.payments.get(cmd.paymentId);
      if (!p) throw paymentNotFound(cmd.paymentId);
      return { number: p.number, callback: p.lateCallbacks.find((c) => c.channel === cmd.channel && c.channelTransactionId === cmd.channelTransactionId) ?? null };
    });
    if (!late.callback?.refund) throw new Error(`payment ${cmd.paymentId} flagged no late transaction ${cmd.channelTransactionId}`);
    if (late.callback.refundSettledAt !== null) return { settled: false };
    const r = late.callback.refund;
    await this.deps.channels.get(r.channel).refund({ paymentNumber: late.number, refundId: r.refundId, channelTransactionId: r.channelTransactionId, amount: r.amount });
    return this.deps.uow.run(async (tx) => {
      const p = await tx.payments.get(cmd.paymentId);
      if (!p) throw paymentNotFound(cmd.paymentId);
      const settled = p.settleLateRefund(r.channel, r.channelTransactionId, this.deps.clock.now());
      if (settled) {
        await tx.payments.save(p);
        tx.recordEvents(p.pullEvents());
      }
      return { settled };
    });
  }
}

function sameIds(a: readonly string[], sortedB: readonly string[]): boolean {
  const s = [...a].sort();
  return s.length === sortedB.length && s.every((x, i) => x === sortedB[i]);
}
