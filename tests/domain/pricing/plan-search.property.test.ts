import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Activity } from '../../../domain/pricing/activity.js';
import type { PricingInput } from '../../../domain/pricing/context.js';
import type { MemberCoupon } from '../../../domain/pricing/coupon.js';
import { evaluatePlan, priceOrder } from '../../../domain/pricing/engine.js';
import type { PricingLineInput } from '../../../domain/pricing/line.js';
import type { PricingResult } from '../../../domain/pricing/result.js';
import { isDomainError } from '../../../domain/shared/domain-error.js';
import { Money } from '../../../domain/shared/money.js';
import { pricingInputArb } from './pricing-arbitraries.js';

// ---- An exhaustive reference, in the tests only: every allowed plan of a small order, by brute force. ----
// The allowed set (PRM-4, CPN-1) is restated here on its own: which exclusive activities may lead a plan,
// which coupons are usable and which combinations fill the slots. Each plan is then priced by
// `evaluatePlan` (the engine without its search), and the engine's choice must rank first.

const fen = (m: Money): bigint => m.toMinor();
const at = (d: Date | undefined) => d?.getTime();

function lineMatches(scope: { kind: string; ids?: readonly string[] } | undefined, l: PricingLineInput): boolean {
  if (!scope || scope.kind === 'all' || scope.kind === 'platform') return true;
  const ids = scope.ids ?? [];
  switch (scope.kind) {
    case 'skus':
    case 'sku':
      return ids.includes(l.skuId);
    case 'products':
    case 'product':
      return ids.includes(l.productId);
    case 'categories':
    case 'category':
      return (l.categoryIds ?? []).some((c) => ids.includes(c));
    case 'brands':
    case 'brand':
      return l.brandId !== undefined && ids.includes(l.brandId);
    case 'shops':
    case 'shop':
      return ids.includes(l.shopId);
    case 'tags':
      return (l.tags ?? []).some((t) => ids.includes(t));
    case 'self_run':
      return l.selfRun === true;
  }
  throw new Error(`unknown scope ${scope.kind}`);
}

function live(a: Activity, input: PricingInput): boolean {
  const now = input.now.getTime();
  if ((a.startsAt && at(a.startsAt)! > now) || (a.endsAt && at(a.endsAt)! <= now)) return false;
  if (a.channels && a.channels.length > 0 && !a.channels.includes(input.member.channel)) return false;
  // 限购: a set-level activity the member has nothing left of does not apply.
  if (input.purchaseLimits?.some((x) => x.activityId === a.id && x.remaining === 0)) return false;
  const au = a.audience;
  if (au?.kind === 'new_members') return input.member.isNew;
  if (au?.kind === 'members') return au.memberIds.includes(input.member.memberId ?? '');
  if (au?.kind === 'levels') return au.levels.includes(input.member.level ?? '');
  return true;
}

function covers(a: Activity, l: PricingLineInput): boolean {
  if (a.shopId && a.shopId !== l.shopId) return false;
  if (a.kind === 'add_on') return lineMatches(a.scope, l) || a.items.some((i) => i.skuId === l.skuId);
  if (a.kind === 'bundle') return lineMatches(a.scope, l) && a.items.some((i) => i.skuId === l.skuId);
  return lineMatches(a.scope, l);
}

/** Exclusive set-level activities that may lead a plan: live, covering a line not held by an exclusive price. */
function exclusiveLeaders(input: PricingInput, base: PricingResult): string[] {
  const acts = input.activities ?? [];
  const open = (l: PricingLineInput) => {
    const priced = base.lines.find((x) => x.lineId === l.lineId)!.itemPriceActivityId;
    return priced === null || acts.find((a) => a.id === priced)!.stacking !== 'exclusive';
  };
  return acts
    .filter((a) => !['single_item', 'flash_sale', 'group_buy'].includes(a.kind) && a.stacking === 'exclusive')
    .filter((a) => live(a, input) && input.lines.some((l) => open(l) && covers(a, l)))
    .map((a) => a.id);
}

function couponUsable(c: MemberCoupon, input: PricingInput, after: Map<string, bigint>): boolean {
  const now = input.now.getTime();
  if (at(c.validFrom)! > now || at(c.validUntil)! <= now) return false;
  if (c.channels && c.channels.length > 0 && !c.channels.includes(input.member.channel)) return false;
  const lines = input.lines.filter((l) => (c.issuer.kind === 'platform' || l.shopId === c.issuer.shopId) && lineMatches(c.scope, l));
  if (lines.length === 0) return false;
  const base = lines.reduce((s, l) => s + after.get(l.lineId)!, 0n);
  if (c.threshold !== undefined && base < fen(Money.of(c.threshold as string))) return false;
  if (c.kind === 'shipping') return input.freight !== undefined && fen(Money.of(input.freight as string)) > 0n;
  return base > 0n;
}

