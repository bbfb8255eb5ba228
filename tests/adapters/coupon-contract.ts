import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createZhongtai, type Zhongtai } from '../../adapters/container/create-zhongtai.js';
import { COUPON_STORE, type CouponStore } from '../../application/coupon/store.js';
import type { Persistence } from '../../application/shared/persistence.js';
import { CouponTemplate, type CouponTemplateFields } from '../../domain/coupon/coupon-template.js';
import { OwnedCoupon } from '../../domain/coupon/owned-coupon.js';
import { isDomainError } from '../../domain/shared/domain-error.js';
import { day, ManualClock, seededRandom, T0, thresholdFields } from '../domain/coupon/coupon-mothers.js';

const MEMBERS = ['m1', 'm2', 'm3', 'm4'];

interface TemplateModel {
  id: string;
  total: number;
  limit: number;
  hidden: boolean;
  stopped: boolean;
  issued: number;
  claimed: number;
  perMember: Map<string, number>;
}
type Model = TemplateModel[];
interface Real {
  zt: Zhongtai;
}

/** The rules of handing out (spec §6), written again: the refusal a member or staff gets, or null. */
function refusal(t: TemplateModel, memberId: string, source: 'claim' | 'issue'): string | null {
  if (source === 'claim' && t.hidden) return 'COUPON.NOT_CLAIMABLE';
  if (t.stopped) return 'COUPON.TEMPLATE_STOPPED';
  if (t.issued >= t.total) return 'COUPON.SOLD_OUT';
  if ((t.perMember.get(memberId) ?? 0) >= t.limit) return 'COUPON.LIMIT_REACHED';
  return null;
}
const give = (t: TemplateModel, memberId: string, source: 'claim' | 'issue') => {
  t.issued += 1;
  if (source === 'claim') t.claimed += 1;
  t.perMember.set(memberId, (t.perMember.get(memberId) ?? 0) + 1);
};

async function codeOf(work: Promise<unknown>): Promise<string | null> {
  try {
    await work;
    return null;
  } catch (e) {
    if (!isDomainError(e)) throw e;
    return e.code;
  }
}

/** After every step: the counters equal the model, never above the total or the limit, and statistics agree. */
async function matches(m: Model, r: Real): Promise<void> {
  for (const t of m) {
    const view = await r.zt.coupons.getTemplate({ templateId: t.id });
    expect([view.issued, view.remaining, view.status]).toEqual([t.issued, t.total - t.issued, t.stopped ? 'stopped' : 'active']);
    expect(view.issued).toBeLessThanOrEqual(view.totalQuantity);
    const stats = await r.zt.coupons.statistics({ templateId: t.id });
    expect([stats.issued, stats.claimed, stats.byState.available]).toEqual([t.issued, t.claimed, t.issued]);
  }
  for (const memberId of MEMBERS) {
    const mine = await r.zt.coupons.listMemberCoupons({ memberId });
    for (const t of m) {
      const held = mine.filter((c) => c.templateId === t.id).length;
      expect(held).toBe(t.perMember.get(memberId) ?? 0);
      expect(held).toBeLessThanOrEqual(t.limit);
    }
  }
}

class Claim implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly template: number,
    readonly memberId: string,
  ) {}
  check = () => true;
  async run(m: Model, r: Real): Promise<void> {
    const t = m[this.template]!;
    const want = refusal(t, this.memberId, 'claim');
    expect(await codeOf(r.zt.coupons.claim({ templateId: t.id, memberId: this.memberId }))).toBe(want);
    if (want === null) give(t, this.memberId, 'claim');
    await matches(m, r);
  }
  toString = () => `claim(t${this.template}, ${this.memberId})`;
}

class Issue implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly template: number,
    readonly memberIds: string[],
  ) {}
  check = () => true;
  async run(m: Model, r: Real): Promise<void> {
    const t = m[this.template]!;
    if (t.stopped) {
      expect(await codeOf(r.zt.coupons.issue({ templateId: t.id, memberIds: this.memberIds }))).toBe('COUPON.TEMPLATE_STOPPED');
    } else {
      const report = await r.zt.coupons.issue({ templateId: t.id, memberIds: this.memberIds });
      const want = this.memberIds.map((memberId) => {
        const why = refusal(t, memberId, 'issue');
        if (why === null) give(t, memberId, 'issue');
        return why;
      });
      expect(report.results.map((x) => (x.issued ? null : x.code))).toEqual(want);
      expect(report.issued).toBe(want.filter((w) => w === null).length);
    }
    await matches(m, r);
  }
  toString = () => `issue(t${this.template}, [${this.memberIds.join(',')}])`;
}

