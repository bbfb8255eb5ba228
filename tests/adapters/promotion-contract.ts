import { describe, expect, it } from 'vitest';
import { PROMOTION_STORE } from '../../application/promotion/store.js';
import { Activity } from '../../domain/promotion/activity.js';
import { Bargain } from '../../domain/promotion/bargain.js';
import { GroupBuy } from '../../domain/promotion/group-buy.js';
import { Money } from '../../domain/shared/money.js';
import { aBargain, aFullReduction, aGroupBuy, aPresale, aPublished } from '../domain/promotion/promotion-mothers.js';
import { at } from '../support/mothers.js';
import type { Transaction } from '../../application/shared/unit-of-work.js';
import { codeOf, inTx, plain, contractPersistence, RecordingPublisher, type ContractBackend } from './contract/support.js';

/** An activity with every setup field set, through two versions (1 superseded, 2 live) and a rejected third. */
function full(id = 'act-full'): Activity {
  const a = Activity.create(
    id,
    aFullReduction({
      channels: ['app', 'mini_program'],
      audience: { kind: 'levels', levels: ['VIP1', 'VIP2'] },
      scope: { kind: 'categories', ids: ['tea'] },
      shopId: 'shop-1',
      perMemberLimit: 2,
      budget: Money.of('5000.00'),
      stacking: 'exclusive',
      priority: 7,
      stockPool: 'pool-1',
    }),
    at(0),
    { by: 'alice' },
  );
  a.submit(at(1), { by: 'alice' });
  a.approve(at(2), { by: 'bob' });
  a.revise({ name: '满300减50' }, at(3), { by: 'carol' });
  a.revise({ priority: 8 }, at(3), { by: 'dan' });
  a.submit(at(4), { by: 'carol' });
  a.approve(at(5), { by: 'alice' });
  a.revise({ priority: 9 }, at(6), { by: 'bob' });
  a.submit(at(7), { by: 'bob' });
  a.reject('no', at(8), { by: 'alice' });
  a.pullEvents();
  return a;
}

const charge = (activityId: string, reference: string, amount: string, budget: string | null) => ({
  activityId,
  reference,
  amount: Money.of(amount),
  budget: budget === null ? null : Money.of(budget),
  at: at(1),
});

/**
 * The promotion persistence contract: Activities, ActivityBudgets, GroupBuys and Bargains, written once
 * and run against each adapter. `backend()` is awaited once; `fresh()` before each test.
 */
