/**
 * Model-based test of a group-buy group (拼团, spec §5), written from the rules, not from the code:
 *
 * - the leader opens the group with an order; the group is pending until that order is paid, then open;
 * - while open and before the deadline, a member joins with an order (pending); the same member and
 *   order again changes nothing; a member joins once; an order belongs to one member;
 * - a payment is confirmed only while the group has room, is not failed and the deadline has not come:
 *   a payment arriving when the group already has `size` paid members is refused (GROUP_FULL: refund);
 *   a payment confirmed before is a no-op;
 * - the group succeeds when paid members reach the size; at or after the deadline a group short of its
 *   size fails (its paid orders are cancelled and refunded).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GROUP_TRANSITIONS, GroupBuy, type GroupStatus } from '../../../domain/promotion/group-buy.js';
import { DomainError } from '../../../domain/shared/domain-error.js';
import { at } from '../../support/mothers.js';
import { aGroupBuy, aPublished } from './promotion-mothers.js';

const HOURS = 2;
const DEADLINE = HOURS * 60; // minutes after opening at minute 0

interface Model {
  size: number;
  status: GroupStatus;
  now: number;
  /** memberId → order and whether it is paid */
  members: Map<string, { orderId: string; paid: boolean }>;
}
interface Real {
  group: GroupBuy;
  now: number;
}

type Outcome = { ok: true; events: string[] } | { ok: false; code: string };

/** What the runs reached, to show the commands exercise success, over-fill and expiry. */
const seen = new Set<string>();

function run(m: Model, r: Real, expected: Outcome, call: () => unknown, apply: () => void): void {
  const before = r.group.toSnapshot();
  let error: unknown;
  try {
    call();
  } catch (e) {
    error = e;
  }
  const events = r.group.pullEvents();
  seen.add(expected.ok ? `status:${r.group.status}` : expected.code);
  if (!expected.ok) {
    expect(error, 'expected a rejection').toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(expected.code);
    expect(r.group.toSnapshot(), 'a refused command changes nothing').toBe(before);
  } else {
    if (error !== undefined) throw error;
    apply();
    expect(events.map((e) => e.type)).toEqual(expected.events.map((t) => `promotion.group.${t}`));
  }
  invariants(m, r, before.status);
}

function invariants(m: Model, r: Real, previous: GroupStatus): void {
  const s = r.group.toSnapshot();
  const paid = [...m.members.values()].filter((x) => x.paid).length;
  expect(s.status).toBe(m.status);
  expect(s.paid).toBe(paid);
  expect(s.paid, 'a group never over-fills').toBeLessThanOrEqual(s.size);
  expect(s.members.filter((x) => x.status === 'paid')).toHaveLength(paid);
  expect(s.status === 'succeeded').toBe(paid === s.size);
  expect(new Map(s.members.map((x) => [x.memberId, { orderId: x.orderId, paid: x.status === 'paid' }]))).toEqual(m.members);
  if (s.status !== previous) expect(GROUP_TRANSITIONS[previous] as readonly GroupStatus[]).toContain(s.status);
}

const closed = (m: Model): string | null =>
  m.status === 'failed' ? 'PROMOTION.GROUP_CLOSED' : m.status === 'succeeded' ? 'PROMOTION.GROUP_FULL' : m.now >= DEADLINE ? 'PROMOTION.GROUP_CLOSED' : null;

class Join implements fc.Command<Model, Real> {
  constructor(
    readonly member: string,
    readonly order: string,
  ) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const mine = m.members.get(this.member);
    const orderTaken = [...m.members.entries()].some(([id, x]) => x.orderId === this.order && id !== this.member);
    let expected: Outcome;
    if (mine?.orderId === this.order) expected = { ok: true, events: [] };
    else if (mine) expected = { ok: false, code: 'PROMOTION.ALREADY_JOINED' };
    else if (orderTaken) expected = { ok: false, code: 'PROMOTION.ORDER_IN_ANOTHER_GROUP' };
    else if (m.status === 'pending') expected = { ok: false, code: 'PROMOTION.GROUP_NOT_OPEN' };
    else if (closed(m)) expected = { ok: false, code: closed(m)! };
    else expected = { ok: true, events: ['joined'] };
    run(
      m,
      r,
      expected,
      () => r.group.join({ memberId: this.member }, this.order, at(r.now)),
      () => {
        if (!mine) m.members.set(this.member, { orderId: this.order, paid: false });
      },
    );
  }
  toString = () => `join(${this.member}, ${this.order})`;
}

