/**
 * Model-based test of a combined payment (§10, PAY-1, PAY-2), written from the rules:
 * - unpaid → paid by the first success callback while its orders await payment; → cancelled when
 *   closed (order cancelled, or PAY-2 at expiry); nothing leaves refunded or cancelled;
 * - a callback for another amount is refused and changes nothing; a transaction seen before gets the
 *   first answer again and changes nothing; any other success that cannot pay is flagged late with a
 *   refund instruction (closed, order cancelled meanwhile — the payment closes then —, already paid);
 * - refunds only of a paid payment, never more than is left of it or of the order named; without an
 *   order, allocated over what is left of each order by largest remainder; by refund id, a refund
 *   made before is a replay; the status is paid, partially refunded or refunded by what is left.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PAYMENT_TRANSITIONS, type Payment, type PaymentStatus } from '../../../domain/payment/payment.js';
import { allocate } from '../../../domain/shared/allocation.js';
import { isDomainError } from '../../../domain/shared/domain-error.js';
import { Money } from '../../../domain/shared/money.js';
import { at, callback, EXPIRES_IN_MINUTES, openPayment } from './payment-mothers.js';

const ORDERS = ['c1', 'c2', 'c3'];
const SHARES = [12_428n, 9_387n, 12_685n]; // the payables of threeChildren(), in cents
const TOTAL = 34_500n;

interface Model {
  status: PaymentStatus;
  closeReason: 'timeout' | 'order_cancelled' | null;
  answers: Map<string, { kind: 'paid' | 'late'; reason?: string }>;
  refunded: bigint[];
  refunds: Set<string>;
  minutes: number;
}

type Got = { ok: true; value: unknown } | { ok: false; code: string };
function attempt(fn: () => unknown): Got {
  try {
    return { ok: true, value: fn() };
  } catch (e) {
    if (!isDomainError(e)) throw e;
    return { ok: false, code: e.code };
  }
}

function check(m: Model, p: Payment, from: PaymentStatus): void {
  const s = p.toSnapshot();
  expect(s.status).toBe(m.status);
  if (s.status !== from) expect(PAYMENT_TRANSITIONS[from] as readonly PaymentStatus[]).toContain(s.status);
  expect(s.orders.map((o) => o.refunded.toMinor())).toEqual(m.refunded);
  expect(p.lateCallbacks.map((c) => c.channelTransactionId).sort()).toEqual(
    [...m.answers]
      .filter(([, a]) => a.kind === 'late')
      .map(([tx]) => tx)
      .sort(),
  );
}

class Callback implements fc.Command<Model, Payment> {
  constructor(
    readonly tx: string,
    readonly awaiting: boolean,
    readonly wrong: boolean,
  ) {}
  check = () => true;
  run(m: Model, p: Payment): void {
    const from = p.status;
    const before = p.toSnapshot();
    const amount = Money.fromMinor(this.wrong ? TOTAL - 1n : TOTAL);
    const got = attempt(() => p.handleCallback(callback(amount, this.tx), { receivedAt: at(m.minutes), ordersAwaitingPayment: this.awaiting }));
    const seen = m.answers.get(this.tx);
    if (this.wrong) expect(got).toEqual({ ok: false, code: 'PAYMENT.AMOUNT_MISMATCH' });
    else if (seen)
      expect(got).toMatchObject({ ok: true, value: { kind: seen.kind, replayed: true, ...(seen.reason ? { refund: { reason: seen.reason } } : {}) } });
    else if (m.status === 'unpaid' && this.awaiting) {
      expect(got).toMatchObject({ ok: true, value: { kind: 'paid', replayed: false, orderIds: ORDERS } });
      m.status = 'paid';
      m.answers.set(this.tx, { kind: 'paid' });
    } else {
      const reason =
        m.status === 'unpaid'
          ? 'order_cancelled'
          : m.status === 'cancelled'
            ? m.closeReason === 'timeout'
              ? 'payment_closed'
              : 'order_cancelled'
            : 'already_paid';
      expect(got).toMatchObject({ ok: true, value: { kind: 'late', replayed: false, refund: { reason, channelTransactionId: this.tx, amount } } });
      if (m.status === 'unpaid') {
        m.status = 'cancelled';
        m.closeReason = 'order_cancelled';
      }
      m.answers.set(this.tx, { kind: 'late', reason });
    }
    if (this.wrong || seen) expect(p.toSnapshot()).toBe(before);
    check(m, p, from);
  }
  toString = () => `callback(${this.tx}, awaiting=${this.awaiting}${this.wrong ? ', wrong amount' : ''})`;
}

class Close implements fc.Command<Model, Payment> {
  constructor(readonly how: 'order_cancelled' | 'expiry') {}
  check = () => true;
  run(m: Model, p: Payment): void {
    const from = p.status;
    const got = attempt(() => (this.how === 'expiry' ? p.closeIfExpired(at(m.minutes)) : p.close('order_cancelled', at(m.minutes))));
    if (this.how === 'expiry') {
      const due = m.status === 'unpaid' && m.minutes >= 1 + EXPIRES_IN_MINUTES;
      expect(got).toEqual({ ok: true, value: due });
      if (due) [m.status, m.closeReason] = ['cancelled', 'timeout'];
    } else if (m.status === 'unpaid') {
      expect(got).toEqual({ ok: true, value: true });
      [m.status, m.closeReason] = ['cancelled', 'order_cancelled'];
    } else if (m.status === 'cancelled') expect(got).toEqual({ ok: true, value: false });
    else expect(got).toEqual({ ok: false, code: 'PAYMENT.INVALID_TRANSITION' });
    check(m, p, from);
  }
  toString = () => `close(${this.how})`;
}

class Refund implements fc.Command<Model, Payment> {
  constructor(
    readonly cents: number,
    readonly order: number | null,
  ) {}
  check = () => true;
  run(m: Model, p: Payment): void {
    const from = p.status;
    const id = `r-${this.cents}-${this.order ?? 'all'}`;
    const orderId = this.order === null ? null : ORDERS[this.order]!;
    const got = attempt(() => p.refund({ refundId: id, amount: Money.fromMinor(this.cents), orderId, reason: 'x', at: at(m.minutes) }));
    const amount = BigInt(this.cents);
    const left = SHARES.map((s, i) => s - m.refunded[i]!);
    const totalLeft = left.reduce((a, b) => a + b, 0n);
    if (m.refunds.has(id)) expect(got).toMatchObject({ ok: true, value: { replayed: true } });
    else if (m.status === 'unpaid' || m.status === 'cancelled') expect(got).toEqual({ ok: false, code: 'PAYMENT.INVALID_TRANSITION' });
    else if (amount > totalLeft || (this.order !== null && amount > left[this.order]!)) expect(got).toEqual({ ok: false, code: 'PAYMENT.REFUND_EXCEEDS_PAID' });
    else {
      const parts =
        this.order !== null
          ? left.map((_, i) => (i === this.order ? amount : 0n))
          : allocate(Money.fromMinor(amount), left.map(String)).map((x) => x.toMinor());
      m.refunded = m.refunded.map((r, i) => r + parts[i]!);
      m.refunds.add(id);
      m.status = amount === totalLeft ? 'refunded' : 'partially_refunded';
      const full = ORDERS.filter((_, i) => parts[i]! > 0n && m.refunded[i] === SHARES[i]);
      expect(got).toMatchObject({ ok: true, value: { replayed: false, fullyRefundedOrderIds: full } });
    }
    check(m, p, from);
  }
  toString = () => `refund(${this.cents}, ${this.order ?? 'all'})`;
}

class Wait implements fc.Command<Model, Payment> {
  constructor(readonly minutes: number) {}
  check = () => true;
  run(m: Model): void {
    m.minutes += this.minutes;
  }
  toString = () => `wait(${this.minutes}m)`;
}

const commands = [
  fc.tuple(fc.constantFrom('tx-1', 'tx-2', 'tx-3'), fc.boolean(), fc.boolean()).map(([tx, awaiting, wrong]) => new Callback(tx, awaiting, wrong)),
  fc.constantFrom<'order_cancelled' | 'expiry'>('order_cancelled', 'expiry').map((h) => new Close(h)),
  fc
    .tuple(fc.oneof(fc.integer({ min: 1, max: 12_685 }), fc.constantFrom(12_428, 9_387, 34_500, 1)), fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }))
    .map(([c, o]) => new Refund(c, o)),
  fc.integer({ min: 1, max: 20 }).map((n) => new Wait(n)),
];

describe('a combined payment as a state machine (model-based, §10, PAY-1, PAY-2)', () => {
  it('any sequence of callbacks, closes, expiries and refunds does what the rules say', () => {
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 40 }), (cmds) => {
        const payment = openPayment();
        const model: Model = { status: 'unpaid', closeReason: null, answers: new Map(), refunded: [0n, 0n, 0n], refunds: new Set(), minutes: 1 };
        fc.modelRun(() => ({ model, real: payment }), cmds);
      }),
      { numRuns: 1000 },
    );
  });
});
