/**
 * fast-check arbitraries for the pricing engine: small orders over a few SKUs, categories, brands and
 * two shops, so that scopes overlap often; valid rules of every kind (tiers ascending, benefits never
 * falling) and coupons of every kind, some out of time, channel or scope. Amounts come from integer
 * cents, never from floats.
 */
import fc from 'fast-check';
import type { Activity, GiftChoiceInput } from '../../../domain/pricing/activity.js';
import type { PricingInput } from '../../../domain/pricing/context.js';
import type { MemberCoupon } from '../../../domain/pricing/coupon.js';
import type { PricingLineInput } from '../../../domain/pricing/line.js';
import type { ActivityScope, Audience, Channel } from '../../../domain/pricing/scope.js';
import { formatUnits } from '../../support/arbitraries.js';
import { AFTER, BEFORE, NOW } from './pricing-mothers.js';

export const SKUS = ['s1', 's2', 's3', 's4'] as const;
const PRODUCT: Record<string, string> = { s1: 'p1', s2: 'p1', s3: 'p2', s4: 'p3' };
const CATEGORIES: Record<string, string[]> = { s1: ['c0', 'c1'], s2: ['c0', 'c1'], s3: ['c0', 'c2'], s4: ['c3'] };
const BRAND: Record<string, string | undefined> = { s1: 'b1', s2: 'b2', s3: 'b1', s4: undefined };
export const SHOPS = ['shop-a', 'shop-b'] as const;

const amount = (min: number, max: number): fc.Arbitrary<string> =>
  fc
    .oneof({ arbitrary: fc.integer({ min, max }), weight: 4 }, { arbitrary: fc.integer({ min, max: Math.min(max, min + 300) }), weight: 1 })
    .map((c) => formatUnits(BigInt(c), 2));
const percent: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 1, max: 100 }).map(String),
  fc.integer({ min: 1, max: 999 }).map((n) => formatUnits(BigInt(n), 1)),
);
const cents = (s: string): number => Number(BigInt(s.replace('.', ''))); // "12.34" → 1234, exactly
const sub = <T>(xs: readonly T[]) => fc.subarray([...xs], { minLength: 1 });

export const lineArb: fc.Arbitrary<Omit<PricingLineInput, 'lineId'>> = fc
  .record({
    sku: fc.constantFrom(...SKUS),
    shopId: fc.constantFrom(...SHOPS),
    selfRun: fc.boolean(),
    tags: fc.subarray(['new', 'hot']),
    quantity: fc.oneof({ arbitrary: fc.integer({ min: 1, max: 4 }), weight: 6 }, { arbitrary: fc.integer({ min: 1, max: 1000 }), weight: 1 }),
    unitPrice: fc.oneof({ arbitrary: amount(0, 30_000), weight: 6 }, { arbitrary: fc.constantFrom('0.00', '0.01', '0.03'), weight: 1 }),
  })
  .map((l) => ({
    skuId: l.sku,
    productId: PRODUCT[l.sku]!,
    categoryIds: CATEGORIES[l.sku]!,
    ...(BRAND[l.sku] ? { brandId: BRAND[l.sku] } : {}),
    shopId: l.shopId,
    selfRun: l.selfRun,
    tags: l.tags,
    quantity: l.quantity,
    unitPrice: l.unitPrice,
  }));

/** 1..maxLines lines with unique ids that are not in input order. */
export const linesArb = (maxLines: number): fc.Arbitrary<PricingLineInput[]> =>
  fc
    .tuple(
      fc.array(lineArb, { minLength: 1, maxLength: maxLines }),
      fc.uniqueArray(fc.integer({ min: 0, max: 99 }), { minLength: maxLines, maxLength: maxLines }),
    )
    .map(([ls, ids]) => ls.map((l, i) => ({ lineId: `l${ids[i]}`, ...l })));

