import { Money } from '../shared/money.js';
import { ACCOUNT, clearingAccount, isChannelName } from './accounts.js';
import { FINANCE_ERRORS } from './errors.js';
import type { PostingKind, PostingLine } from './posting.js';

/**
 * The posting rules (docs/contexts/finance.md): what each business event posts, from the facts it
 * carries and, where a rule needs it, an order's balance of customer advances. Pure: the application
 * looks the facts up and posts what these return. Null: nothing to post (an amount of zero).
 */
export interface PostingDraft {
  readonly source: string;
  readonly kind: PostingKind;
  readonly at: Date;
  readonly memo: string;
  readonly lines: readonly PostingLine[];
}

const dr = (account: string, amount: Money, orderId: string | null = null): PostingLine => ({ account, side: 'debit', amount, orderId });
const cr = (account: string, amount: Money, orderId: string | null = null): PostingLine => ({ account, side: 'credit', amount, orderId });
const positive = (lines: readonly PostingLine[]) => lines.filter((l) => l.amount.isPositive());
const draft = (d: PostingDraft): PostingDraft | null => (d.lines.length === 0 ? null : d);

/** 订单支付: the channel took the order's payable — clearing:<channel> Dr, customer advances Cr (the order's 分户). */
export function orderPaid(c: { orderId: string; channel: string; amount: Money; at: Date }): PostingDraft | null {
  const lines = positive([dr(clearingAccount(c.channel), c.amount, c.orderId), cr(ACCOUNT.CUSTOMER_ADVANCES, c.amount, c.orderId)]);
  return draft({ source: `order.paid:${c.orderId}`, kind: 'order-paid', at: c.at, memo: `order ${c.orderId} paid through ${c.channel}`, lines });
}

/** 交易成功: what the order's advances still hold (per currency) becomes revenue — customer advances Dr, sales revenue Cr. */
export function orderCompleted(c: { orderId: string; advances: readonly Money[]; at: Date }): PostingDraft | null {
  const lines = positive(c.advances.flatMap((a) => [dr(ACCOUNT.CUSTOMER_ADVANCES, a, c.orderId), cr(ACCOUNT.SALES, a, c.orderId)]));
  return draft({ source: `order.completed:${c.orderId}`, kind: 'order-completed', at: c.at, memo: `order ${c.orderId} completed: revenue recognised`, lines });
}

/** One order's part of a refund, and what its advances held before it. */
export interface RefundPart {
  readonly orderId: string;
  readonly amount: Money;
  readonly advance: Money;
}

/**
 * 退款 issued (after-sales, a paid order cancelled, ORD-6): the refund is owed to the customer — taken from
 * the order's advances while they hold it (not completed), from revenue beyond (a refund after completion
 * is a sales return) — refunds payable Cr.
 */
export function refundIssued(c: { paymentId: string; refundId: string; at: Date; parts: readonly RefundPart[] }): PostingDraft | null {
  const lines = positive(
    c.parts.flatMap((p) => {
      const fromAdvance = Money.max(Money.min(p.amount, p.advance), Money.zero(p.amount.currency));
      return [
        dr(ACCOUNT.CUSTOMER_ADVANCES, fromAdvance, p.orderId),
        dr(ACCOUNT.SALES, p.amount.subtract(fromAdvance), p.orderId),
        cr(ACCOUNT.REFUNDS_PAYABLE, p.amount, p.orderId),
      ];
    }),
  );
  return draft({ source: `payment.refunded:${c.paymentId}:${c.refundId}`, kind: 'refund-issued', at: c.at, memo: `refund ${c.refundId} issued`, lines });
}

