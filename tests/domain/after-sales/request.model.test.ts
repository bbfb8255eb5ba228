import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AfterSalesRequest, quoteRefund, REQUEST_TYPES, type RequestStatus, type RequestType } from '../../../domain/after-sales/index.js';
import { isDomainError } from '../../../domain/shared/domain-error.js';
import { Money } from '../../../domain/shared/money.js';

const DAY = 86_400_000;
const T0 = new Date('2026-12-01T00:00:00.000Z').getTime();

/** The model: the request's status and money, with the rules of spec §11 written out again. */
interface Model {
  readonly type: RequestType;
  status: RequestStatus;
  now: number;
  shipBackBy: number | null;
  refundable: bigint;
  amount: bigint | null;
  compensation: bigint;
  adjustments: number;
  /** Whether the refund went out (then nothing more is adjusted, and only the channel's acknowledgement moves it). */
  issued: boolean;
  events: number;
  /** Every event so far with the status after its step. */
  timeline: (readonly [string, RequestStatus])[];
}
type Real = { request: AfterSalesRequest };
type Outcome = { to: RequestStatus } | { code: string };

const ADJUSTABLE: readonly RequestStatus[] = ['pending_review', 'awaiting_customer_shipment', 'awaiting_return_receipt', 'awaiting_refund'];
const invalid = { code: 'AFTER_SALES.INVALID_TRANSITION' };

abstract class Step implements fc.AsyncCommand<Model, Real> {
  abstract expected(m: Model): Outcome;
  abstract act(r: Real, at: Date): void;
  check = () => true;
  async run(m: Model, r: Real): Promise<void> {
    m.now += DAY / 2;
    const want = this.expected(m);
    let got: Outcome;
    try {
      this.act(r, new Date(m.now));
      got = { to: r.request.status };
    } catch (e) {
      if (!isDomainError(e)) throw e;
      got = { code: e.code };
    }
    expect(got).toEqual(want);
    if ('to' in want) {
      if (m.status === 'pending_review' && want.to === 'awaiting_customer_shipment') m.shipBackBy = m.now + 7 * DAY;
      m.status = want.to;
      m.events += 1;
    }
    this.after?.(m, 'to' in want);
    const s = r.request.toSnapshot();
    expect(s.status).toBe(m.status);
    expect(s.adjustments).toHaveLength(m.adjustments);
    expect(r.request.refund.toMinor()).toBe((m.amount ?? m.refundable) + m.compensation);
    const events = r.request.pullEvents();
    expect(events).toHaveLength(m.events);
    // The timeline keeps every event, in order, with the status it left.
    m.timeline.push(...events.map((e) => [e.type.replace('after-sales.request.', ''), s.status] as const));
    expect(s.history.map((h) => h.event)).toEqual(m.timeline.map(([e]) => e));
    expect(s.history.at(-1)?.status).toBe(m.status);
    m.events = 0;
  }
  after?(m: Model, applied: boolean): void;
  toString = () => this.constructor.name;
}