const scopeArb: fc.Arbitrary<ActivityScope> = fc.oneof(
  { arbitrary: fc.constant({ kind: 'all' } as const), weight: 4 },
  { arbitrary: sub(SKUS).map((ids) => ({ kind: 'skus', ids }) as const), weight: 2 },
  { arbitrary: sub(['c0', 'c1', 'c2', 'c3']).map((ids) => ({ kind: 'categories', ids }) as const), weight: 1 },
  { arbitrary: sub(['b1', 'b2']).map((ids) => ({ kind: 'brands', ids }) as const), weight: 1 },
  { arbitrary: sub(SHOPS).map((ids) => ({ kind: 'shops', ids }) as const), weight: 1 },
  { arbitrary: fc.constant({ kind: 'tags', ids: ['new'] } as const), weight: 1 },
);
const audienceArb: fc.Arbitrary<Audience | undefined> = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 6 },
  { arbitrary: fc.constant({ kind: 'new_members' } as const), weight: 1 },
  { arbitrary: fc.constant({ kind: 'levels', levels: ['VIP1'] } as const), weight: 1 },
  { arbitrary: fc.constant({ kind: 'members', memberIds: ['m1'] } as const), weight: 1 },
);
const channelsArb: fc.Arbitrary<Channel[] | undefined> = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 5 },
  { arbitrary: sub(['app', 'pc', 'h5'] as Channel[]), weight: 1 },
);
const windowArb = fc.oneof(
  { arbitrary: fc.constant({}), weight: 6 },
  { arbitrary: fc.constant({ startsAt: BEFORE, endsAt: NOW }), weight: 1 },
  { arbitrary: fc.constant({ startsAt: NOW, endsAt: AFTER }), weight: 1 },
);

/** n ascending distinct amounts in [min, max] cents. */
const ascending = (n: number, min: number, max: number) =>
  fc.uniqueArray(fc.integer({ min, max }), { minLength: n, maxLength: n }).map((xs) => xs.sort((a, b) => a - b));
/** benefits never falling: a running maximum. */
const runningMax = (xs: number[]) => xs.map((x, i) => Math.max(x, ...xs.slice(0, i)));

const ruleArb: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('single_item', 'flash_sale', 'group_buy'),
    prices: fc.uniqueArray(fc.record({ skuId: fc.constantFrom(...SKUS), price: amount(0, 30_000) }), { minLength: 1, maxLength: 4, selector: (p) => p.skuId }),
  }),
  fc.record({ kind: fc.constant('single_item'), percentOff: percent }),
  fc.integer({ min: 1, max: 3 }).chain((n) =>
    fc.tuple(ascending(n, 1, 60_000), fc.array(fc.integer({ min: 1, max: 100 }), { minLength: n, maxLength: n })).map(([ts, fs]) => {
      // off = a percentage of the threshold, at least 1 fen; never falling from tier to tier
      const offs = runningMax(ts.map((t, i) => Math.max(1, Math.floor((t * fs[i]!) / 100))));
      return {
        kind: 'full_reduction',
        rule: { mode: 'tiered', tiers: ts.map((t, i) => ({ threshold: formatUnits(BigInt(t), 2), off: formatUnits(BigInt(offs[i]!), 2) })) },
      };
    }),
  ),
  fc
    .record({ every: fc.integer({ min: 1, max: 20_000 }), f: fc.integer({ min: 1, max: 100 }), capTimes: fc.option(fc.integer({ min: 1, max: 5 })) })
    .map(({ every, f, capTimes }) => {
      const off = Math.max(1, Math.floor((every * f) / 100));
      return {
        kind: 'full_reduction',
        rule: {
          mode: 'per_every',
          every: formatUnits(BigInt(every), 2),
          off: formatUnits(BigInt(off), 2),
          ...(capTimes === null ? {} : { cap: formatUnits(BigInt(off * capTimes), 2) }),
        },
      };
    }),
  fc.integer({ min: 1, max: 3 }).chain((n) =>
    fc
      .tuple(
        ascending(n, 0, 60_000),
        fc.array(fc.integer({ min: 1, max: 100 }), { minLength: n, maxLength: n }),
        fc.array(fc.option(amount(1, 20_000)), { minLength: n, maxLength: n }),
      )
      .map(([ts, ps, caps]) => ({
        kind: 'full_discount',
        tiers: ts.map((t, i) => ({
          threshold: formatUnits(BigInt(t), 2),
          percentOff: String(runningMax(ps)[i]),
          ...(caps[i] === null ? {} : { cap: caps[i] }),
        })),
      })),
  ),
  fc.record({
    kind: fc.constant('multi_buy'),
    rule: fc.record({ mode: fc.constant('n_for_price'), count: fc.integer({ min: 2, max: 4 }), price: amount(1, 40_000) }),
  }),
  fc.integer({ min: 1, max: 3 }).chain((n) =>
    fc.tuple(ascending(n, 1, 6), fc.array(fc.integer({ min: 1, max: 100 }), { minLength: n, maxLength: n })).map(([cs, ps]) => ({
      kind: 'multi_buy',
      rule: { mode: 'n_at_percent_off', tiers: cs.map((c, i) => ({ count: c, percentOff: String(runningMax(ps)[i]) })) },
    })),
  ),
  fc.record({
    kind: fc.constant('bundle'),
    items: fc.uniqueArray(fc.record({ skuId: fc.constantFrom(...SKUS), quantity: fc.integer({ min: 1, max: 2 }) }), {
      minLength: 1,
      maxLength: 2,
      selector: (i) => i.skuId,
    }),
    price: amount(1, 50_000),
  }),
  fc.record({
    kind: fc.constant('add_on'),
    threshold: amount(0, 40_000),
    items: fc.uniqueArray(fc.record({ skuId: fc.constantFrom(...SKUS), price: amount(0, 20_000), maxQuantity: fc.integer({ min: 1, max: 3 }) }), {
      minLength: 1,
      maxLength: 2,
      selector: (i) => i.skuId,
    }),
  }),
  fc
    .record({
      basis: fc.constantFrom('amount', 'quantity'),
      repeat: fc.boolean(),
      n: fc.integer({ min: 1, max: 2 }),
      tierGifts: fc.array(
        fc.uniqueArray(
          fc.record({
            skuId: fc.constantFrom('g1', 'g2', 'g3', 'g4'),
            quantity: fc.integer({ min: 1, max: 2 }),
            cap: fc.option(fc.integer({ min: 0, max: 3 })),
            stock: fc.integer({ min: 0, max: 5 }),
          }),
          { minLength: 1, maxLength: 3, selector: (g) => g.skuId },
        ),
        { minLength: 2, maxLength: 2 },
      ),
      picks: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 2, maxLength: 2 }),
      thresholds: ascending(2, 1, 40_000),
    })
    .map(({ basis, repeat, n, tierGifts, picks, thresholds }) => {
      const count = repeat ? 1 : n;
      return {
        kind: 'gift',
        basis,
        repeat,
        tiers: Array.from({ length: count }, (_, i) => {
          const gifts: GiftChoiceInput[] = tierGifts[i]!.map((g) => ({
            skuId: g.skuId,
            quantity: g.quantity,
            stock: g.stock,
            ...(g.cap === null ? {} : { cap: g.cap }),
          }));
          return {
            threshold: basis === 'amount' ? formatUnits(BigInt(thresholds[i]!), 2) : Math.max(1, Math.ceil(thresholds[i]! / 8000)) + i,
            pick: Math.min(picks[i]!, gifts.length),
            gifts,
          };
        }),
      };
    }),
);

