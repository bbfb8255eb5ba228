/**
 * Model-based test of an order and its payment through a sale, written from the rules (ORD-2, ORD-3,
 * PAY-1, PAY-2), not from the code. The "glue" below is what the application will do: a callback is
 * decided by the payment, and a first success pays the order; cancelling an unpaid order closes its
 * payment; the timeout cancels both. Commands: callbacks (first, duplicate, late, wrong amount), member
 * cancel, timeout, ship, member confirm, automatic completion, and time passing. Checked after every
 * command: the order's status never moves backwards or off its table; each callback changes the state
 * at most once (a duplicate changes nothing and answers as the first); the payment is paid iff the
 * order was; the paid amount equals the order's payable.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Order } from '../../../domain/ordering/order.js';
import { ORDER_FLOWS, ORDER_STATUS_RANK, type OrderStatus } from '../../../domain/ordering/status.js';
import { Payment, type CallbackOutcome, type PaymentStatus } from '../../../domain/payment/payment.js';
import { isDomainError } from '../../../domain/shared/domain-error.js';
import { Money } from '../../../domain/shared/money.js';
import { aGoodsOrder, DAY, fixedCodes, MINUTE, PAY_WITHIN_MINUTES, T0 } from './order-mothers.js';

const AUTO_CONFIRM_DAYS = 10;

interface Model {
  order: OrderStatus;
  payment: PaymentStatus;
  closeReason: 'timeout' | 'order_cancelled' | null;
  /** PAY-1: the answer given to each channel transaction. */
  answers: Map<string, 'paid' | 'late'>;
  now: number;
  shippedAt: number | null;
}

interface Real {
  order: Order;
  payment: Payment;
}

type Result = { ok: true; value?: unknown } | { ok: false; code: string };

function attempt(fn: () => unknown): Result {
  try {
    return { ok: true, value: fn() };
  } catch (e) {
    if (!isDomainError(e)) throw e;
    return { ok: false, code: e.code };
  }
}

/** Invariants after every command, given the order's status before it. */
function invariants(m: Model, r: Real, before: OrderStatus, beforePayment: PaymentStatus): void {
  expect(r.order.status).toBe(m.order);
  expect(r.payment.status).toBe(m.payment);
  if (r.order.status !== before) {
    expect(ORDER_FLOWS.goods[before] as readonly OrderStatus[], `${before} → ${r.order.status}`).toContain(r.order.status);
    expect(ORDER_STATUS_RANK[r.order.status]).toBeGreaterThan(ORDER_STATUS_RANK[before]);
  }
  const wasPaid = (s: OrderStatus) => ['pending_shipment', 'shipped', 'completed'].includes(s);
  expect(r.payment.status === 'paid').toBe(wasPaid(r.order.status));
  if (r.payment.status === 'paid') expect(r.payment.amount.equals(r.order.payable)).toBe(true);
  if (beforePayment !== r.payment.status) expect(r.payment.status === 'paid' || r.payment.status === 'cancelled').toBe(true);
}

class Callback implements fc.Command<Model, Real> {
  constructor(
    readonly tx: string,
    readonly wrongAmount: boolean,
  ) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const before = { order: r.order.status, payment: r.payment.status, o: r.order.toSnapshot(), p: r.payment.toSnapshot() };
    const amount = this.wrongAmount ? r.payment.amount.add(Money.fromMinor(1)) : r.payment.amount;
    const now = new Date(m.now);
    // The application's glue: the payment decides; a first success pays the order.
    const got = attempt(() => {
      const outcome = r.payment.handleCallback(
        { channel: 'fakepay', channelTransactionId: this.tx, amount, paidAt: now },
        { receivedAt: now, ordersAwaitingPayment: r.order.status === 'pending_payment' },
      );
      if (outcome.kind === 'paid') r.order.pay({ paymentId: r.payment.id, at: now, codes: fixedCodes() });
      return outcome;
    });
    const events = [...r.order.pullEvents(), ...r.payment.pullEvents()].map((e) => e.type);

    if (this.wrongAmount) {
      expect(got).toEqual({ ok: false, code: 'PAYMENT.AMOUNT_MISMATCH' });
    } else {
      const seen = m.answers.get(this.tx);
      const outcome = (got as { value: CallbackOutcome }).value;
      if (seen) {
        expect(outcome).toMatchObject({ kind: seen, replayed: true });
      } else if (m.payment === 'unpaid' && m.order === 'pending_payment') {
        expect(outcome).toMatchObject({ kind: 'paid', replayed: false });
        m.payment = 'paid';
        m.order = 'pending_shipment';
        m.answers.set(this.tx, 'paid');
        expect(events).toEqual(['order.paid', 'payment.paid']);
      } else {
        const reason = m.payment === 'cancelled' ? (m.closeReason === 'order_cancelled' ? 'order_cancelled' : 'payment_closed') : 'already_paid';
        expect(outcome).toMatchObject({ kind: 'late', replayed: false, refund: { reason, amount, channelTransactionId: this.tx } });
        m.answers.set(this.tx, 'late');
        expect(events).toEqual(['payment.late-callback']);
      }
    }
    // Each callback changes the state at most once: a duplicate or a rejected one changes nothing.
    if (!got.ok || (got.value as CallbackOutcome).replayed) {
      expect(r.order.toSnapshot()).toBe(before.o);
      expect(r.payment.toSnapshot()).toBe(before.p);
      expect(events).toEqual([]);
    }
    invariants(m, r, before.order, before.payment);
  }
  toString = () => `callback(${this.tx}${this.wrongAmount ? ', wrong amount' : ''})`;
}