class Approve extends Step {
  expected = (m: Model): Outcome =>
    m.status !== 'pending_review'
      ? invalid
      : { to: m.type === 'cancel' ? 'succeeded' : m.type === 'return_and_refund' || m.type === 'exchange' ? 'awaiting_customer_shipment' : 'awaiting_refund' };
  act = (r: Real, at: Date) => r.request.approve('agent-1', at);
}
class Reject extends Step {
  expected = (m: Model): Outcome => (m.status === 'pending_review' ? { to: 'closed' } : invalid);
  act = (r: Real, at: Date) => r.request.reject('agent-1', 'no evidence', at);
}
class Withdraw extends Step {
  expected = (m: Model): Outcome => (m.status === 'pending_review' || m.status === 'awaiting_customer_shipment' ? { to: 'closed' } : invalid);
  act = (r: Real, at: Date) => r.request.withdraw(at);
}
class Expire extends Step {
  expected = (m: Model): Outcome => (m.status === 'awaiting_customer_shipment' && m.now >= m.shipBackBy! ? { to: 'closed' } : invalid);
  act = (r: Real, at: Date) => r.request.expire(at);
}
class ShipBack extends Step {
  expected = (m: Model): Outcome => (m.status === 'awaiting_customer_shipment' ? { to: 'awaiting_return_receipt' } : invalid);
  act = (r: Real, at: Date) => r.request.shipBack({ carrier: 'SF', trackingNumber: 'SF100' }, at);
}
class Receive extends Step {
  expected = (m: Model): Outcome =>
    m.status === 'awaiting_return_receipt' ? { to: m.type === 'exchange' ? 'awaiting_exchange_shipment' : 'awaiting_refund' } : invalid;
  act = (r: Real, at: Date) => r.request.receive('sellable', 'warehouse-1', at);
}
class IssueRefund extends Step {
  expected = (m: Model): Outcome => (m.status === 'awaiting_refund' && !m.issued ? { to: 'awaiting_refund' } : invalid);
  act = (r: Real, at: Date) => r.request.issueRefund('RF-1', at);
  override after = (m: Model, applied: boolean) => {
    if (applied) m.issued = true;
  };
}
class Refunded extends Step {
  constructor(readonly number: string) {
    super();
  }
  expected = (m: Model): Outcome => (m.status === 'awaiting_refund' && m.issued && this.number === 'RF-1' ? { to: 'succeeded' } : invalid);
  act = (r: Real, at: Date) => r.request.refunded(this.number, at);
  override toString = () => `Refunded(${this.number})`;
}
class ExchangeShipped extends Step {
  expected = (m: Model): Outcome => (m.status === 'awaiting_exchange_shipment' ? { to: 'succeeded' } : invalid);
  act = (r: Real, at: Date) => r.request.exchangeShipped({ carrier: 'SF', trackingNumber: 'SF200' }, at);
}
class Adjust extends Step {
  constructor(
    readonly amount: bigint | null,
    readonly compensation: bigint | null,
  ) {
    super();
  }
  expected = (m: Model): Outcome => {
    if (m.type === 'cancel' || m.type === 'exchange' || !ADJUSTABLE.includes(m.status) || m.issued) return invalid;
    if (this.amount !== null && this.amount > m.refundable) return { code: 'AFTER_SALES.AMOUNT_ABOVE_REFUNDABLE' };
    return { to: m.status };
  };
  act = (r: Real, at: Date) =>
    r.request.adjust({
      by: 'agent-2',
      why: 'goodwill',
      at,
      ...(this.amount !== null ? { amount: Money.fromMinor(this.amount) } : {}),
      ...(this.compensation !== null ? { freightCompensation: Money.fromMinor(this.compensation) } : {}),
    });
  // An adjustment keeps the status and records one event, as a move would.
  override after = (m: Model, applied: boolean) => {
    if (!applied) return;
    m.adjustments += 1;
    if (this.amount !== null) m.amount = this.amount;
    if (this.compensation !== null) m.compensation = this.compensation;
  };
  override toString = () => `Adjust(${this.amount}, ${this.compensation})`;
}

const cents = fc.option(fc.bigInt({ min: 0n, max: 40_000n }), { nil: null });
const commands = [
  fc.constant(new Approve()),
  fc.constant(new Reject()),
  fc.constant(new Withdraw()),
  fc.constant(new Expire()),
  fc.constant(new ShipBack()),
  fc.constant(new Receive()),
  fc.constant(new IssueRefund()),
  fc.constantFrom('RF-1', 'RF-2').map((n) => new Refunded(n)),
  fc.constant(new ExchangeShipped()),
  fc.tuple(cents, cents).map(([a, c]) => new Adjust(a, c)),
];

describe('an after-sales request against a model of its status table and its money (spec §11, AFS-2)', () => {
  it('every move is the table’s or AFTER_SALES.INVALID_TRANSITION; a refund is issued once and succeeds only on its own number’s acknowledgement; the refund is the quote or the agent’s amount (never above refundable) plus compensation; each change one event', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...REQUEST_TYPES), fc.commands(commands, { maxCommands: 25 }), async (type, cmds) => {
        const quote = quoteRefund(
          { currency: 'CNY', lines: [{ lineId: 'A', quantity: 2, paid: Money.of('300.00'), points: 0 }], freightPaid: Money.of('8.00'), shipped: true },
          new Map(),
          [{ lineId: 'A', quantity: 1 }],
        );
        const request = AfterSalesRequest.open({ id: 'r1', orderId: 'o1', memberId: 'm1', shopId: 's1', type, quote, reason: 'quality', at: new Date(T0) });
        request.pullEvents();
        const model: Model = {
          type,
          status: 'pending_review',
          now: T0,
          shipBackBy: null,
          refundable: 15_000n,
          amount: null,
          compensation: 0n,
          adjustments: 0,
          issued: false,
          events: 0,
          timeline: [['opened', 'pending_review']],
        };
        await fc.asyncModelRun(() => ({ model, real: { request } }), cmds);
      }),
    );
  });

  it('opening names a reason from the list (AFTER_SALES.INVALID_REASON)', () => {
    const quote = quoteRefund(
      { currency: 'CNY', lines: [{ lineId: 'A', quantity: 1, paid: Money.of('1.00'), points: 0 }], freightPaid: Money.of('0'), shipped: true },
      new Map(),
      [{ lineId: 'A', quantity: 1 }],
    );
    let code: string | undefined;
    try {
      AfterSalesRequest.open({ id: 'r', orderId: 'o', memberId: 'm', shopId: 's', type: 'refund', quote, reason: 'because', at: new Date(T0) });
    } catch (e) {
      code = isDomainError(e) ? e.code : undefined;
    }
    expect(code).toBe('AFTER_SALES.INVALID_REASON');
  });
});