export const activityArb = (id: string): fc.Arbitrary<Activity> =>
  fc
    .record({
      rule: ruleArb,
      priority: fc.integer({ min: 0, max: 3 }),
      stacking: fc.oneof({ arbitrary: fc.constant('shared' as const), weight: 2 }, { arbitrary: fc.constant('exclusive' as const), weight: 1 }),
      shopId: fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: fc.constantFrom(...SHOPS), weight: 1 }),
      scope: scopeArb,
      audience: audienceArb,
      channels: channelsArb,
      window: windowArb,
    })
    .map(({ rule, window, shopId, audience, channels, ...rest }) => ({
      id,
      ...rest,
      ...rule,
      ...window,
      ...(shopId ? { shopId } : {}),
      ...(audience ? { audience } : {}),
      ...(channels ? { channels } : {}),
    })) as fc.Arbitrary<Activity>;

export const couponArb = (id: string): fc.Arbitrary<MemberCoupon> =>
  fc
    .record({
      kind: fc.constantFrom('cash', 'threshold', 'discount', 'random', 'shipping'),
      issuerShop: fc.option(fc.constantFrom(...SHOPS), { freq: 2 }),
      scope: fc.oneof(
        { arbitrary: fc.constant({ kind: 'all' }), weight: 3 },
        { arbitrary: sub(SKUS).map((ids) => ({ kind: 'sku', ids })), weight: 1 },
        { arbitrary: sub(['p1', 'p2', 'p3']).map((ids) => ({ kind: 'product', ids })), weight: 1 },
        { arbitrary: sub(['c0', 'c1', 'c2', 'c3']).map((ids) => ({ kind: 'category', ids })), weight: 1 },
        { arbitrary: sub(['b1', 'b2']).map((ids) => ({ kind: 'brand', ids })), weight: 1 },
        { arbitrary: fc.constant({ kind: 'self_run' }), weight: 1 },
      ),
      amount: amount(1, 20_000),
      thresholdFactor: fc.option(fc.integer({ min: 1, max: 5 })),
      percentOff: percent,
      cap: fc.option(amount(1, 10_000)),
      stacking: fc.oneof({ arbitrary: fc.constant('shared' as const), weight: 3 }, { arbitrary: fc.constant('exclusive' as const), weight: 1 }),
      priority: fc.integer({ min: 0, max: 2 }),
      validity: fc.oneof(
        { arbitrary: fc.constant({ validFrom: BEFORE, validUntil: AFTER }), weight: 6 },
        { arbitrary: fc.constant({ validFrom: BEFORE, validUntil: NOW }), weight: 1 },
        { arbitrary: fc.constant({ validFrom: NOW, validUntil: AFTER }), weight: 1 },
      ),
      channels: channelsArb,
    })
    .map((c) => {
      const issuer = c.issuerShop ? ({ kind: 'shop', shopId: c.issuerShop } as const) : ({ kind: 'platform' } as const);
      let scope = c.scope as MemberCoupon['scope'] | { kind: 'all' };
      if (scope.kind === 'all') scope = c.issuerShop ? { kind: 'shop', ids: [c.issuerShop] } : { kind: 'platform' };
      if (c.issuerShop && scope.kind === 'self_run') scope = { kind: 'shop', ids: [c.issuerShop] };
      const threshold = c.thresholdFactor === null ? undefined : formatUnits(BigInt(cents(c.amount) * c.thresholdFactor), 2);
      const base = {
        id,
        issuer,
        scope: scope as MemberCoupon['scope'],
        stacking: c.stacking,
        priority: c.priority,
        ...c.validity,
        ...(c.channels ? { channels: c.channels } : {}),
      };
      switch (c.kind) {
        case 'cash':
          return { ...base, kind: 'cash', amount: c.amount };
        case 'threshold':
          return { ...base, kind: 'threshold', amount: c.amount, threshold: threshold ?? c.amount };
        case 'random':
          return { ...base, kind: 'random', amount: c.amount, ...(threshold ? { threshold } : {}) };
        case 'discount':
          return { ...base, kind: 'discount', percentOff: c.percentOff, ...(c.cap ? { cap: c.cap } : {}), ...(threshold ? { threshold } : {}) };
        case 'shipping':
          return { ...base, kind: 'shipping', ...(c.thresholdFactor === 1 ? {} : { amount: c.amount }), ...(threshold ? { threshold } : {}) };
      }
    }) as fc.Arbitrary<MemberCoupon>;