/** A command on the order that the table allows from `from` (to `to`), else ORDER.INVALID_TRANSITION. */
class OrderVerb implements fc.Command<Model, Real> {
  constructor(readonly verb: 'cancel' | 'ship' | 'confirm') {}
  check = () => true;
  run(m: Model, r: Real): void {
    const before = { order: r.order.status, payment: r.payment.status };
    const now = new Date(m.now);
    const to: OrderStatus = this.verb === 'cancel' ? 'cancelled' : this.verb === 'ship' ? 'shipped' : 'completed';
    const got = attempt(() => {
      if (this.verb === 'cancel') {
        r.order.cancel({ by: 'member', memberId: 'member-1', at: now });
        r.payment.close('order_cancelled', now); // the glue: the unpaid payment closes with its order
      } else if (this.verb === 'ship')
        r.order.ship({ carrier: 'SF', trackingNumber: 'SF1', at: now, autoConfirmAt: new Date(m.now + AUTO_CONFIRM_DAYS * DAY) });
      else r.order.confirmReceipt('member-1', now);
    });
    const allowed = (ORDER_FLOWS.goods[m.order] as readonly OrderStatus[]).includes(to);
    if (allowed) {
      expect(got).toEqual({ ok: true, value: undefined });
      m.order = to;
      if (this.verb === 'cancel') {
        m.payment = 'cancelled';
        m.closeReason = 'order_cancelled';
      }
      if (this.verb === 'ship') m.shippedAt = m.now;
    } else {
      expect(got).toEqual({ ok: false, code: 'ORDER.INVALID_TRANSITION' });
    }
    r.order.pullEvents();
    r.payment.pullEvents();
    invariants(m, r, before.order, before.payment);
  }
  toString = () => this.verb;
}

/** The timers: ORD-3 / PAY-2 (unpaid timeout) and the automatic receipt confirmation. */
class Timers implements fc.Command<Model, Real> {
  check = () => true;
  run(m: Model, r: Real): void {
    const before = { order: r.order.status, payment: r.payment.status };
    const now = new Date(m.now);
    const expired = r.order.expireIfUnpaid(now);
    const closed = r.payment.closeIfExpired(now);
    const completed = r.order.autoConfirmIfDue(now);
    const unpaidDue = m.order === 'pending_payment' && m.now >= T0.getTime() + PAY_WITHIN_MINUTES * MINUTE;
    const confirmDue = m.order === 'shipped' && m.now >= m.shippedAt! + AUTO_CONFIRM_DAYS * DAY;
    expect([expired, closed, completed]).toEqual([unpaidDue, unpaidDue && m.payment === 'unpaid', confirmDue]);
    if (unpaidDue) m.order = 'cancelled';
    if (unpaidDue && m.payment === 'unpaid') {
      m.payment = 'cancelled';
      m.closeReason = 'timeout';
    }
    if (confirmDue) m.order = 'completed';
    const events = r.order.pullEvents().map((e) => e.type);
    expect(events).toEqual([...(unpaidDue ? ['order.cancelled'] : []), ...(confirmDue ? ['order.received', 'order.completed'] : [])]);
    r.payment.pullEvents();
    invariants(m, r, before.order, before.payment);
  }
  toString = () => 'timers';
}

class Wait implements fc.Command<Model, Real> {
  constructor(readonly minutes: number) {}
  check = () => true;
  run(m: Model): void {
    m.now += this.minutes * MINUTE;
  }
  toString = () => `wait(${this.minutes}m)`;
}

const commands = [
  fc.tuple(fc.constantFrom('tx-1', 'tx-2', 'tx-3'), fc.boolean()).map(([tx, wrong]) => new Callback(tx, wrong)),
  fc.constantFrom('cancel' as const, 'ship' as const, 'confirm' as const).map((v) => new OrderVerb(v)),
  fc.constant(new Timers()),
  fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 20 * 1440 })).map((n) => new Wait(n)),
];

describe('an order and its payment through a sale (model-based, ORD-2, ORD-3, PAY-1, PAY-2)', () => {
  it('any sequence of callbacks (first, duplicate, late, wrong amount), cancels, timeouts, shipping and confirmations follows the rules', () => {
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 40 }), (cmds) => {
        const order = aGoodsOrder();
        const payment = Payment.open({
          id: 'pay-1',
          number: 'PN1',
          orders: [order],
          createdAt: T0,
          expiresAt: new Date(T0.getTime() + PAY_WITHIN_MINUTES * MINUTE),
        });
        payment.pullEvents();
        const model: Model = { order: 'pending_payment', payment: 'unpaid', closeReason: null, answers: new Map(), now: T0.getTime(), shippedAt: null };
        fc.modelRun(() => ({ model, real: { order, payment } }), cmds);
      }),
      { numRuns: 1000 },
    );
  });
});