function slotsAllowed(cs: readonly MemberCoupon[]): boolean {
  if (cs.some((c) => c.stacking === 'exclusive') && cs.length > 1) return false;
  const slot = (c: MemberCoupon) => (c.kind === 'shipping' ? 'shipping' : c.issuer.kind === 'platform' ? 'platform' : `shop:${c.issuer.shopId}`);
  return new Set(cs.map(slot)).size === cs.length;
}

/** PRM-4 rank of a priced plan, computed from the result: lower is better for the shopper. */
function rankOf(r: PricingResult, input: PricingInput): [bigint, number, number, number, string] {
  const setLevel = r.activities.filter((a) => a.family !== 'item_price');
  const priority = (id: string) => (input.coupons ?? []).find((c) => c.id === id)!.priority ?? 0;
  return [
    fen(r.totals.goodsPayable) + fen(r.totals.freight) - fen(r.totals.freightDeduction),
    -new Set([...r.gifts.fixed, ...r.gifts.pools].map((g) => g.activityId)).size,
    setLevel.filter((a) => a.discount.isPositive()).length + r.coupons.length,
    -(setLevel.reduce((s, a) => s + a.priority, 0) + r.coupons.reduce((s, c) => s + priority(c.id), 0)),
    [...new Set([...setLevel.map((a) => a.id), ...(r.plan.exclusiveActivityId ? [r.plan.exclusiveActivityId] : [])])]
      .map((id) => `activity:${id}`)
      .concat(r.coupons.map((c) => `coupon:${c.id}`))
      .sort()
      .join('\u0000'),
  ];
}
const cmp = (a: ReturnType<typeof rankOf>, b: ReturnType<typeof rankOf>): number => {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k]! < b[k]! ? -1 : 1;
  return 0;
};

const subsets = <T>(xs: readonly T[]): T[][] => xs.reduce<T[][]>((acc, x) => [...acc, ...acc.map((s) => [...s, x])], [[]]);

function bruteForce(input: PricingInput): { best: PricingResult; plans: number } {
  const base = evaluatePlan(input, { exclusiveActivityId: null, couponIds: [] });
  const leaders = exclusiveLeaders(input, base);
  for (const a of input.activities ?? []) {
    if (a.stacking !== 'exclusive' || leaders.includes(a.id)) continue;
    const e = (() => {
      try {
        evaluatePlan(input, { exclusiveActivityId: a.id, couponIds: [] });
        return null;
      } catch (x) {
        return x;
      }
    })();
    expect(isDomainError(e) && e.code === 'PRICING.PLAN_NOT_ALLOWED', `activity ${a.id} cannot lead a plan`).toBe(true);
  }
  let best: PricingResult | null = null;
  let plans = 0;
  for (const exclusive of [null, ...leaders]) {
    const noCoupons = evaluatePlan(input, { exclusiveActivityId: exclusive, couponIds: [] });
    const after = new Map(noCoupons.lines.map((l) => [l.lineId, fen(l.activityPriceAmount) - l.discounts.reduce((s, d) => s + fen(d.amount), 0n)]));
    for (const cs of subsets(input.coupons ?? [])) {
      const allowed = cs.every((c) => couponUsable(c, input, after)) && slotsAllowed(cs);
      let r: PricingResult | null = null;
      try {
        r = evaluatePlan(input, { exclusiveActivityId: exclusive, couponIds: cs.map((c) => c.id) });
      } catch (e) {
        if (!isDomainError(e) || e.code !== 'PRICING.PLAN_NOT_ALLOWED') throw e;
      }
      expect(r !== null, `plan ${exclusive} + [${cs.map((c) => c.id)}] allowed by the reference rule`).toBe(allowed);
      if (r === null) continue;
      plans++;
      if (best === null || cmp(rankOf(r, input), rankOf(best, input)) < 0) best = r;
    }
  }
  return { best: best!, plans };
}