export interface OrderShape {
  readonly maxLines: number;
  readonly maxActivities: number;
  readonly maxCoupons: number;
  readonly minCoupons?: number;
}

export const pricingInputArb = ({ maxLines, maxActivities, maxCoupons, minCoupons = 0 }: OrderShape): fc.Arbitrary<PricingInput> =>
  fc
    .record({
      lines: linesArb(maxLines),
      nActivities: fc.integer({ min: 0, max: maxActivities }),
      nCoupons: fc.integer({ min: minCoupons, max: maxCoupons }),
      member: fc.record({
        memberId: fc.constantFrom('m1', 'm2'),
        level: fc.constantFrom('VIP1', 'VIP2'),
        isNew: fc.boolean(),
        channel: fc.constantFrom('app', 'pc') as fc.Arbitrary<Channel>,
      }),
      freight: fc.option(amount(0, 2_000)),
      points: fc.option(
        fc.record({
          balance: fc.integer({ min: 0, max: 20_000 }),
          use: fc.oneof(fc.constant('max' as const), fc.integer({ min: 0, max: 20_000 })),
          ratio: fc.constantFrom({ points: 100, amount: '1.00' }, { points: 10, amount: '0.25' }, { points: 3, amount: '0.01' }, { points: 1, amount: '1.00' }),
          maxPercent: fc.oneof(fc.integer({ min: 0, max: 100 }).map(String), fc.constant('33.3')),
        }),
      ),
    })
    .chain((s) =>
      fc
        .tuple(
          fc.tuple(...Array.from({ length: s.nActivities }, (_, i) => activityArb(`a${(i * 7) % 10}${i}`))),
          fc.tuple(...Array.from({ length: s.nCoupons }, (_, i) => couponArb(`c${(i * 3) % 5}${i}`))),
          // 限购: what the member may still take under some of the activities (units or orders).
          fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: s.nActivities }).map((xs) => xs.map((r) => (r === 4 ? null : r))),
        )
        .map(([activities, coupons, remaining]) => ({
          now: NOW,
          member: s.member,
          lines: s.lines,
          activities,
          coupons,
          ...(s.freight === null ? {} : { freight: s.freight }),
          ...(s.points === null ? {} : { points: s.points }),
          ...(remaining.some((r) => r !== null)
            ? { purchaseLimits: remaining.flatMap((r, i) => (r === null ? [] : [{ activityId: activities[i]!.id, remaining: r }])) }
            : {}),
        })),
    );

/** A deterministic shuffle (test-side): the same seed gives the same permutation. */
export function shuffle<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
