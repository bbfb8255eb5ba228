import { ordersToPay, payOrders } from '../ordering/index.js';
import { invalidPayment, orderAlreadyPaid } from '../../domain/payment/errors.js';
import { Payment } from '../../domain/payment/payment.js';
import type { PaymentDeps } from './deps.js';
import { PAYMENT_JOB } from './jobs.js';
import { PAYMENT_STORE } from './store.js';

export interface OpenedPayment {
  /** Null (and so are number, amount, payUrl and expiresAt) when every order had nothing to pay and was paid at once. */
  readonly paymentId: string | null;
  readonly number: string | null;
  /** Null when nothing was left to pay through a channel (orders of zero payable are paid at once). */
  readonly amount: string | null;
  readonly channel: string;
  readonly payUrl: string | null;
  /** What an in-app payment needs (WeChat Pay JSAPI's signed parameters, Stripe's client secret …); absent for a payment page. */
  readonly params?: Readonly<Record<string, string>>;
  readonly expiresAt: string | null;
  readonly orderIds: readonly string[];
  /** An open payment for exactly these orders was answered again instead of a new one. */
  readonly reused: boolean;
}

const DEFAULT_PAYMENT_TIMEOUT_MS = 15 * 60_000;

/**
 * 去支付 (spec §10): the member pays one order, or several child orders with one combined payment. A
 * split parent stands for its children still awaiting payment (ordering's `ordersToPay`: another
 * member's order is ORDER.NOT_FOUND, one already paid PAYMENT.ORDER_ALREADY_PAID). Asking again for the
 * same orders while the payment is open answers the same payment (a double tap opens one). Orders with
 * nothing to pay are paid at once, without a channel. The payment and its PAY-2 expiry job are written in
 * one transaction; the channel is asked to collect after the commit.
 */
export class PayOrders {
  constructor(private readonly deps: PaymentDeps) {}

  async execute(cmd: {
    readonly memberId: string;
    readonly orderIds: readonly string[];
    readonly channel: string;
    /** How the payer pays, in the channel's terms (`ChargeRequest.method`). */
    readonly method?: string;
    readonly payer?: { readonly openId?: string; readonly ip?: string };
  }): Promise<OpenedPayment> {
    const channel = this.deps.channels.get(cmd.channel);
    if (!Array.isArray(cmd.orderIds) || cmd.orderIds.length === 0) throw invalidPayment('NO_ORDERS', 'a payment pays at least one order');
    const opened = await this.deps.uow.run(async (tx) => {
      const now = this.deps.clock.now();
      const payments = tx.use(PAYMENT_STORE).payments;
      const { leaves: targets, alreadyPaid } = await ordersToPay(tx, cmd.memberId, cmd.orderIds);
      if (alreadyPaid) throw orderAlreadyPaid(alreadyPaid.orderId, alreadyPaid.paymentId);
      if (targets.length === 0) throw invalidPayment('NOTHING_TO_PAY', 'none of these orders awaits payment');
      const free = targets.filter((o) => o.payable.isZero());
      for (const o of free) await payOrders(tx, this.deps, { orderIds: [o.id], paymentId: `free:${o.id}`, at: now });
      const toPay = targets.filter((o) => !o.payable.isZero());
      if (toPay.length === 0) return { payment: null, orderIds: free.map((o) => o.id), reused: false };
      const ids = toPay.map((o) => o.id).sort();
      const open = (await payments.ofOrder(ids[0]!)).find(
        (p) =>
          p.status === 'unpaid' &&
          p.toSnapshot().expiresAt.getTime() > now.getTime() &&
          sameIds(
            p.orders.map((s) => s.orderId),
            ids,
          ),
      );
      // Only orders still awaiting payment reuse their open payment; one paid meanwhile by another payment is refused by `Payment.open` (ORD-2).
      if (open && toPay.every((o) => o.status === 'pending_payment')) return { payment: open, orderIds: ids, reused: true };
      const payBy = Math.min(...toPay.map((o) => o.payBy.getTime()));
      const id = this.deps.ids.next();
      const payment = Payment.open({
        id,
        number: `P${toPay[0]!.number}-${id.replace(/[^0-9a-z]/gi, '').slice(-6)}`,
        orders: toPay,
        createdAt: now,
        expiresAt: new Date(Math.min(payBy, now.getTime() + (this.deps.paymentTimeoutMs ?? DEFAULT_PAYMENT_TIMEOUT_MS))),
        channel: channel.name,
      });
      await payments.save(payment);
      const expiresAt = payment.toSnapshot().expiresAt;
      const kind = PAYMENT_JOB.EXPIRY;
      await tx.jobs.schedule({ kind, key: `${kind}:${payment.id}`, runAt: expiresAt, payload: { paymentId: payment.id } });
      return { payment, orderIds: ids, reused: false };
    });
    const p = opened.payment;
    if (!p)
      return { paymentId: null, number: null, amount: null, channel: channel.name, payUrl: null, expiresAt: null, orderIds: opened.orderIds, reused: false };
    const charge = await channel.charge({
      paymentNumber: p.number,
      amount: p.amount,
      description: `zhongtai ${p.orders.map((o) => o.orderNumber).join(', ')}`,
      expiresAt: p.toSnapshot().expiresAt,
      ...(cmd.method ? { method: cmd.method } : {}),
      ...(cmd.payer ? { payer: cmd.payer } : {}),
    });
    return {
      paymentId: p.id,
      number: p.number,
      amount: p.amount.toString(),
      channel: channel.name,
      payUrl: charge.payUrl,
      ...(charge.params ? { params: charge.params } : {}),
      expiresAt: p.toSnapshot().expiresAt.toISOString(),
      orderIds: opened.orderIds,
      reused: opened.reused,
    };
  }
}

function sameIds(a: readonly string[], sortedB: readonly string[]): boolean {
  const s = [...a].sort();
  return s.length === sortedB.length && s.every((x, i) => x === sortedB[i]);
}