class Stop implements fc.AsyncCommand<Model, Real> {
  constructor(readonly template: number) {}
  check = () => true;
  async run(m: Model, r: Real): Promise<void> {
    await r.zt.coupons.stopTemplate({ templateId: m[this.template]!.id });
    m[this.template]!.stopped = true;
    await matches(m, r);
  }
  toString = () => `stop(t${this.template})`;
}

const member = fc.constantFrom(...MEMBERS);
const which = fc.integer({ min: 0, max: 2 });
const commands = [
  fc.tuple(which, member).map(([t, m]) => new Claim(t, m)),
  fc.tuple(which, member).map(([t, m]) => new Claim(t, m)),
  fc.tuple(which, fc.array(member, { minLength: 1, maxLength: 5 })).map(([t, ms]) => new Issue(t, ms)),
  which.map((t) => new Stop(t)),
];

/** One contract suite for the coupon ports, through the use cases, on one persistence adapter. */
export function couponContractSuite(name: string, makePersistence: () => Promise<Persistence>, numRuns: number): void {
  describe(`coupons on ${name}`, () => {
    let zt: Zhongtai;
    const clock = new ManualClock(day(1));
    let run = 0;
    beforeAll(async () => {
      zt = createZhongtai({ persistence: await makePersistence(), clock, coupons: { random: seededRandom(7) } });
    });
    afterAll(() => zt?.close());

    const template = async (overrides: Partial<CouponTemplateFields> = {}) => (await zt.coupons.createTemplate(thresholdFields(overrides))).id;

    it('claims and bulk issues against a model: issued never above the total quantity, a member never above the limit, refusals write nothing', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.commands(commands, { maxCommands: 25 }),
          fc.integer({ min: 1, max: 6 }),
          fc.integer({ min: 1, max: 3 }),
          async (cmds, total, limit) => {
            run += 1;
            const model: Model = [];
            for (const [i, hidden] of [false, true, false].entries()) {
              const id = await template({
                name: `run ${run} t${i}`,
                totalQuantity: i === 2 ? 2 : total,
                perMemberLimit: limit,
                visibility: hidden ? 'hidden' : 'public',
              });
              model.push({ id, total: i === 2 ? 2 : total, limit, hidden, stopped: false, issued: 0, claimed: 0, perMember: new Map() });
            }
            // Runs share member ids; `matches` counts a member's coupons per template of this run only.
            await fc.asyncModelRun(() => ({ model, real: { zt } }), cmds);
          },
        ),
        { numRuns },
      );
    });

    it('a template is saved by version: a stale save is CONCURRENCY.STALE_AGGREGATE, and creating an existing id is stale too', async () => {
      const id = await template();
      const uow = zt.persistence.unitOfWork({ publish: async () => {} });
      const [a, b] = await uow.run(async (tx) => [await tx.use(COUPON_STORE).templates.get(id), await tx.use(COUPON_STORE).templates.get(id)]);
      a!.stop(day(1));
      await uow.run((tx) => tx.use(COUPON_STORE).templates.save(a!));
      b!.stop(day(1));
      await expect(uow.run((tx) => tx.use(COUPON_STORE).templates.save(b!))).rejects.toMatchObject({ code: 'CONCURRENCY.STALE_AGGREGATE' });
      const again = CouponTemplate.create(id, thresholdFields(), T0);
      await expect(uow.run((tx) => tx.use(COUPON_STORE).templates.save(again))).rejects.toMatchObject({ code: 'CONCURRENCY.STALE_AGGREGATE' });
      // The stored template reads back as it was saved (money, dates, percent, scope).
      const d = await zt.coupons.createTemplate(
        thresholdFields({
          name: 'shop 9 折',
          kind: 'discount',
          amount: undefined,
          threshold: '50.00',
          percentOff: '12.5',
          cap: '30.00',
          issuer: { kind: 'shop', shopId: 'shop-1' },
          scope: { kind: 'brand', ids: ['b1', 'b2'] },
          channels: ['app', 'h5'],
          validity: { kind: 'fixed', from: day(1), until: day(9) },
        }),
      );
      const { issued: _i, remaining: _r, ...stored } = await zt.coupons.getTemplate({ templateId: d.id });
      const { issued: _i2, remaining: _r2, ...created } = d;
      expect(JSON.parse(JSON.stringify(stored))).toEqual(JSON.parse(JSON.stringify({ ...created, version: 1 })));
    });

    it('claimable: public, active, in the window, with coupons left and the member under the limit, newest first', async () => {
      clock.set(day(2));
      const open = await template({ name: 'open', totalQuantity: 1 });
      const later = await template({ name: 'later', claimWindow: { startsAt: day(3), endsAt: day(6) } });
      const hidden = await template({ name: 'hidden', visibility: 'hidden' });
      const other = await template({ name: 'other', perMemberLimit: 1 });
      const ids = async (memberId: string) =>
        (await zt.coupons.listClaimable({ memberId })).map((c) => c.template.id).filter((id) => [open, later, hidden, other].includes(id));
      expect(await ids('claimer')).toEqual([other, open]);
      await zt.coupons.claim({ templateId: other, memberId: 'claimer' });
      expect(await ids('claimer')).toEqual([open]);
      await zt.coupons.claim({ templateId: open, memberId: 'someone' });
      expect(await ids('claimer')).toEqual([]);
      clock.set(day(4));
      expect(await ids('claimer')).toEqual([later]);
      await expect(zt.coupons.claim({ templateId: hidden, memberId: 'claimer' })).rejects.toMatchObject({ code: 'COUPON.NOT_CLAIMABLE' });
      clock.set(day(1));
    });

    it('a coupon through an order: lock, use, CPN-2 full refund returns it, usable again; replays are no-ops; a partial refund returns nothing', async () => {
      const t = await template({ name: 'order flow', validity: { kind: 'relative', days: 10 } });
      const c = await zt.coupons.claim({ templateId: t, memberId: 'buyer' });
      expect(c).toMatchObject({ state: 'available', source: 'claim', terms: { id: c.id, kind: 'threshold' } });
      await expect(zt.coupons.lock({ couponId: c.id, memberId: 'intruder', orderId: 'o-1' })).rejects.toMatchObject({ code: 'COUPON.NOT_FOUND' });
      expect((await zt.coupons.lock({ couponId: c.id, memberId: 'buyer', orderId: 'o-1' })).coupon.state).toBe('locked');
      expect((await zt.coupons.lock({ couponId: c.id, memberId: 'buyer', orderId: 'o-1' })).replayed).toBe(true);
      await expect(zt.coupons.lock({ couponId: c.id, memberId: 'buyer', orderId: 'o-2' })).rejects.toMatchObject({ code: 'COUPON.LOCKED_BY_ANOTHER_ORDER' });
      expect((await zt.coupons.use({ couponId: c.id, orderId: 'o-1' })).coupon.state).toBe('used');
      expect(await zt.coupons.returnOnRefund({ couponId: c.id, orderId: 'o-1', refund: 'partial' })).toMatchObject({
        returned: false,
        reason: 'PARTIAL_REFUND',
        coupon: { state: 'used' },
      });
      expect(await zt.coupons.returnOnRefund({ couponId: c.id, orderId: 'o-1', refund: 'full' })).toMatchObject({
        returned: true,
        replayed: false,
        coupon: { state: 'returned' },
      });
      expect(await zt.coupons.returnOnRefund({ couponId: c.id, orderId: 'o-1', refund: 'full' })).toMatchObject({ returned: true, replayed: true });
      expect((await zt.coupons.lock({ couponId: c.id, memberId: 'buyer', orderId: 'o-3' })).coupon.state).toBe('locked');
      expect((await zt.coupons.release({ couponId: c.id, orderId: 'o-3' })).coupon.state).toBe('available');
      expect((await zt.coupons.release({ couponId: c.id, orderId: 'o-3' })).replayed).toBe(true);
      const stats = await zt.coupons.statistics({ templateId: t });
      expect(stats).toMatchObject({ issued: 1, claimed: 1, used: 0, redemptionRate: '0.0000' });
    });

    it('CPN-2: a full refund after the validity ended returns nothing; the sweep expires what is due and nothing else', async () => {
      clock.set(day(1));
      const t = await template({ name: 'sweep', validity: { kind: 'relative', days: 2 }, perMemberLimit: 3 });
      const [a, b, used] = [
        await zt.coupons.claim({ templateId: t, memberId: 'sw' }),
        await zt.coupons.claim({ templateId: t, memberId: 'sw' }),
        await zt.coupons.claim({ templateId: t, memberId: 'sw' }),
      ];
      await zt.coupons.lock({ couponId: b.id, memberId: 'sw', orderId: 'ob' });
      await zt.coupons.lock({ couponId: used.id, memberId: 'sw', orderId: 'ou' });
      await zt.coupons.use({ couponId: used.id, orderId: 'ou' });
      clock.set(day(4));
      expect(await zt.coupons.returnOnRefund({ couponId: used.id, orderId: 'ou', refund: 'full' })).toMatchObject({
        returned: false,
        reason: 'EXPIRED',
        coupon: { state: 'used' },
      });
      expect((await zt.coupons.listMemberCoupons({ memberId: 'sw', state: 'expired' })).map((c) => c.id)).toEqual([a.id]); // as of now, before the sweep
      const swept = await zt.coupons.expire({ at: day(4) });
      expect(swept.expired).toBeGreaterThanOrEqual(1);
      const states = Object.fromEntries((await zt.coupons.listMemberCoupons({ memberId: 'sw' })).map((c) => [c.id, c.state]));
      expect(states).toEqual({ [a.id]: 'expired', [b.id]: 'locked', [used.id]: 'used' });
      expect((await zt.coupons.release({ couponId: b.id, orderId: 'ob' })).coupon.state).toBe('expired');
      expect(await zt.coupons.statistics({ templateId: t })).toMatchObject({ issued: 3, used: 1, redemptionRate: '0.3333', byState: { expired: 2, used: 1 } });
      clock.set(day(1));
    });

    it('an owned coupon saved from a stale copy is CONCURRENCY.STALE_AGGREGATE; two orders racing for one coupon: one wins', async () => {
      const t = await template({ name: 'race' });
      const c = await zt.coupons.claim({ templateId: t, memberId: 'racer' });
      const uow = zt.persistence.unitOfWork({ publish: async () => {} });
      const [x, y] = await uow.run(async (tx) => [(await tx.use(COUPON_STORE).ownedCoupons.get(c.id))!, (await tx.use(COUPON_STORE).ownedCoupons.get(c.id))!]);
      x.lock('ox', day(1));
      await uow.run((tx) => tx.use(COUPON_STORE).ownedCoupons.save(x));
      y.lock('oy', day(1));
      await expect(uow.run((tx) => tx.use(COUPON_STORE).ownedCoupons.save(y))).rejects.toMatchObject({ code: 'CONCURRENCY.STALE_AGGREGATE' });
      const outcomes = await Promise.allSettled(['o1', 'o2', 'o3'].map((orderId) => zt.coupons.lock({ couponId: c.id, memberId: 'racer', orderId })));
      expect(outcomes.every((o) => o.status === 'rejected')).toBe(true); // ox holds it
      await expect(uow.run((tx) => tx.use(COUPON_STORE).ownedCoupons.save(OwnedCoupon.restore({ ...x.toSnapshot(), version: 0 })))).rejects.toThrow();
    });

    it('saving records the aggregate’s events in its transaction, once: a stored template, a stored claim, a changed coupon; a refused claim or a stale save records none', async () => {
      const published: string[] = [];
      const uow = zt.persistence.unitOfWork({ publish: async (events) => void published.push(...events.map((e) => `${e.type} ${e.aggregateId}`)) });
      const store = (work: (s: CouponStore) => Promise<unknown>) => uow.run((tx) => work(tx.use(COUPON_STORE)));
      const created = CouponTemplate.create('evt-template', thresholdFields({ name: 'events', totalQuantity: 1 }), T0);
      await store((s) => s.templates.save(created));
      expect(published).toEqual(['coupon.template.created evt-template']);
      const template = (await store((s) => s.templates.get('evt-template'))) as CouponTemplate;
      const coupon = template.handOut({ couponId: 'evt-coupon', memberId: 'evt', at: day(1), source: 'claim', isNewCustomer: true, random: seededRandom(1) });
      expect(await store((s) => s.claims.claim(coupon))).toMatchObject({ ok: true });
      expect(published.slice(1)).toEqual(['coupon.claimed evt-coupon']);
      const refused = template.handOut({
        couponId: 'evt-refused',
        memberId: 'evt-2',
        at: day(1),
        source: 'claim',
        isNewCustomer: true,
        random: seededRandom(1),
      });
      expect(await store((s) => s.claims.claim(refused))).toEqual({ ok: false, refusal: 'SOLD_OUT' });
      const [owned, stale] = (await store(async (s) => [await s.ownedCoupons.get('evt-coupon'), await s.ownedCoupons.get('evt-coupon')])) as OwnedCoupon[];
      owned!.lock('evt-order', day(1));
      await store((s) => s.ownedCoupons.save(owned!));
      stale!.lock('evt-other', day(1));
      await expect(store((s) => s.ownedCoupons.save(stale!))).rejects.toMatchObject({ code: 'CONCURRENCY.STALE_AGGREGATE' });
      expect(published).toEqual(['coupon.template.created evt-template', 'coupon.claimed evt-coupon', 'coupon.locked evt-coupon']);
    });

    it('random amounts are drawn per coupon from the injected source (reproducible), and a claim of an unknown template is not found', async () => {
      const t = await template({
        name: 'red packet',
        kind: 'random',
        amount: undefined,
        threshold: undefined,
        randomRange: { min: '1.00', max: '5.00' },
        perMemberLimit: 5,
      });
      const amounts = [];
      for (let i = 0; i < 5; i++) amounts.push((await zt.coupons.claim({ templateId: t, memberId: 'lucky' })).terms.amount!.toString());
      for (const a of amounts) expect(Number(a) >= 1 && Number(a) <= 5 && /^\d+\.\d\d$/.test(a)).toBe(true);
      expect(new Set(amounts).size).toBeGreaterThan(1);
      await expect(zt.coupons.claim({ templateId: 'nope', memberId: 'lucky' })).rejects.toMatchObject({ code: 'COUPON.TEMPLATE_NOT_FOUND' });
    });

    it('spec §6 / CPN-1: a percent-off coupon keeps its cap from the stored template to the engine: 10 % of 500.00 capped to 30.00', async () => {
      const capped = await template({ name: 'cpn1 capped', kind: 'discount', amount: undefined, threshold: '100.00', percentOff: '10', cap: '30.00' });
      const c = await zt.coupons.claim({ templateId: capped, memberId: 'cpn1-cap' });
      expect(c.terms).toMatchObject({ percentOff: '10' });
      expect(c.terms.cap?.toString()).toBe('30.00');
      const line = { lineId: 'l1', skuId: 'sku-1', productId: 'spu-1', shopId: 'shop-1', quantity: 1, unitPrice: '500.00' };
      const rec = await zt.coupons.recommend({ memberId: 'cpn1-cap', channel: 'app', lines: [line] });
      expect(rec.recommendedCouponId).toBe(c.id);
      expect(rec.options.find((o) => o.couponId === c.id)?.deduction.toString()).toBe('30.00');
      const [forPricing] = await zt.coupons.forPricing({ memberId: 'cpn1-cap' });
      expect(forPricing?.cap?.toString()).toBe('30.00');
    });

    it('CPN-1: the recommendation comes from the pricing engine over the member’s usable coupons', async () => {
      const big = await template({ name: 'cpn1 big', amount: '30.00', threshold: '199.00' });
      const small = await template({ name: 'cpn1 small', kind: 'cash', threshold: undefined, amount: '5.00' });
      const far = await template({ name: 'cpn1 far', amount: '100.00', threshold: '999.00' });
      const [b, s, f] = [
        await zt.coupons.claim({ templateId: big, memberId: 'cpn1' }),
        await zt.coupons.claim({ templateId: small, memberId: 'cpn1' }),
        await zt.coupons.claim({ templateId: far, memberId: 'cpn1' }),
      ];
      const line = { lineId: 'l1', skuId: 'sku-1', productId: 'spu-1', shopId: 'shop-1', quantity: 1, unitPrice: '250.00' };
      const rec = await zt.coupons.recommend({ memberId: 'cpn1', channel: 'app', lines: [line] });
      expect(rec.recommendedCouponId).toBe(b.id);
      const byId = Object.fromEntries(rec.options.map((o) => [o.couponId, o]));
      expect(byId[f.id]).toMatchObject({ usable: false, rejection: 'BELOW_THRESHOLD' });
      expect(byId[s.id]).toMatchObject({ usable: true });
      expect((await zt.coupons.forPricing({ memberId: 'cpn1' })).map((c) => c.id).sort()).toEqual([b.id, s.id, f.id].sort());
    });
  });
}