/** The channel paid the refund out: refunds payable Dr, clearing:<channel> Cr. */
export function refundPaidOut(c: {
  paymentId: string;
  refundId: string;
  channel: string;
  at: Date;
  parts: readonly { orderId: string; amount: Money }[];
}): PostingDraft | null {
  const lines = positive(c.parts.flatMap((p) => [dr(ACCOUNT.REFUNDS_PAYABLE, p.amount, p.orderId), cr(clearingAccount(c.channel), p.amount, p.orderId)]));
  return draft({
    source: `payment.refund-acknowledged:${c.paymentId}:${c.refundId}`,
    kind: 'refund-paid-out',
    at: c.at,
    memo: `refund ${c.refundId} paid out by ${c.channel}`,
    lines,
  });
}

/** PAY-1/PAY-2: money a channel took for a closed or already paid payment, owed back — clearing:<channel> Dr, refunds payable Cr. */
export function latePayment(c: { paymentId: string; refundId: string; channel: string; amount: Money; at: Date }): PostingDraft | null {
  const lines = positive([dr(clearingAccount(c.channel), c.amount), cr(ACCOUNT.REFUNDS_PAYABLE, c.amount)]);
  return draft({
    source: `payment.late-callback:${c.paymentId}:${c.refundId}`,
    kind: 'late-payment',
    at: c.at,
    memo: `late payment ${c.refundId} to give back`,
    lines,
  });
}

/** That money went back: refunds payable Dr, clearing:<channel> Cr. */
export function lateRefund(c: { paymentId: string; refundId: string; channel: string; amount: Money; at: Date }): PostingDraft | null {
  const lines = positive([dr(ACCOUNT.REFUNDS_PAYABLE, c.amount), cr(clearingAccount(c.channel), c.amount)]);
  return draft({
    source: `payment.late-refund-settled:${c.paymentId}:${c.refundId}`,
    kind: 'late-refund',
    at: c.at,
    memo: `late payment ${c.refundId} given back`,
    lines,
  });
}

/** The source of a channel's fees of a day: one posting per channel and day. */
export const feesSource = (channel: string, day: string): string => `channel-fees:${channel}:${day}`;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The last instant of a day of China Standard Time (UTC+08:00), `YYYY-MM-DD`; FINANCE.INVALID_FEE for a day that is not one. */
export function endOfDay(day: string): Date {
  const m = typeof day === 'string' ? DAY.exec(day) : null;
  const start = m ? new Date(`${day}T00:00:00.000+08:00`) : null;
  if (!m || !start || Number.isNaN(start.getTime()) || new Date(start.getTime() + 8 * 3_600_000).toISOString().slice(0, 10) !== day) {
    throw FINANCE_ERRORS.raise('INVALID_FEE', `a day is YYYY-MM-DD: ${String(day)}`, { day: String(day) });
  }
  return new Date(start.getTime() + 86_400_000 - 1);
}

/**
 * A channel's fees of a day (手续费, net of fees given back with refunds; from its statement): channel fees
 * Dr, clearing:<channel> Cr — the other way round when the day gave back more than it took. Posted at the
 * day's last instant (UTC+08:00).
 */
export function channelFees(c: { channel: string; day: string; fee: Money }): PostingDraft | null {
  if (!isChannelName(c.channel)) throw FINANCE_ERRORS.raise('INVALID_FEE', `no channel ${JSON.stringify(c.channel)}`, { channel: String(c.channel) });
  if (!(c.fee instanceof Money) || !c.fee.isWholeMinorUnits()) {
    throw FINANCE_ERRORS.raise('INVALID_FEE', `a fee is an amount in whole cents: ${String(c.fee)}`, { channel: c.channel, day: c.day });
  }
  const at = endOfDay(c.day);
  const fee = c.fee.abs();
  const clearing = clearingAccount(c.channel);
  const lines = positive(c.fee.isNegative() ? [dr(clearing, fee), cr(ACCOUNT.CHANNEL_FEES, fee)] : [dr(ACCOUNT.CHANNEL_FEES, fee), cr(clearing, fee)]);
  return draft({ source: feesSource(c.channel, c.day), kind: 'channel-fees', at, memo: `${c.channel} fees of ${c.day}`, lines });
}