describe('PRM-4 plan search against brute force (≤ 6 activities, ≤ 4 coupons)', () => {
  it('two exclusive activities that both give nothing are not tied: the smaller id wins, whatever order they are tried in (a counterexample CI found)', () => {
    const input = {
      now: new Date('2025-06-18T12:00:00.000Z'),
      member: { memberId: 'm1', level: 'VIP2', isNew: true, channel: 'app' },
      lines: [
        {
          lineId: 'l55',
          skuId: 's3',
          productId: 'p2',
          categoryIds: ['c0', 'c2'],
          brandId: 'b1',
          shopId: 'shop-a',
          selfRun: false,
          tags: ['new', 'hot'],
          quantity: 1,
          unitPrice: '0.04',
        },
        {
          lineId: 'l94',
          skuId: 's1',
          productId: 'p1',
          categoryIds: ['c0', 'c1'],
          brandId: 'b1',
          shopId: 'shop-b',
          selfRun: true,
          tags: ['hot'],
          quantity: 1,
          unitPrice: '0.07',
        },
      ],
      activities: [
        {
          id: 'a00',
          priority: 0,
          stacking: 'shared',
          scope: { kind: 'skus', ids: ['s4'] },
          kind: 'bundle',
          items: [{ skuId: 's1', quantity: 1 }],
          price: '0.01',
        },
        {
          id: 'a71',
          priority: 0,
          stacking: 'exclusive',
          scope: { kind: 'all' },
          kind: 'add_on',
          threshold: '0.00',
          items: [{ skuId: 's1', price: '0.07', maxQuantity: 1 }],
        },
        {
          id: 'a42',
          priority: 0,
          stacking: 'shared',
          scope: { kind: 'shops', ids: ['shop-b'] },
          kind: 'full_reduction',
          rule: { mode: 'tiered', tiers: [{ threshold: '0.01', off: '0.01' }] },
          audience: { kind: 'new_members' },
          channels: ['app', 'h5'],
        },
        { id: 'a13', priority: 0, stacking: 'exclusive', scope: { kind: 'all' }, kind: 'full_discount', tiers: [{ threshold: '0.00', percentOff: '1' }] },
      ],
      coupons: [
        {
          id: 'c00',
          issuer: { kind: 'platform' },
          scope: { kind: 'platform' },
          stacking: 'shared',
          priority: 0,
          validFrom: new Date('2025-06-01T00:00:00.000Z'),
          validUntil: new Date('2025-07-01T00:00:00.000Z'),
          kind: 'cash',
          amount: '0.01',
        },
        {
          id: 'c31',
          issuer: { kind: 'platform' },
          scope: { kind: 'platform' },
          stacking: 'shared',
          priority: 0,
          validFrom: new Date('2025-06-01T00:00:00.000Z'),
          validUntil: new Date('2025-07-01T00:00:00.000Z'),
          channels: ['app', 'pc'],
          kind: 'cash',
          amount: '0.11',
        },
      ],
      freight: '0.07',
      points: { balance: 19111, use: 4, ratio: { points: 1, amount: '1.00' }, maxPercent: '33.3' },
    } as unknown as PricingInput;
    const engine = priceOrder(input);
    expect(engine.plan).toEqual(bruteForce(input).best.plan);
    expect(engine.plan.exclusiveActivityId).toBe('a13');
    expect(priceOrder({ ...input, activities: [...(input.activities ?? [])].reverse() }).plan).toEqual(engine.plan);
  });

  it('the engine’s plan is allowed and at least as good for the shopper as every allowed plan — in fact the first by the PRM-4 ranking', () => {
    const seen = { plans: 0, richRuns: 0, exclusiveChosen: 0, twoCouponsOrMore: 0 };
    fc.assert(
      fc.property(pricingInputArb({ maxLines: 5, maxActivities: 6, maxCoupons: 4, minCoupons: 2 }), (input) => {
        const engine = priceOrder(input);
        const { best, plans } = bruteForce(input);
        seen.plans += plans;
        if (plans >= 4) seen.richRuns++;
        if (engine.plan.exclusiveActivityId !== null) seen.exclusiveChosen++;
        if (engine.plan.couponIds.length >= 2) seen.twoCouponsOrMore++;
        const e = rankOf(engine, input);
        expect(e[0]).toBeLessThanOrEqual(rankOf(best, input)[0]); // lowest payable before points
        expect(cmp(e, rankOf(best, input))).toBe(0); // and the same tie-breaks
        expect(JSON.stringify(evaluatePlan(input, engine.plan))).toBe(JSON.stringify(engine));
        expect(engine.plan).toEqual(best.plan);
      }),
      { numRuns: 1000 },
    );
    // the generator must reach the hard cases: many allowed plans, exclusive leaders and coupon combinations
    expect(seen.plans).toBeGreaterThan(2500);
    expect(seen.richRuns).toBeGreaterThan(250);
    expect(seen.exclusiveChosen).toBeGreaterThan(50);
    expect(seen.twoCouponsOrMore).toBeGreaterThan(100);
  }, 300_000);

  it('coupon-heavy orders: many coupons of every slot on few lines (the search’s clamps and ties)', () => {
    fc.assert(
      fc.property(pricingInputArb({ maxLines: 3, maxActivities: 2, maxCoupons: 4 }), (input) => {
        const engine = priceOrder(input);
        const { best } = bruteForce(input);
        expect(cmp(rankOf(engine, input), rankOf(best, input))).toBe(0);
      }),
      { numRuns: 1000 },
    );
  }, 300_000);
});