class Pay implements fc.Command<Model, Real> {
  constructor(readonly order: string) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const entry = [...m.members.values()].find((x) => x.orderId === this.order);
    const paid = [...m.members.values()].filter((x) => x.paid).length;
    let expected: Outcome;
    if (!entry) expected = { ok: false, code: 'PROMOTION.ORDER_NOT_IN_GROUP' };
    else if (entry.paid) expected = { ok: true, events: [] };
    else if (m.status === 'failed') expected = { ok: false, code: 'PROMOTION.GROUP_CLOSED' };
    else if (paid >= m.size) expected = { ok: false, code: 'PROMOTION.GROUP_FULL' };
    else if (m.now >= DEADLINE) expected = { ok: false, code: 'PROMOTION.GROUP_CLOSED' };
    else {
      const leader = m.members.get('leader')!.orderId === this.order;
      expected = { ok: true, events: ['member-paid', ...(leader ? ['opened'] : []), ...(paid + 1 === m.size ? ['succeeded'] : [])] };
    }
    run(
      m,
      r,
      expected,
      () => r.group.confirmPayment(this.order, at(r.now)),
      () => {
        if (!entry || entry.paid) return;
        entry.paid = true;
        m.status = paid + 1 === m.size ? 'succeeded' : 'open';
      },
    );
  }
  toString = () => `pay(${this.order})`;
}

class Advance implements fc.Command<Model, Real> {
  constructor(readonly minutes: number) {}
  check = () => true;
  run(m: Model, r: Real): void {
    m.now += this.minutes;
    r.now += this.minutes;
  }
  toString = () => `advance(${this.minutes})`;
}

class Expire implements fc.Command<Model, Real> {
  check = () => true;
  run(m: Model, r: Real): void {
    const due = (m.status === 'pending' || m.status === 'open') && m.now >= DEADLINE;
    run(
      m,
      r,
      { ok: true, events: due ? ['failed'] : [] },
      () => expect(r.group.expire(at(r.now))).toBe(due),
      () => {
        if (due) m.status = 'failed';
      },
    );
  }
  toString = () => 'expire';
}

