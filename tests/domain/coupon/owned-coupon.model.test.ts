/**
 * Model-based test of a member's coupon (会员优惠券) through an order's life, written from the rules,
 * not from the code:
 *
 * - an available (or returned, CPN-2) coupon inside its validity can be locked by an order; a coupon
 *   held by one order cannot be locked by another; used, expired or out-of-validity coupons cannot;
 * - only the holding order releases it (cancelled: available again, or expired if past validity) or
 *   uses it (paid);
 * - CPN-2: a full refund of the order that used it returns it while still valid, after which it is
 *   usable again; past validity it stays used; a partial refund returns nothing;
 * - the sweep expires available and returned coupons past their validity, nothing else;
 * - every action is keyed by its order: repeating it for the same order changes nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COUPON_ACTIONS, COUPON_MACHINE, COUPON_STATES, COUPON_TRANSITIONS, OwnedCoupon, type CouponState } from '../../../domain/coupon/owned-coupon.js';
import { isDomainError } from '../../../domain/shared/domain-error.js';
import { DAY, T0 } from './coupon-mothers.js';

const VALID_FROM = T0.getTime() + DAY;
const VALID_UNTIL = T0.getTime() + 10 * DAY;

interface Model {
  state: CouponState;
  orderId: string | null;
  done: Set<string>;
  now: number;
}

interface Real {
  coupon: OwnedCoupon;
}

type Outcome = { kind: 'error'; code: string } | { kind: 'replay' } | { kind: 'ok'; state: CouponState; events: string[]; returned?: boolean };

const usableAt = (m: Model) => m.now >= VALID_FROM && m.now < VALID_UNTIL;

/** What the rules say an action does. */
function expected(m: Model, action: string, orderId: string, refund?: 'full' | 'partial'): Outcome {
  const done = m.done.has(`${action}:${orderId}`);
  if (action === 'lock') {
    if (done) return { kind: 'replay' };
    if (m.state === 'locked') return { kind: 'error', code: 'COUPON.LOCKED_BY_ANOTHER_ORDER' };
    if ((m.state !== 'available' && m.state !== 'returned') || !usableAt(m)) return { kind: 'error', code: 'COUPON.NOT_USABLE' };
    return { kind: 'ok', state: 'locked', events: ['coupon.locked'] };
  }
  if (action === 'release' || action === 'use') {
    if (done) return { kind: 'replay' };
    if (m.state !== 'locked' || m.orderId !== orderId) return { kind: 'error', code: 'COUPON.NOT_LOCKED_BY_ORDER' };
    if (action === 'use') return { kind: 'ok', state: 'used', events: ['coupon.used'] };
    return m.now >= VALID_UNTIL
      ? { kind: 'ok', state: 'expired', events: ['coupon.released', 'coupon.expired'] }
      : { kind: 'ok', state: 'available', events: ['coupon.released'] };
  }
  // return (CPN-2)
  if (done) return { kind: 'replay' };
  if (m.state !== 'used' || m.orderId !== orderId) return { kind: 'error', code: 'COUPON.NOT_USED_BY_ORDER' };
  if (refund === 'partial') return { kind: 'ok', state: 'used', events: [], returned: false };
  return m.now < VALID_UNTIL
    ? { kind: 'ok', state: 'returned', events: ['coupon.returned'], returned: true }
    : { kind: 'ok', state: 'used', events: [], returned: false };
}

class OrderAction implements fc.Command<Model, Real> {
  constructor(
    readonly action: 'lock' | 'release' | 'use' | 'return',
    readonly orderId: string,
    readonly refund: 'full' | 'partial' = 'full',
  ) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const want = expected(m, this.action, this.orderId, this.refund);
    const before = r.coupon.couponState;
    const at = new Date(m.now);
    let got: Outcome;
    try {
      const result =
        this.action === 'lock'
          ? r.coupon.lock(this.orderId, at)
          : this.action === 'release'
            ? r.coupon.release(this.orderId, at)
            : this.action === 'use'
              ? r.coupon.use(this.orderId, at)
              : r.coupon.returnOnRefund(this.orderId, this.refund, at);
      const events = r.coupon.pullEvents().map((e) => e.type);
      const returned = 'returned' in result ? { returned: result.returned as boolean } : {};
      got = result.replayed ? { kind: 'replay' } : { kind: 'ok', state: r.coupon.couponState, events, ...returned };
    } catch (e) {
      if (!isDomainError(e)) throw e;
      got = { kind: 'error', code: e.code };
    }
    expect(got).toEqual(want);
    if (got.kind === 'replay' || got.kind === 'error') expect(r.coupon.couponState).toBe(before);
    if (want.kind === 'ok') {
      if (want.state !== before) expect(COUPON_TRANSITIONS[before] as readonly CouponState[]).toContain(r.coupon.couponState);
      m.state = want.state;
      if (this.action === 'lock') m.orderId = this.orderId;
      // A partial refund is not the order's refund of the coupon: a later full refund still returns it.
      if (!(this.action === 'return' && this.refund === 'partial')) m.done.add(`${this.action}:${this.orderId}`);
    }
  }
  toString = () => `${this.action}(${this.orderId}${this.action === 'return' ? `, ${this.refund}` : ''})`;
}

