import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createZhongtai, type Zhongtai } from '../../adapters/container/create-zhongtai.js';
import { MEMBERSHIP_STORE } from '../../application/membership/store.js';
import type { Persistence } from '../../application/shared/persistence.js';
import { levelOf, DEFAULT_LEVELS } from '../../domain/membership/levels.js';
import { computeRfm, DEFAULT_RFM_CONFIG, type OrderFact, type RfmConfig, type RfmScore } from '../../domain/membership/rfm.js';
import { isDomainError } from '../../domain/shared/domain-error.js';
import type { Clock } from '../../domain/shared/ports.js';

class TestClock implements Clock {
  constructor(public at: Date) {}
  now(): Date {
    return this.at;
  }
}
const DAY = 86_400_000;
const code = async (run: Promise<unknown> | (() => Promise<unknown>)) =>
  Promise.resolve()
    .then(typeof run === 'function' ? run : () => run)
    .then(
      () => null,
      (e) => (isDomainError(e) ? e.code : String(e)),
    );

/**
 * The membership contract, run on memory and on PostgreSQL: the ledgers' invariants as properties,
 * MBR-1 rollbacks, a refund's points by allocated share, the expiry sweep, and the RFM of the adapter
 * against the domain's on random data.
 */
export function membershipContract(name: string, open: () => Promise<Persistence>, o: { runs: number; rfmRuns: number; fresh?: () => Promise<void> }) {
  describe(`membership contract (${name})`, () => {
    let p: Persistence;
    let zt: Zhongtai;
    const clock = new TestClock(new Date('2026-03-01T02:00:00Z'));
    beforeAll(async () => {
      p = await open();
      zt = createZhongtai({ persistence: p, clock });
    }, 60_000);
    afterAll(() => p?.close());
    beforeEach(async () => {
      if (o.fresh) await o.fresh();
      else {
        p = await open();
        zt = createZhongtai({ persistence: p, clock });
      }
      clock.at = new Date('2026-03-01T02:00:00Z');
    });
    const balances = async (memberId: string) => {
      const [m, h] = await Promise.all([zt.membership.get({ memberId }), zt.membership.history({ memberId, limit: 500 })]);
      return { m, h, pointsSum: h.points.reduce((a, e) => a + e.delta, 0), growthSum: h.growth.reduce((a, e) => a + e.delta, 0) };
    };

    it('properties: the points balance equals the sum of the ledger and never goes negative; growth never negative; a replayed source event grants nothing more; the level follows growth monotonically', {
      timeout: 120_000,
    }, async () => {
      let round = 0;
      const op = fc.oneof(
        fc.record({ kind: fc.constant('earn' as const), ref: fc.integer({ min: 0, max: 5 }), n: fc.integer({ min: 1, max: 300 }) }),
        fc.record({ kind: fc.constant('spend' as const), ref: fc.integer({ min: 0, max: 5 }), n: fc.integer({ min: 1, max: 300 }) }),
        fc.record({ kind: fc.constant('growth' as const), ref: fc.integer({ min: 0, max: 5 }), n: fc.integer({ min: -400, max: 1500 }) }),
        fc.record({ kind: fc.constant('review' as const), ref: fc.integer({ min: 0, max: 3 }), n: fc.constant(0) }),
        fc.record({ kind: fc.constant('unreview' as const), ref: fc.integer({ min: 0, max: 3 }), n: fc.constant(0) }),
      );
      await fc.assert(
        fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
          const memberId = `prop-${round++}`;
          await zt.membership.register({ memberId });
          const model = { applied: new Map<string, number>() };
          for (const c of ops) {
            const before = await balances(memberId);
            const key = `${c.kind}:${c.ref}`;
            const seen = model.applied.has(key);
            if (c.kind === 'earn' || c.kind === 'spend' || c.kind === 'growth') {
              const delta = seen ? model.applied.get(key)! : c.kind === 'spend' ? -c.n : c.n;
              const run =
                c.kind === 'earn'
                  ? zt.membership.adjustPoints({ memberId, delta, operator: 't', reason: 'prop', reference: key })
                  : c.kind === 'spend'
                    ? zt.membership.spendPoints({ memberId, purpose: 'mall', reference: key, points: -delta })
                    : delta === 0
                      ? Promise.reject(new Error('skip'))
                      : zt.membership.adjustGrowth({ memberId, delta, operator: 't', reason: 'prop', reference: key });
              const err = await code(run);
              const covered = (c.kind === 'growth' ? before.m.growth : before.m.points) + delta >= 0;
              if (seen)
                expect(err).toBeNull(); // a replay: the first result, nothing more
              else if (delta === 0) continue;
              else if (covered) {
                expect(err).toBeNull();
                model.applied.set(key, delta);
                const now = await zt.membership.get({ memberId });
                expect(c.kind === 'growth' ? now.growth : now.points).toBe((c.kind === 'growth' ? before.m.growth : before.m.points) + delta);
              } else {
                expect(err).toBe(c.kind === 'growth' ? 'MEMBERSHIP.INSUFFICIENT_GROWTH' : 'MEMBERSHIP.INSUFFICIENT_POINTS');
              }
            } else if (c.kind === 'review') {
              await zt.membership.recordReviewApproved({ memberId, reviewId: `r${c.ref}`, itemPrice: '20.00', virtual: false, showOrderRank: 1 });
            } else {
              await zt.membership.recordReviewDeleted({ memberId, reviewId: `r${c.ref}` });
            }
            const after = await balances(memberId);
            expect(after.m.points).toBe(after.pointsSum);
            expect(after.m.growth).toBe(after.growthSum);
            expect(after.m.points).toBeGreaterThanOrEqual(0);
            expect(after.m.growth).toBeGreaterThanOrEqual(0);
            expect(after.m.level).toBe(levelOf(after.m.growth, DEFAULT_LEVELS));
            if (seen) expect([after.m.points, after.m.growth]).toEqual([before.m.points, before.m.growth]);
          }
          // Replaying every review event again grants nothing more.
          const settled = await balances(memberId);
          for (let r = 0; r <= 3; r++)
            await zt.membership.recordReviewApproved({ memberId, reviewId: `r${r}`, itemPrice: '20.00', virtual: false, showOrderRank: 1 });
          const replayed = await balances(memberId);
          const fresh = [0, 1, 2, 3].filter((r) => !settled.h.growth.some((e) => e.reference === `r${r}` && e.source === 'review')).length;
          expect(replayed.m.growth - settled.m.growth).toBe(fresh * 40);
        }),
        { numRuns: o.runs },
      );
    });

    it('balances are bounded by what is stored (int32): an amount past 2147483647 is MEMBERSHIP.INVALID_AMOUNT, a credit that would carry a balance past it is MEMBERSHIP.BALANCE_OVERFLOW, and neither writes', async () => {
      const MAX = 2_147_483_647;
      await zt.membership.register({ memberId: 'full' });
      const adjust = (kind: 'Growth' | 'Points', delta: number) =>
        code(() => zt.membership[`adjust${kind}`]({ memberId: 'full', delta, operator: 't', reason: 'bound' }));
      for (const kind of ['Growth', 'Points'] as const) {
        expect(await adjust(kind, MAX + 1)).toBe('MEMBERSHIP.INVALID_AMOUNT');
        expect(await adjust(kind, -(MAX + 1))).toBe('MEMBERSHIP.INVALID_AMOUNT');
        expect(await adjust(kind, MAX - 5)).toBeNull();
        const before = await balances('full');
        expect(await adjust(kind, 6)).toBe('MEMBERSHIP.BALANCE_OVERFLOW');
        expect(await balances('full')).toEqual(before);
        expect(await adjust(kind, 5)).toBeNull();
      }
      expect(await code(() => zt.membership.spendPoints({ memberId: 'full', purpose: 'mall', reference: 'huge', points: Number.MAX_SAFE_INTEGER }))).toBe(
        'MEMBERSHIP.INVALID_AMOUNT',
      );
      const m = await zt.membership.get({ memberId: 'full' });
      expect([m.growth, m.points]).toEqual([MAX, MAX]);
    });

    it('MBR-1: a deleted review rolls back exactly what it granted; a rollback never drives growth below zero', async () => {
      await zt.membership.register({ memberId: 'rb' });
      await zt.membership.adjustGrowth({ memberId: 'rb', delta: 150, operator: 't', reason: 'start' });
      const granted = await zt.membership.recordReviewApproved({ memberId: 'rb', reviewId: 'rv1', itemPrice: '25.00', virtual: false, showOrderRank: 3 });
      expect(granted).toEqual({ growth: 40, points: 20 });
      expect(await zt.membership.recordReviewApproved({ memberId: 'rb', reviewId: 'cheap', itemPrice: '19.99', virtual: false })).toEqual({
        growth: 0,
        points: 0,
      });
      expect(await zt.membership.recordReviewApproved({ memberId: 'rb', reviewId: 'virtual', itemPrice: '99.00', virtual: true })).toEqual({
        growth: 0,
        points: 0,
      });
      await zt.membership.recordReviewDeleted({ memberId: 'rb', reviewId: 'rv1' });
      expect((await zt.membership.get({ memberId: 'rb' })).growth).toBe(150);
      expect(await zt.membership.recordReviewDeleted({ memberId: 'rb', reviewId: 'rv1' })).toEqual({ growth: 0, points: 0 });
      // Granted 40, then 180 taken by hand: the rollback takes what is left (10), not 40.
      await zt.membership.recordReviewApproved({ memberId: 'rb', reviewId: 'rv2', itemPrice: '25.00', virtual: false, showOrderRank: 1 });
      await zt.membership.adjustGrowth({ memberId: 'rb', delta: -180, operator: 't', reason: 'correction' });
      await zt.membership.recordReviewDeleted({ memberId: 'rb', reviewId: 'rv2' });
      const m = await zt.membership.get({ memberId: 'rb' });
      expect(m.growth).toBe(0);
      expect(m.level).toBe(1);
    });

    it('orders: completion grants growth × factor and purchase points; a partial refund rolls back its share and returns the refunded lines’ allocated points', async () => {
      await zt.membership.register({ memberId: 'buyer' });
      await zt.membership.adjustPoints({ memberId: 'buyer', delta: 10_000, operator: 't', reason: 'start' });
      await zt.membership.recordPaidOrder({ orderId: 'o1', memberId: 'buyer', paidAt: clock.now(), amount: '300.00' });
      const d = await zt.membership.deductAtCheckout({
        memberId: 'buyer',
        orderId: 'o1',
        points: 9_999,
        payable: '300.00',
        lines: [
          { lineId: 'l1', payable: '100.00' },
          { lineId: 'l2', payable: '200.00' },
        ],
      });
      expect(d).toMatchObject({ points: 9_999, value: '99.99', perLine: { l1: 3_333, l2: 6_666 }, balance: 1 });
      expect(await zt.membership.recordOrderCompleted({ orderId: 'o1' })).toEqual({ growth: 300, points: 300 });
      expect(await zt.membership.recordOrderCompleted({ orderId: 'o1' })).toEqual({ growth: 0, points: 0 });
      const r = await zt.membership.recordRefund({ orderId: 'o1', refundId: 'rf1', amount: '100.00', lineIds: ['l1'] });
      expect(r).toEqual({ replayed: false, growthRolledBack: 100, pointsRolledBack: 100, pointsReturned: 3_333 });
      expect((await zt.membership.recordRefund({ orderId: 'o1', refundId: 'rf1', amount: '100.00', lineIds: ['l1'] })).replayed).toBe(true);
      expect(await code(() => zt.membership.recordRefund({ orderId: 'o1', refundId: 'rf2', amount: '200.01' }))).toBe('MEMBERSHIP.REFUND_EXCEEDS_PAID');
      const full = await zt.membership.recordRefund({ orderId: 'o1', refundId: 'rf3', amount: '200.00' });
      expect(full).toEqual({ replayed: false, growthRolledBack: 200, pointsRolledBack: 200, pointsReturned: 6_666 });
      const m = await zt.membership.get({ memberId: 'buyer' });
      expect([m.points, m.growth]).toEqual([10_000, 0]);
    });

    it('after-sales refunds name the points of their units (AFS-2): 333 of 1,000 come back, then 0.00 cash with 700 more gives back only the 667 left; never more than the order used', async () => {
      await zt.membership.register({ memberId: 'afs' });
      await zt.membership.adjustPoints({ memberId: 'afs', delta: 1_000, operator: 't', reason: 'start' });
      await zt.membership.recordPaidOrder({ orderId: 'oa', memberId: 'afs', paidAt: clock.now(), amount: '240.00' });
      await zt.membership.deductAtCheckout({ memberId: 'afs', orderId: 'oa', points: 1_000, payable: '240.00', lines: [{ lineId: 'A', payable: '240.00' }] });
      expect((await zt.membership.get({ memberId: 'afs' })).points).toBe(0);
      expect(await zt.membership.recordRefund({ orderId: 'oa', refundId: 'afs-1', amount: '80.00', points: 333 })).toMatchObject({ pointsReturned: 333 });
      expect(await zt.membership.recordRefund({ orderId: 'oa', refundId: 'afs-2', amount: '0.00', points: 700 })).toMatchObject({ pointsReturned: 667 });
      expect(await zt.membership.recordRefund({ orderId: 'oa', refundId: 'afs-3', amount: '1.00', points: 5 })).toMatchObject({ pointsReturned: 0 });
      expect((await zt.membership.get({ memberId: 'afs' })).points).toBe(1_000);
      expect(await code(() => zt.membership.recordRefund({ orderId: 'oa', refundId: 'afs-4', amount: '1.00', points: -1 }))).toBe('MEMBERSHIP.INVALID_AMOUNT');
    });

    it('sign-in: once a day, the streak bonus on the 7th day; the expiry sweep takes what debits left of the year, once', async () => {
      await zt.membership.register({ memberId: 'daily' });
      const got: number[] = [];
      for (let d = 0; d < 7; d++) {
        clock.at = new Date(Date.parse('2025-06-01T02:00:00Z') + d * DAY);
        got.push((await zt.membership.signIn({ memberId: 'daily' })).points);
        expect((await zt.membership.signIn({ memberId: 'daily' })).replayed).toBe(true);
      }
      expect(got).toEqual([5, 5, 5, 5, 5, 5, 25]);
      await zt.membership.spendPoints({ memberId: 'daily', purpose: 'right', reference: 'x', points: 20 });
      clock.at = new Date('2027-01-02T00:00:00Z');
      expect(await code(() => zt.membership.expirePoints({ earnedInYear: 2026 }))).toBe('MEMBERSHIP.NOT_YET_EXPIRED');
      expect(await zt.membership.expirePoints({ earnedInYear: 2025 })).toMatchObject({ points: 35 });
      expect(await zt.membership.expirePoints({ earnedInYear: 2025 })).toEqual({ members: 0, points: 0 });
      expect((await zt.membership.get({ memberId: 'daily' })).points).toBe(0);
    });

    it('threshold proposal from the data; levels and audited manual changes; shop membership beside the platform level', async () => {
      for (let i = 0; i < 10; i++) {
        await zt.membership.register({ memberId: `g${i}` });
        if (i > 0) await zt.membership.adjustGrowth({ memberId: `g${i}`, delta: i * 100, operator: 't', reason: 'seed' });
      }
      expect(await zt.membership.proposeThresholds({ shares: [50, 30, 20] })).toEqual({ thresholds: [0, 400, 700], members: 10 });
      await zt.membership.setLevel({ memberId: 'g1', level: 5, operator: 'staff-9', reason: 'VIP customer' });
      await zt.membership.joinShop({ memberId: 'g1', shopId: 'shop-a' });
      await zt.membership.setShopLevel({ memberId: 'g1', shopId: 'shop-a', level: 3, operator: 'shop-staff', reason: 'loyal' });
      const h = await zt.membership.history({ memberId: 'g1' });
      expect(h.audits.map((a) => [a.action, a.operator])).toEqual([
        ['shop_level', 'shop-staff'],
        ['level', 'staff-9'],
        ['growth', 't'],
      ]);
      expect(h.levels.map((l) => [l.scope, l.fromLevel, l.toLevel, l.reason])).toEqual([
        ['shop-a', 1, 3, 'manual'],
        ['platform', 1, 5, 'manual'],
      ]);
      const m = await zt.membership.get({ memberId: 'g1' });
      expect([m.level, m.shops]).toEqual([5, [expect.objectContaining({ shopId: 'shop-a', level: 3 })]]);
    });

    it('RFM: the adapter computes what the domain computes, on random data sets; MBR-2 wake-ups against the previous run', { timeout: 180_000 }, async () => {
      const asOf = new Date('2026-03-01T00:00:00Z');
      const fact = fc.record({
        member: fc.integer({ min: 0, max: 9 }),
        days: fc.integer({ min: 0, max: 500 }),
        secs: fc.integer({ min: 0, max: 86_399 }),
        cents: fc.integer({ min: 1, max: 200_000 }),
        refund: fc.oneof(fc.constant(0), fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })),
      });
      const config: fc.Arbitrary<RfmConfig> = fc.record({
        windowDays: fc.integer({ min: 30, max: 400 }),
        monetary: fc.constantFrom('total' as const, 'average' as const),
        scoring: fc.oneof(
          fc.constant({ kind: 'quintiles' as const }),
          fc.constant({ kind: 'breakpoints' as const, recency: [7, 30, 90, 180], frequency: [1, 2, 3, 5], monetary: ['50.00', '200.00', '800.00', '2000.00'] }),
        ),
        wakeUp: fc.constant(DEFAULT_RFM_CONFIG.wakeUp),
        downgradeAtRecencyScore: fc.constant(null),
      });
      let round = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(fact, { maxLength: 30 }), config, async (raw, cfg) => {
          round += 1;
          await zt.membership.setRules({ table: 'rfm', value: cfg, operator: 't' });
          const facts: OrderFact[] = [];
          for (const [i, f] of raw.entries()) {
            const memberId = `rfm${round}-${f.member}`;
            await zt.membership.register({ memberId });
            const orderId = `rfm${round}-o${i}`;
            const paidAt = new Date(asOf.getTime() - f.days * DAY - f.secs * 1000);
            const amount = (f.cents / 100).toFixed(2);
            await zt.membership.recordPaidOrder({ orderId, memberId, paidAt, amount });
            const refundCents = Math.floor(f.cents * f.refund);
            if (refundCents > 0) await zt.membership.recordRefund({ orderId, refundId: `${orderId}-r`, amount: (refundCents / 100).toFixed(2) });
            facts.push({ orderId, memberId, paidAt, amount, refunded: (refundCents / 100).toFixed(2) });
          }
          const run = await zt.membership.runRfm({ asOf });
          const stored = await p.unitOfWork({ publish: async () => {} }).run((tx) => tx.use(MEMBERSHIP_STORE).rfmRuns.scores(run.id, { limit: 10_000 }));
          const mine = (s: RfmScore) => s.memberId.startsWith(`rfm${round}-`);
          // Other rounds' facts are in the database too: the domain sees all of them.
          const all = await p.unitOfWork({ publish: async () => {} }).run(async (tx) => {
            const out: OrderFact[] = [];
            for (let r = 1; r <= round; r++)
              for (let i = 0; i < 30; i++) {
                const f = await tx.use(MEMBERSHIP_STORE).orderFacts.get(`rfm${r}-o${i}`);
                if (f) out.push(f);
              }
            return out;
          });
          expect(stored).toEqual(computeRfm(all, asOf, cfg));
          expect(stored.filter(mine).length).toBe(new Set(facts.filter((f) => f.refunded !== f.amount && f.paidAt <= asOf).map((f) => f.memberId)).size);
          expect(run.members).toBe(stored.length);
        }),
        { numRuns: o.rfmRuns },
      );
      // MBR-2: six orders in the window, then a run a year later with two: a wake-up event.
      const woken: string[] = [];
      zt.events.subscribe('membership.member.wake-up', (e) => void woken.push(e.aggregateId));
      await zt.membership.setRules({ table: 'rfm', value: { ...DEFAULT_RFM_CONFIG, windowDays: 180 }, operator: 't' });
      await zt.membership.register({ memberId: 'sleepy' });
      for (let i = 0; i < 8; i++) {
        await zt.membership.recordPaidOrder({
          orderId: `sleepy-${i}`,
          memberId: 'sleepy',
          paidAt: new Date(Date.parse('2026-01-01T00:00:00Z') + (i < 6 ? i : 150 + i) * DAY),
          amount: '10.00',
        });
      }
      await zt.membership.runRfm({ asOf: new Date('2026-03-01T00:00:00Z') });
      const second = await zt.membership.runRfm({ asOf: new Date('2026-08-01T00:00:00Z') });
      expect(second.wakeUps).toBeGreaterThanOrEqual(1);
      if (p.kind === 'postgresql') await p.drainOutbox(zt.events);
      expect(woken).toContain('sleepy');
      expect((await zt.membership.memberRfm({ memberId: 'sleepy' })).frequency).toBe(2);
      const counts = (await zt.membership.rfmSegments()).segments;
      expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(second.members);
    });
  });
}