const members = ['leader', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6'];
const orders = ['o-leader', 'o1', 'o2', 'o3', 'o4', 'o5', 'o6', 'o7'];
const commands = [
  fc.tuple(fc.constantFrom(...members), fc.constantFrom(...orders)).map(([mem, o]) => new Join(mem, o)),
  // Members mostly join with "their" order (m1 → o1), so groups often fill up.
  fc.integer({ min: 1, max: 6 }).map((i) => new Join(`m${i}`, `o${i}`)),
  fc.constantFrom(...orders).map((o) => new Pay(o)),
  fc.constantFrom('o-leader', 'o1', 'o2', 'o3', 'o4').map((o) => new Pay(o)),
  fc.constantFrom(1, 5, 10, 45).map((n) => new Advance(n)),
  fc.constant(new Expire()),
];

describe('GroupBuy (拼团) against an independent model', () => {
  it('model-based: joins, payments, a moving clock and expiry — never over-filled, success exactly at the size', () => {
    fc.assert(
      fc.property(fc.constantFrom(3, 5), fc.commands(commands, { maxCommands: 60, size: 'max' }), (size, cmds) => {
        const activity = aPublished('gb', aGroupBuy({}, { hours: HOURS }));
        const group = GroupBuy.open({ id: 'g1', activity, leader: { memberId: 'leader' }, orderId: 'o-leader', size, now: at(0) });
        expect(group.pullEvents().map((e) => e.type)).toEqual(['promotion.group.created']);
        const model: Model = { size, status: 'pending', now: 0, members: new Map([['leader', { orderId: 'o-leader', paid: false }]]) };
        fc.modelRun(() => ({ model, real: { group, now: 0 } }), cmds);
      }),
      { numRuns: 1_000 },
    );
    for (const reached of [
      'status:succeeded',
      'status:failed',
      'PROMOTION.GROUP_FULL',
      'PROMOTION.GROUP_CLOSED',
      'PROMOTION.GROUP_NOT_OPEN',
      'PROMOTION.ALREADY_JOINED',
    ]) {
      expect(seen, reached).toContain(reached);
    }
  });

  it('success and failure events name the orders to move on, cancel, or cancel and refund', () => {
    const activity = aPublished('gb', aGroupBuy());
    const g = GroupBuy.open({ id: 'g1', activity, leader: { memberId: 'L' }, orderId: 'oL', now: at(0) });
    g.confirmPayment('oL', at(1));
    for (const m of ['a', 'b', 'c']) g.join({ memberId: m }, `o${m}`, at(2));
    g.confirmPayment('oa', at(3));
    g.pullEvents();
    g.confirmPayment('ob', at(4));
    const succeeded = g.pullEvents().find((e) => e.type === 'promotion.group.succeeded')!;
    expect(succeeded.payload).toMatchObject({
      size: 3,
      paidOrderIds: ['oL', 'oa', 'ob'],
      unpaidOrderIds: ['oc'],
      tier: { kind: 'group_buy', prices: [{ price: '89.00' }] },
    });
    expect(() => g.confirmPayment('oc', at(5))).toThrow(expect.objectContaining({ code: 'PROMOTION.GROUP_FULL' }));

    const f = GroupBuy.open({ id: 'g2', activity, leader: { memberId: 'L' }, orderId: 'oL2', size: 5, now: at(0) });
    f.confirmPayment('oL2', at(1));
    f.join({ memberId: 'x' }, 'ox', at(2));
    f.pullEvents();
    expect(f.expire(at(24 * 60 - 1))).toBe(false);
    expect(f.expire(at(24 * 60))).toBe(true);
    expect(f.pullEvents().map((e) => [e.type, e.payload.paidOrderIds, e.payload.unpaidOrderIds])).toEqual([['promotion.group.failed', ['oL2'], ['ox']]]);
    expect(f.toSnapshot().tier).toMatchObject({ prices: [{ price: '79.00' }] });
  });

  it('opening: only a running group buy, only a size of its ladder, the deadline capped by the activity end; new-member groups take new members', () => {
    const activity = aPublished('gb', aGroupBuy({ endsAt: at(60) }, { type: 'new_member' }));
    const open = (size?: number, now = at(0)) => GroupBuy.open({ id: 'g', activity, leader: { memberId: 'L' }, orderId: 'o', ...(size ? { size } : {}), now });
    expect(() => open(4)).toThrow(expect.objectContaining({ code: 'PROMOTION.INVALID_GROUP_SIZE', details: { size: 4, sizes: [3, 5] } }));
    expect(() => open(undefined, at(60))).toThrow(expect.objectContaining({ code: 'PROMOTION.NOT_ACTIVE' }));
    const g = open();
    expect(g.toSnapshot()).toMatchObject({ size: 3, deadline: at(60), type: 'new_member', status: 'pending' });
    g.confirmPayment('o', at(1));
    expect(() => g.join({ memberId: 'old' }, 'o2', at(2))).toThrow(expect.objectContaining({ code: 'PROMOTION.NOT_ELIGIBLE' }));
    expect(g.join({ memberId: 'new', isNew: true }, 'o3', at(2))).toBe(true);
    activity.void('stop', at(3));
    expect(() => g.join({ memberId: 'late', isNew: true }, 'o4', at(4), activity)).toThrow(expect.objectContaining({ code: 'PROMOTION.NOT_ACTIVE' }));
    const listed = aPublished('gl', aGroupBuy({ audience: { kind: 'members', memberIds: ['vip'] } }));
    const vipGroup = GroupBuy.open({ id: 'gv', activity: listed, leader: { memberId: 'vip' }, orderId: 'ov', now: at(0) });
    vipGroup.confirmPayment('ov', at(1));
    expect(() => vipGroup.join({ memberId: 'nobody' }, 'on', at(2), listed)).toThrow(expect.objectContaining({ code: 'PROMOTION.NOT_ELIGIBLE' }));
    expect(() => GroupBuy.open({ id: 'g', activity: listed, leader: { memberId: 'L' }, orderId: 'o', now: at(0) })).toThrow(
      expect.objectContaining({ code: 'PROMOTION.NOT_ELIGIBLE' }),
    );
  });
});