class Sweep implements fc.Command<Model, Real> {
  check = () => true;
  run(m: Model, r: Real): void {
    const due = (m.state === 'available' || m.state === 'returned') && m.now >= VALID_UNTIL;
    expect(r.coupon.expire(new Date(m.now))).toBe(due);
    expect(r.coupon.pullEvents().map((e) => e.type)).toEqual(due ? ['coupon.expired'] : []);
    if (due) m.state = 'expired';
    expect(r.coupon.couponState).toBe(m.state);
  }
  toString = () => 'sweep';
}

class Wait implements fc.Command<Model, Real> {
  constructor(readonly hours: number) {}
  check = () => true;
  run(m: Model): void {
    m.now += this.hours * 3_600_000;
  }
  toString = () => `wait(${this.hours}h)`;
}

const orders = fc.constantFrom('o1', 'o2', 'o3');
const commands = [
  orders.map((o) => new OrderAction('lock', o)),
  orders.map((o) => new OrderAction('release', o)),
  orders.map((o) => new OrderAction('use', o)),
  fc.tuple(orders, fc.constantFrom<'full' | 'partial'>('full', 'partial')).map(([o, refund]) => new OrderAction('return', o, refund)),
  fc.constant(new Sweep()),
  fc.integer({ min: 1, max: 72 }).map((h) => new Wait(h)),
];

describe('a member’s coupon as a state machine (model-based, CPN-2)', () => {
  it('the transition table names every state, and every action leads along it', () => {
    expect(Object.keys(COUPON_TRANSITIONS).sort()).toEqual([...COUPON_STATES].sort());
    for (const { from, to } of Object.values(COUPON_ACTIONS)) for (const s of from) expect(COUPON_TRANSITIONS[s] as readonly string[]).toContain(to);
    expect(COUPON_TRANSITIONS.locked).toContain('expired'); // a release past validity
  });

  it('every move goes through the one state machine of the table: a move it does not list is COUPON.INVALID_TRANSITION (409) with from and to; expired is final', () => {
    expect(COUPON_MACHINE.table).toBe(COUPON_TRANSITIONS);
    for (const from of COUPON_STATES) {
      for (const to of COUPON_STATES) {
        const rejection = COUPON_MACHINE.rejection(from, to, { couponId: 'c-1' });
        if ((COUPON_TRANSITIONS[from] as readonly CouponState[]).includes(to)) expect(rejection).toBeNull();
        else expect([rejection?.code, rejection?.kind, rejection?.details]).toEqual(['COUPON.INVALID_TRANSITION', 'conflict', { couponId: 'c-1', from, to }]);
      }
    }
    expect(COUPON_MACHINE.finals).toEqual(['expired']);
  });

  it('any sequence of order actions, refunds, sweeps and waits does what the rules say; replays change nothing', () => {
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 40 }), (cmds) => {
        const coupon = OwnedCoupon.handOut({
          id: 'c-1',
          templateId: 't-1',
          memberId: 'm-1',
          source: 'claim',
          at: T0,
          validFrom: new Date(VALID_FROM),
          validUntil: new Date(VALID_UNTIL),
          amount: null,
        });
        coupon.pullEvents();
        fc.modelRun(
          () => ({ model: { state: 'available' as CouponState, orderId: null, done: new Set<string>(), now: T0.getTime() }, real: { coupon } }),
          cmds,
        );
      }),
      { numRuns: 1000 },
    );
  });
});