export function promotionContract(name: string, backend: () => Promise<ContractBackend>): void {
  describe(`promotion persistence contract — ${name}`, () => {
    const p = contractPersistence(backend);

    describe('Activities (PRM-2)', () => {
      it('saves a new activity at version 1 and reads back the same snapshot: versions, rules, dates, budget', async () => {
        const a = full();
        await inTx(p(), (tx) => tx.use(PROMOTION_STORE).activities.save(a));
        expect(a.version).toBe(1);
        const found = (await inTx(p(), (tx) => tx.use(PROMOTION_STORE).activities.get('act-full')))!;
        expect(found).toBeInstanceOf(Activity);
        expect(plain(found.toSnapshot())).toEqual(plain(a.toSnapshot()));
        expect(found.live!.definition.budget).toEqual(Money.of('5000.00'));
        expect(found.live!.definition.startsAt).toEqual(at(0));
        expect(found.toSnapshot().versions.map((v) => v.status)).toEqual(['superseded', 'published', 'rejected']);
        expect(await inTx(p(), (tx) => tx.use(PROMOTION_STORE).activities.get('nope'))).toBeNull();
      });

      it('a group-buy, a bargain and a deposit-presale activity round-trip with their terms (the presale windows as Dates)', async () => {
        for (const a of [
          aPublished('gb', aGroupBuy()),
          aPublished('bg', aBargain()),
          aPublished('ps', aPresale({}, { perMemberLimit: 2, limitPeriod: 'day' })),
        ]) {
          await inTx(p(), (tx) => tx.use(PROMOTION_STORE).activities.save(a));
          expect(plain((await inTx(p(), (tx) => tx.use(PROMOTION_STORE).activities.get(a.id)))!.toSnapshot())).toEqual(plain(a.toSnapshot()));
        }
        const presale = (await inTx(p(), (tx) => tx.use(PROMOTION_STORE).activities.get('ps')))!.live!.definition;
        expect(presale.limitPeriod).toBe('day');
        expect((presale.rule as { balanceWindow: { startsAt: unknown } }).balanceWindow.startsAt).toEqual(at(24 * 60));
      });

      it('updates at the stored version; a stale copy, or creating an id that exists, is CONCURRENCY.STALE_AGGREGATE', async () => {
        await inTx(p(), (tx) => tx.use(PROMOTION_STORE).activities.save(Activity.create('a', aFullReduction(), at(0))));
        const mine = (await inTx(p(), (tx) => tx.use(PROMOTION_STORE).activities.get('a')))!;
        const theirs = (await inTx(p(), (tx) => tx.use(PROMOTION_STORE).activities.get('a')))!;
        theirs.submit(at(1), { by: 'alice' });
        await inTx(p(), (tx) => tx.use(PROMOTION_STORE).activities.save(theirs));
        expect(theirs.version).toBe(2);
        mine.void('x', at(1));
        expect(await codeOf(inTx(p(), (tx) => tx.use(PROMOTION_STORE).activities.save(mine)))).toBe('CONCURRENCY.STALE_AGGREGATE');
        expect(await codeOf(inTx(p(), (tx) => tx.use(PROMOTION_STORE).activities.save(Activity.create('a', aFullReduction(), at(0)))))).toBe(
          'CONCURRENCY.STALE_AGGREGATE',
        );
        expect((await inTx(p(), (tx) => tx.use(PROMOTION_STORE).activities.get('a')))!.latest.status).toBe('pending_review');
      });

      it('PROMOTION.DUPLICATE_CODE: a save that raced past codeTaken is refused', async () => {
        await inTx(p(), (tx) => tx.use(PROMOTION_STORE).activities.save(Activity.create('a', aFullReduction(), at(0))));
        const clash = Activity.restore({
          ...Activity.create('b', aFullReduction(), at(0)).toSnapshot(),
          code: Activity.create('a', aFullReduction(), at(0)).code,
        });
        await expect(inTx(p(), (tx) => tx.use(PROMOTION_STORE).activities.save(clash))).rejects.toMatchObject({
          code: 'PROMOTION.DUPLICATE_CODE',
          kind: 'conflict',
        });
        const taken = (code: string, except?: string) => inTx(p(), (tx) => tx.use(PROMOTION_STORE).activities.codeTaken(code, except));
        const code = clash.code;
        expect([await taken(code), await taken(code, 'a'), await taken('ACT-NONE')]).toEqual([true, false, false]);
        expect((await inTx(p(), (tx) => tx.use(PROMOTION_STORE).activities.all())).map((x) => x.id)).toEqual(['a']);
      });

      it('lists every activity newest first, and the published ones (live, not voided)', async () => {
        await inTx(p(), async (tx) => {
          await tx.use(PROMOTION_STORE).activities.save(Activity.create('draft', aFullReduction(), at(3)));
          await tx.use(PROMOTION_STORE).activities.save(aPublished('live', aFullReduction(), 2));
          const voided = aPublished('voided', aFullReduction(), 1);
          voided.void(undefined, at(1));
          await tx.use(PROMOTION_STORE).activities.save(voided);
          await tx.use(PROMOTION_STORE).activities.save(aPublished('old', aFullReduction(), 0));
        });
        expect((await inTx(p(), (tx) => tx.use(PROMOTION_STORE).activities.all())).map((a) => a.id)).toEqual(['draft', 'live', 'voided', 'old']);
        expect((await inTx(p(), (tx) => tx.use(PROMOTION_STORE).activities.published())).map((a) => a.id)).toEqual(['live', 'old']);
      });

      it('reads its own writes inside the transaction, and a rollback leaves nothing', async () => {
        await expect(
          inTx(p(), async (tx) => {
            await tx.use(PROMOTION_STORE).activities.save(Activity.create('a', aFullReduction(), at(0)));
            expect((await tx.use(PROMOTION_STORE).activities.get('a'))?.version).toBe(1);
            throw new Error('boom');
          }),
        ).rejects.toThrow('boom');
        expect(await inTx(p(), (tx) => tx.use(PROMOTION_STORE).activities.get('a'))).toBeNull();
      });
    });

    describe('PurchaseLimits (限购): a guarded counter per activity, member and period', () => {
      const consume = (reference: string, quantity: number, limit: number | null, memberId = 'm1', period = 'activity') =>
        inTx(p(), (tx) => tx.use(PROMOTION_STORE).purchaseLimits.consume({ activityId: 'a', memberId, reference, quantity, limit, period, at: at(1) }));
      const used = (memberId = 'm1', period = 'activity') =>
        inTx(p(), (tx) =>
          tx.use(PROMOTION_STORE).purchaseLimits.used(memberId, [
            { activityId: 'a', period },
            { activityId: 'none', period },
          ]),
        );

      it('consumptions add up within the limit; a replayed reference changes nothing; members and periods count apart', async () => {
        expect(await consume('o1', 2, 3)).toEqual({ activityId: 'a', memberId: 'm1', period: 'activity', used: 2, quantity: 2, replayed: false });
        expect(await consume('o1', 2, 3)).toMatchObject({ used: 2, quantity: 2, replayed: true });
        expect(await consume('o2', 1, 3)).toMatchObject({ used: 3, replayed: false });
        expect(await consume('o3', 3, 3, 'm2')).toMatchObject({ used: 3, memberId: 'm2' });
        expect(await consume('o4', 3, 3, 'm1', '2026-11-23')).toMatchObject({ used: 3, period: '2026-11-23' });
        expect([...(await used())]).toEqual([
          ['a', 3],
          ['none', 0],
        ]);
        expect((await used('m1', '2026-11-23')).get('a')).toBe(3);
        expect(await consume('free', 1000, null, 'm3')).toMatchObject({ used: 1000 });
      });

      it('PROMOTION.PURCHASE_LIMIT_REACHED with the figures: a consumption past the limit writes nothing (its reference stays free)', async () => {
        await consume('o1', 2, 3);
        await expect(consume('o2', 2, 3)).rejects.toMatchObject({
          code: 'PROMOTION.PURCHASE_LIMIT_REACHED',
          details: { activityId: 'a', memberId: 'm1', limit: 3, used: 2, remaining: 1, requested: 2 },
        });
        await expect(consume('o3', 4, 3, 'm2')).rejects.toMatchObject({ code: 'PROMOTION.PURCHASE_LIMIT_REACHED', details: { used: 0, remaining: 3 } });
        expect((await used()).get('a')).toBe(2);
        expect(await consume('o2', 1, 3)).toMatchObject({ used: 3, replayed: false });
        // A lowered limit (a new version) refuses more; the counter keeps what was taken.
        await expect(consume('o4', 1, 2)).rejects.toMatchObject({ details: { limit: 2, used: 3, remaining: 0 } });
      });

      it('a release gives the units back once to the period they were taken in; releasing again is a replay, an unknown reference null', async () => {
        await consume('o1', 2, 3);
        await consume('o2', 1, 3);
        const release = (ref: string) => inTx(p(), (tx) => tx.use(PROMOTION_STORE).purchaseLimits.release('a', ref));
        expect(await release('o1')).toEqual({ activityId: 'a', memberId: 'm1', period: 'activity', used: 1, quantity: 0, replayed: false });
        expect(await release('o1')).toMatchObject({ used: 1, quantity: 0, replayed: true });
        expect(await release('nope')).toBeNull();
        expect(await consume('o3', 2, 3)).toMatchObject({ used: 3 });
        // A released reference is still a replay: the same order does not consume twice.
        expect(await consume('o1', 2, 3)).toMatchObject({ used: 3, quantity: 0, replayed: true });
      });
    });

    describe('ActivityBudgets: a guarded counter', () => {
      it('charges add up within the budget; a replayed reference changes nothing', async () => {
        const b = (c: ReturnType<typeof charge>) => inTx(p(), (tx) => tx.use(PROMOTION_STORE).activityBudgets.charge(c));
        expect(await b(charge('a', 'o1', '30.00', '100.00'))).toEqual({ spent: Money.of('30.00'), replayed: false });
        expect(await b(charge('a', 'o2', '70.00', '100.00'))).toMatchObject({ spent: Money.of('100.00'), replayed: false });
        expect(await b(charge('a', 'o1', '30.00', '100.00'))).toMatchObject({ spent: Money.of('100.00'), replayed: true });
        const spent = await inTx(p(), (tx) => tx.use(PROMOTION_STORE).activityBudgets.spent(['a', 'none']));
        expect(plain([...spent])).toEqual([
          ['a', '100.00'],
          ['none', '0.00'],
        ]);
      });

      it('PROMOTION.BUDGET_EXHAUSTED: a charge past the budget writes nothing (its reference stays free)', async () => {
        await inTx(p(), (tx) => tx.use(PROMOTION_STORE).activityBudgets.charge(charge('a', 'o1', '90.00', '100.00')));
        await expect(inTx(p(), (tx) => tx.use(PROMOTION_STORE).activityBudgets.charge(charge('a', 'o2', '10.01', '100.00')))).rejects.toMatchObject({
          code: 'PROMOTION.BUDGET_EXHAUSTED',
          details: { spent: '90.00', budget: '100.00', amount: '10.01' },
        });
        expect((await inTx(p(), (tx) => tx.use(PROMOTION_STORE).activityBudgets.spent(['a']))).get('a')).toEqual(Money.of('90.00'));
        expect(await inTx(p(), (tx) => tx.use(PROMOTION_STORE).activityBudgets.charge(charge('a', 'o2', '10.00', '100.00')))).toMatchObject({
          spent: Money.of('100.00'),
          replayed: false,
        });
        expect(await inTx(p(), (tx) => tx.use(PROMOTION_STORE).activityBudgets.charge(charge('free', 'o1', '1000000.00', null)))).toMatchObject({
          replayed: false,
        });
      });

      it('a release gives the charge back once; releasing again, or what was never charged, changes nothing', async () => {
        await inTx(p(), (tx) => tx.use(PROMOTION_STORE).activityBudgets.charge(charge('a', 'o1', '40.00', '100.00')));
        const release = (ref: string) => inTx(p(), (tx) => tx.use(PROMOTION_STORE).activityBudgets.release('a', ref));
        expect(await release('o1')).toEqual({ spent: Money.of('0.00'), replayed: false });
        expect(await release('o1')).toMatchObject({ spent: Money.of('0.00'), replayed: true });
        expect(await release('nope')).toMatchObject({ replayed: true });
        // A released charge's reference is still a replay: the same order does not charge twice.
        expect(await inTx(p(), (tx) => tx.use(PROMOTION_STORE).activityBudgets.charge(charge('a', 'o1', '40.00', '100.00')))).toMatchObject({ replayed: true });
      });
    });

    describe('GroupBuys (拼团)', () => {
      const activity = aPublished('gb', aGroupBuy());
      const opened = (id = 'g1', order = 'oL', leader = 'L') => GroupBuy.open({ id, activity, leader: { memberId: leader }, orderId: order, now: at(1) });
      const pay = (orderId: string, groupId = 'g1', minute = 3) =>
        inTx(p(), (tx) => tx.use(PROMOTION_STORE).groupBuys.confirmPayment(groupId, orderId, at(minute)));
      /** A group of 3 whose leader paid and with members a, b, c joined. */
      const forming = async () => {
        await inTx(p(), (tx) => tx.use(PROMOTION_STORE).groupBuys.save(opened()));
        await pay('oL', 'g1', 2);
        await inTx(p(), async (tx) => {
          const g = (await tx.use(PROMOTION_STORE).groupBuys.get('g1'))!;
          for (const m of ['a', 'b', 'c']) g.join({ memberId: m }, `o${m}`, at(2));
          await tx.use(PROMOTION_STORE).groupBuys.save(g);
        });
      };

      it('saves a group and reads back the same snapshot, members in joining order', async () => {
        await forming();
        const g = (await inTx(p(), (tx) => tx.use(PROMOTION_STORE).groupBuys.get('g1')))!;
        expect(g).toBeInstanceOf(GroupBuy);
        const s = g.toSnapshot();
        expect(s).toMatchObject({ status: 'open', paid: 1, size: 3, version: 3, deadline: at(1 + 24 * 60) });
        expect(s.members.map((m) => [m.memberId, m.status, m.leader])).toEqual([
          ['L', 'paid', true],
          ['a', 'pending', false],
          ['b', 'pending', false],
          ['c', 'pending', false],
        ]);
        const reference = opened().toSnapshot();
        expect(plain(s.tier)).toEqual(plain(reference.tier));
        expect(await inTx(p(), (tx) => tx.use(PROMOTION_STORE).groupBuys.get('nope'))).toBeNull();
      });

      it('confirmPayment: the group succeeds exactly at its size; a later payment is PROMOTION.GROUP_FULL and writes nothing; a replay is a no-op', async () => {
        await forming();
        expect((await pay('oa')).group).toMatchObject({ paid: 2, status: 'open' });
        const done = await pay('ob');
        expect(done).toMatchObject({ replayed: false, group: { paid: 3, status: 'succeeded', closedAt: at(3) } });
        expect(await pay('ob')).toMatchObject({ replayed: true, group: { paid: 3 } });
        await expect(pay('oc')).rejects.toMatchObject({ code: 'PROMOTION.GROUP_FULL', kind: 'conflict', details: { groupId: 'g1', size: 3 } });
        const s = (await inTx(p(), (tx) => tx.use(PROMOTION_STORE).groupBuys.get('g1')))!.toSnapshot();
        expect(s.members.find((m) => m.orderId === 'oc')).toMatchObject({ status: 'pending', paidAt: null });
        expect(s.paid).toBe(3);
      });

      it('confirmPayment refuses unknown groups and orders, and payments at or after the deadline (GROUP_CLOSED)', async () => {
        await forming();
        expect(await codeOf(pay('oa', 'nope'))).toBe('PROMOTION.GROUP_NOT_FOUND');
        expect(await codeOf(pay('o-unknown'))).toBe('PROMOTION.ORDER_NOT_IN_GROUP');
        expect(await codeOf(pay('oa', 'g1', 1 + 24 * 60))).toBe('PROMOTION.GROUP_CLOSED');
        expect((await inTx(p(), (tx) => tx.use(PROMOTION_STORE).groupBuys.get('g1')))!.toSnapshot()).toMatchObject({ paid: 1, version: 3 });
      });

      it('a payment and a stale save: the payment bumps the version, so a copy loaded before it is stale', async () => {
        await forming();
        const stale = (await inTx(p(), (tx) => tx.use(PROMOTION_STORE).groupBuys.get('g1')))!;
        await pay('oa');
        stale.join({ memberId: 'd' }, 'od', at(4));
        expect(await codeOf(inTx(p(), (tx) => tx.use(PROMOTION_STORE).groupBuys.save(stale)))).toBe('CONCURRENCY.STALE_AGGREGATE');
      });

      it('an order is in one group at most (PROMOTION.ORDER_IN_ANOTHER_GROUP)', async () => {
        await forming();
        await expect(inTx(p(), (tx) => tx.use(PROMOTION_STORE).groupBuys.save(opened('g2', 'oa', 'Z')))).rejects.toMatchObject({
          code: 'PROMOTION.ORDER_IN_ANOTHER_GROUP',
        });
        expect(await inTx(p(), (tx) => tx.use(PROMOTION_STORE).groupBuys.get('g2'))).toBeNull();
      });

      it('groups due to close: still forming, deadline passed, earliest first; the groups of an activity, newest first', async () => {
        await inTx(p(), async (tx) => {
          await tx.use(PROMOTION_STORE).groupBuys.save(GroupBuy.open({ id: 'early', activity, leader: { memberId: 'x' }, orderId: 'ox', now: at(0) }));
          await tx.use(PROMOTION_STORE).groupBuys.save(GroupBuy.open({ id: 'late', activity, leader: { memberId: 'y' }, orderId: 'oy', now: at(10) }));
          await tx.use(PROMOTION_STORE).groupBuys.save(GroupBuy.open({ id: 'later', activity, leader: { memberId: 'z' }, orderId: 'oz', now: at(20) }));
        });
        const due = (minute: number, limit = 10) =>
          inTx(p(), async (tx) => (await tx.use(PROMOTION_STORE).groupBuys.dueToClose(at(minute), limit)).map((g) => g.id));
        expect(await due(24 * 60 - 1)).toEqual([]);
        expect(await due(24 * 60 + 10)).toEqual(['early', 'late']);
        expect(await due(24 * 60 + 30, 1)).toEqual(['early']);
        await inTx(p(), async (tx) => {
          const g = (await tx.use(PROMOTION_STORE).groupBuys.get('early'))!;
          g.expire(at(24 * 60 + 30));
          await tx.use(PROMOTION_STORE).groupBuys.save(g);
        });
        expect(await due(24 * 60 + 30)).toEqual(['late', 'later']);
        expect((await inTx(p(), (tx) => tx.use(PROMOTION_STORE).groupBuys.ofActivity('gb'))).map((g) => [g.id, g.status])).toEqual([
          ['later', 'pending'],
          ['late', 'pending'],
          ['early', 'failed'],
        ]);
      });
    });

    describe('Bargains (砍价)', () => {
      const activity = aPublished('bg', aBargain());
      const started = (id = 'b1', member = 'm') => Bargain.start({ id, activity, memberId: member, seed: `seed-${id}`, now: at(1) });

      it('round-trips a bargain with its helps; one bargain per member and activity (PROMOTION.BARGAIN_EXISTS)', async () => {
        const b = started();
        b.help('h1', at(2));
        b.help('h2', at(3));
        await inTx(p(), (tx) => tx.use(PROMOTION_STORE).bargains.save(b));
        const found = (await inTx(p(), (tx) => tx.use(PROMOTION_STORE).bargains.get('b1')))!;
        expect(plain(found.toSnapshot())).toEqual(plain(b.toSnapshot()));
        expect(found.currentPrice).toEqual(b.currentPrice);
        expect((await inTx(p(), (tx) => tx.use(PROMOTION_STORE).bargains.ofMember('bg', 'm')))?.id).toBe('b1');
        expect(await inTx(p(), (tx) => tx.use(PROMOTION_STORE).bargains.ofMember('bg', 'other'))).toBeNull();
        expect(await codeOf(inTx(p(), (tx) => tx.use(PROMOTION_STORE).bargains.save(started('b2', 'm'))))).toBe('PROMOTION.BARGAIN_EXISTS');
        const stale = found;
        const fresh = (await inTx(p(), (tx) => tx.use(PROMOTION_STORE).bargains.get('b1')))!;
        fresh.help('h3', at(4));
        await inTx(p(), (tx) => tx.use(PROMOTION_STORE).bargains.save(fresh));
        stale.help('h4', at(4));
        expect(await codeOf(inTx(p(), (tx) => tx.use(PROMOTION_STORE).bargains.save(stale)))).toBe('CONCURRENCY.STALE_AGGREGATE');
      });
    });

    describe('events (issue #13: the store records them, no use case does)', () => {
      it("a save records the aggregate's pending events, an accepted payment the group's payment events; a replay or a refused save none", async () => {
        const publisher = new RecordingPublisher();
        const run = <T>(work: (tx: Transaction) => Promise<T>) => p().unitOfWork(publisher).run(work);
        const types = () => publisher.published.splice(0).map((e) => e.type);
        const store = (tx: Transaction) => tx.use(PROMOTION_STORE);
        const gb = aPublished('gb', aGroupBuy());
        await run((tx) => store(tx).activities.save(Activity.create('a', aFullReduction(), at(0))));
        expect(types()).toEqual(['promotion.activity.created']);
        await run((tx) => store(tx).groupBuys.save(GroupBuy.open({ id: 'g1', activity: gb, leader: { memberId: 'L' }, orderId: 'oL', now: at(1) })));
        expect(types()).toEqual(['promotion.group.created']);
        await run((tx) => store(tx).groupBuys.confirmPayment('g1', 'oL', at(2)));
        expect(types()).toEqual(['promotion.group.member-paid', 'promotion.group.opened']);
        await run((tx) => store(tx).groupBuys.confirmPayment('g1', 'oL', at(3)));
        expect(types()).toEqual([]);
        const bargain = Bargain.start({ id: 'b1', activity: aPublished('bg', aBargain()), memberId: 'm', seed: 'seed', now: at(1) });
        bargain.help('h1', at(2));
        await run((tx) => store(tx).bargains.save(bargain));
        expect(types()).toEqual(['promotion.bargain.started', 'promotion.bargain.helped']);
        const clash = Bargain.start({ id: 'b2', activity: aPublished('bg', aBargain()), memberId: 'm', seed: 'seed', now: at(1) });
        expect(await codeOf(run((tx) => store(tx).bargains.save(clash)))).toBe('PROMOTION.BARGAIN_EXISTS');
        expect(types()).toEqual([]);
      });
    });
  });
}
