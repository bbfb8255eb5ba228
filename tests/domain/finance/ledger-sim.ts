import {
  channelFees,
  linesOf,
  orderCompleted,
  orderPaid,
  Posting,
  type PostingDraft,
  type PostingSnapshot,
  refundIssued,
  refundPaidOut,
  totalsOfLines,
} from '../../../domain/finance/index.js';
import { Money } from '../../../domain/shared/money.js';

/**
 * A ledger in a test: the domain's posting rules applied to business events as the application applies
 * them (the order's advances read from the postings so far), and the business documents they come from,
 * kept apart — to compare the one with the other.
 */
export const CHANNELS = ['alipay', 'wechat'] as const;
export const m = (cents: number) => Money.fromMinor(cents);
const T = Date.parse('2026-03-01T00:00:00.000Z');

export type Action =
  | { kind: 'pay'; order: number; channel: number; cents: number }
  | { kind: 'complete'; order: number }
  | { kind: 'refund'; order: number; share: number; full: boolean }
  | { kind: 'paidOut'; refund: number }
  | { kind: 'fee'; channel: number; day: number; cents: number }
  | { kind: 'reverse'; posting: number };

interface OrderDoc {
  channel: string;
  paid: Money;
  refunded: Money;
  completed: boolean;
  refundedBefore: Money;
  refundedAfter: Money;
}

export class LedgerSim {
  readonly postings: PostingSnapshot[] = [];
  readonly orders = new Map<string, OrderDoc>();
  readonly refunds: { id: string; orderId: string; amount: Money; paidOut: boolean }[] = [];
  readonly fees = new Map<string, Money>();
  readonly reversed = new Set<string>();
  private clock = T;

  run(a: Action): void {
    this.clock += 60_000;
    const at = new Date(this.clock);
    const orderId = 'order' in a ? `o${a.order}` : '';
    const doc = this.orders.get(orderId);
    if (a.kind === 'pay' && !doc) {
      const channel = CHANNELS[a.channel % CHANNELS.length]!;
      this.orders.set(orderId, { channel, paid: m(a.cents), refunded: m(0), completed: false, refundedBefore: m(0), refundedAfter: m(0) });
      this.post(orderPaid({ orderId, channel, amount: m(a.cents), at }));
    } else if (a.kind === 'complete' && doc && !doc.completed) {
      doc.completed = true;
      this.post(orderCompleted({ orderId, advances: [this.advance(orderId)], at }));
    } else if (a.kind === 'refund' && doc) {
      const left = doc.paid.subtract(doc.refunded);
      const amount = a.full ? left : Money.fromMinor((left.toMinor() * BigInt(a.share)) / 100n);
      if (!amount.isPositive()) return;
      doc.refunded = doc.refunded.add(amount);
      if (doc.completed) doc.refundedAfter = doc.refundedAfter.add(amount);
      else doc.refundedBefore = doc.refundedBefore.add(amount);
      const id = `r${this.refunds.length + 1}`;
      this.refunds.push({ id, orderId, amount, paidOut: false });
      this.post(refundIssued({ paymentId: `pay-${orderId}`, refundId: id, at, parts: [{ orderId, amount, advance: this.advance(orderId) }] }));
    } else if (a.kind === 'paidOut') {
      const r = this.refunds[a.refund % Math.max(1, this.refunds.length)];
      if (!r || r.paidOut) return;
      r.paidOut = true;
      const channel = this.orders.get(r.orderId)!.channel;
      this.post(refundPaidOut({ paymentId: `pay-${r.orderId}`, refundId: r.id, channel, at, parts: [{ orderId: r.orderId, amount: r.amount }] }));
    } else if (a.kind === 'fee') {
      const channel = CHANNELS[a.channel % CHANNELS.length]!;
      const day = `2026-03-${String(1 + (a.day % 28)).padStart(2, '0')}`;
      if (this.fees.has(`${channel}:${day}`)) return;
      this.fees.set(`${channel}:${day}`, m(a.cents));
      this.post(channelFees({ channel, day, fee: m(a.cents) }));
    } else if (a.kind === 'reverse') {
      const originals = this.postings.filter((p) => p.kind !== 'reversal' && !this.reversed.has(p.id));
      const p = originals[a.posting % Math.max(1, originals.length)];
      if (!p) return;
      this.reversed.add(p.id);
      this.postings.push(Posting.reverse(p, { id: `R-${p.id}`, at, reason: 'test', by: 'staff-1' }).toSnapshot());
    }
  }

  /** An account's balance (debits − credits) over every posting, or one order's. */
  balance(account: string, orderId?: string): Money {
    const t = totalsOfLines(linesOf(this.postings, { account, ...(orderId ? { orderId } : {}) }));
    return t[0]?.balance ?? m(0);
  }

  private advance(orderId: string): Money {
    return this.balance('received:customers', orderId).negate();
  }

  private post(draft: PostingDraft | null): void {
    if (draft) this.postings.push(Posting.post({ ...draft, id: `P${this.postings.length + 1}`, recordedAt: draft.at }).toSnapshot());
  }
}
