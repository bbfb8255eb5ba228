import { paymentNotFound } from '../../domain/payment/errors.js';
import type { PaymentSnapshot, PaymentStatus } from '../../domain/payment/payment.js';
import type { PaymentSearch } from '../../domain/payment/ports.js';
import type { PaymentDeps } from './deps.js';
import { PAYMENT_STORE } from './store.js';

/** A refund as staff see it: what it gave back of which orders, why, and whether the channel confirmed it. */
export interface RefundView {
  readonly refundId: string;
  readonly paymentId: string;
  readonly paymentNumber: string;
  /** The channel that took the payment (and gives the money back). */
  readonly channel: string | null;
  readonly amount: string;
  readonly currency: string;
  readonly orders: readonly { readonly orderId: string; readonly amount: string }[];
  readonly reason: string;
  readonly at: string;
  /** The channel's refund number and when it confirmed; null while it has not. */
  readonly acknowledged: { readonly refundTransactionId: string; readonly at: string } | null;
}

/** A payment as staff see it (交易记录): its orders, the channel's success, refunds, and money a channel took late. */
export interface PaymentAdminView {
  readonly id: string;
  readonly number: string;
  readonly memberId: string;
  readonly amount: string;
  readonly currency: string;
  readonly status: PaymentStatus;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly orders: readonly { readonly orderId: string; readonly orderNumber: string; readonly amount: string; readonly refunded: string }[];
  readonly paid: { readonly channel: string; readonly channelTransactionId: string; readonly paidAt: string; readonly receivedAt: string } | null;
  readonly cancellation: { readonly reason: string; readonly at: string } | null;
  readonly refunds: readonly RefundView[];
  /** PAY-1/PAY-2: successes the channel reported for a payment that could no longer take them, and their way back. */
  readonly late: readonly {
    readonly channel: string;
    readonly channelTransactionId: string;
    readonly amount: string;
    readonly paidAt: string;
    readonly refundId: string | null;
    readonly refundSettledAt: string | null;
  }[];
}

function refundViews(s: PaymentSnapshot): RefundView[] {
  return s.refunds.map((r) => ({
    refundId: r.refundId,
    paymentId: s.id,
    paymentNumber: s.number,
    channel: s.paid?.channel ?? null,
    amount: r.amount.toString(),
    currency: s.currency,
    orders: r.orders.map((o) => ({ orderId: o.orderId, amount: o.amount.toString() })),
    reason: r.reason,
    at: r.at.toISOString(),
    acknowledged: r.acknowledged ? { refundTransactionId: r.acknowledged.refundTransactionId, at: r.acknowledged.at.toISOString() } : null,
  }));
}

export function paymentAdminView(s: PaymentSnapshot): PaymentAdminView {
  return {
    id: s.id,
    number: s.number,
    memberId: s.memberId,
    amount: s.amount.toString(),
    currency: s.currency,
    status: s.status,
    createdAt: s.createdAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
    orders: s.orders.map((o) => ({ orderId: o.orderId, orderNumber: o.orderNumber, amount: o.amount.toString(), refunded: o.refunded.toString() })),
    paid: s.paid
      ? {
          channel: s.paid.channel,
          channelTransactionId: s.paid.channelTransactionId,
          paidAt: s.paid.paidAt.toISOString(),
          receivedAt: s.paid.receivedAt.toISOString(),
        }
      : null,
    cancellation: s.cancellation ? { reason: s.cancellation.reason, at: s.cancellation.at.toISOString() } : null,
    refunds: refundViews(s),
    late: s.callbacks
      .filter((c) => c.outcome === 'late')
      .map((c) => ({
        channel: c.channel,
        channelTransactionId: c.channelTransactionId,
        amount: c.amount.toString(),
        paidAt: c.paidAt.toISOString(),
        refundId: c.refund?.refundId ?? null,
        refundSettledAt: c.refundSettledAt?.toISOString() ?? null,
      })),
  };
}

/** Staff search of payments (spec §10 交易记录): by number, order, member, status, channel and time opened, newest first. */
export class SearchPayments {
  constructor(private readonly deps: Pick<PaymentDeps, 'uow'>) {}

  execute(q: Omit<PaymentSearch, 'refunded'>): Promise<PaymentAdminView[]> {
    return this.deps.uow.run(async (tx) => (await tx.use(PAYMENT_STORE).payments.search(q)).map(paymentAdminView));
  }
}

/** One payment by id, whole; `PAYMENT.NOT_FOUND` (404). */
export class GetPayment {
  constructor(private readonly deps: Pick<PaymentDeps, 'uow'>) {}

  execute(cmd: { readonly paymentId: string }): Promise<PaymentAdminView> {
    return this.deps.uow.run(async (tx) => {
      const p = await tx.use(PAYMENT_STORE).payments.get(cmd.paymentId);
      if (!p) throw paymentNotFound(cmd.paymentId);
      return paymentAdminView(p.toSnapshot());
    });
  }
}

/**
 * Staff search of refunds: those made in [from, to) — of an order, a payment number, a channel — newest
 * first, at most `limit`; `pending` keeps those the channel has not confirmed yet.
 */
export class SearchRefunds {
  constructor(private readonly deps: Pick<PaymentDeps, 'uow'>) {}

  execute(q: {
    readonly orderId?: string;
    readonly number?: string;
    readonly channel?: string;
    readonly from?: Date;
    readonly to?: Date;
    readonly pending?: boolean;
    readonly limit: number;
  }): Promise<RefundView[]> {
    return this.deps.uow.run(async (tx) => {
      const { from, to, pending, limit, ...of } = q;
      const window = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
      // Each payment found made at least one refund in the window; a payment holds few refunds.
      const payments = await tx.use(PAYMENT_STORE).payments.search({ ...of, refunded: window, limit });
      const t = (iso: string) => new Date(iso).getTime();
      return payments
        .flatMap(refundViews)
        .filter(
          (r) =>
            (!from || t(r.at) >= from.getTime()) &&
            (!to || t(r.at) < to.getTime()) &&
            (q.orderId === undefined || r.orders.some((o) => o.orderId === q.orderId)) &&
            (pending === undefined || (r.acknowledged === null) === pending),
        )
        .sort((a, b) => t(b.at) - t(a.at) || (a.refundId < b.refundId ? 1 : -1))
        .slice(0, limit);
    });
  }
}
