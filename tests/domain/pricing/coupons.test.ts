import { describe, expect, it } from 'vitest';
import type { Activity } from '../../../domain/pricing/activity.js';
import { recommendCoupon } from '../../../domain/pricing/coupon.js';
import { evaluatePlan, priceOrder } from '../../../domain/pricing/engine.js';
import { domainErrorOf } from '../../support/mothers.js';
import { AFTER, BEFORE, coupon, line, lineOf, NOW, order, text } from './pricing-mothers.js';

const option = (r: ReturnType<typeof priceOrder>, id: string) => r.couponOptions.find((o) => o.couponId === id)!;

describe('coupon kinds', () => {
  it('cash: 10.00 off 100.00', () => {
    const r = priceOrder(order([line('a', '100.00')], [], [coupon('c', { kind: 'cash', amount: '10.00' })]));
    expect(text(r.totals.couponDiscount)).toBe('10.00');
    expect(text(r.totals.payable)).toBe('90.00');
    expect(r.coupons.map((c) => c.id)).toEqual(['c']);
  });

  it('cash larger than the payable: deducts what is there (never below zero) and flags a warning (CPN-1)', () => {
    const r = priceOrder(order([line('a', '100.00')], [], [coupon('c', { kind: 'cash', amount: '150.00' })]));
    expect(text(r.totals.payable)).toBe('0.00');
    expect(option(r, 'c').exceedsPayable).toBe(true);
    expect(text(option(r, 'c').deduction)).toBe('100.00');
  });

  it('threshold: judged on the scope’s lines after activities (PRM-3): 210 − 30 = 180 < 200, not usable', () => {
    const fr: Activity = { id: 'fr', kind: 'full_reduction', rule: { mode: 'tiered', tiers: [{ threshold: '200.00', off: '30.00' }] } };
    const r = priceOrder(order([line('a', '210.00')], [fr], [coupon('c', { kind: 'threshold', threshold: '200.00', amount: '20.00' })]));
    expect(text(r.totals.couponDiscount)).toBe('0.00');
    expect(option(r, 'c').rejection).toBe('BELOW_THRESHOLD');
    expect(r.unmetThresholds.map((u) => u.message)).toEqual(['add 20.00 more to use coupon c (20.00 off)']);
  });

  it('discount: 15 % off with a cap of 20: 100 → 15.00; 200 → 30 capped to 20.00; 33.33 → 4.9995 → 5.00', () => {
    const c = coupon('c', { kind: 'discount', percentOff: '15', cap: '20.00' });
    expect(text(priceOrder(order([line('a', '100.00')], [], [c])).totals.couponDiscount)).toBe('15.00');
    expect(text(priceOrder(order([line('a', '200.00')], [], [c])).totals.couponDiscount)).toBe('20.00');
    expect(text(priceOrder(order([line('a', '33.33')], [], [c])).totals.couponDiscount)).toBe('5.00');
  });

  it('random amount: the amount drawn at claim is just an amount here', () => {
    const r = priceOrder(order([line('a', '100.00')], [], [coupon('c', { kind: 'random', amount: '6.66' })]));
    expect(text(r.totals.payable)).toBe('93.34');
  });

  it('shipping: deducts from the freight only, after everything else, up to its amount', () => {
    const up10 = coupon('s', { kind: 'shipping', amount: '10.00' });
    const r = priceOrder(order([line('a', '80.00')], [], [up10], { freight: '12.00' }));
    expect(text(r.totals.freightDeduction)).toBe('10.00');
    expect(text(r.totals.couponDiscount)).toBe('0.00');
    expect(text(r.totals.payable)).toBe('82.00'); // 80 + 12 − 10
    const all = priceOrder(order([line('a', '80.00')], [], [coupon('s', { kind: 'shipping' })], { freight: '12.00' }));
    expect(text(all.totals.payable)).toBe('80.00');
    const notFree = priceOrder(order([line('a', '80.00')], [], [coupon('s', { kind: 'shipping', threshold: '99.00' })], { freight: '12.00' }));
    expect(option(notFree, 's').rejection).toBe('BELOW_THRESHOLD');
    const noFreight = priceOrder(order([line('a', '80.00')], [], [up10]));
    expect(option(noFreight, 's').rejection).toBe('NO_FREIGHT');
  });
});

describe('coupon scope and validity (CPN-1)', () => {
  const cart = [
    line('a', '50.00', 1, { categoryIds: ['c-root', 'c-tea'], brandId: 'b1', selfRun: true }),
    line('b', '30.00', 1, { shopId: 'shop-b', categoryIds: ['c-root', 'c-cup'] }),
  ];
  const off = (fields: Parameters<typeof coupon>[1]) => text(priceOrder(order(cart, [], [coupon('c', fields)])).totals.couponDiscount);

  it('each scope kind covers its lines only; a discount coupon takes its rate of those lines', () => {
    const ten = { kind: 'discount', percentOff: '10' } as const;
    expect(off({ ...ten, scope: { kind: 'platform' } })).toBe('8.00');
    expect(off({ ...ten, scope: { kind: 'self_run' } })).toBe('5.00');
    expect(off({ ...ten, scope: { kind: 'category', ids: ['c-cup'] } })).toBe('3.00');
    expect(off({ ...ten, scope: { kind: 'category', ids: ['c-root'] } })).toBe('8.00');
    expect(off({ ...ten, scope: { kind: 'brand', ids: ['b1'] } })).toBe('5.00');
    expect(off({ ...ten, scope: { kind: 'sku', ids: ['sku-b'] } })).toBe('3.00');
    expect(off({ ...ten, scope: { kind: 'product', ids: ['spu-a'] } })).toBe('5.00');
    expect(off({ ...ten, scope: { kind: 'shop', ids: ['shop-b'] } })).toBe('3.00');
    expect(off({ ...ten, issuer: { kind: 'shop', shopId: 'shop-b' }, scope: { kind: 'category', ids: ['c-root'] } })).toBe('3.00');
  });

  it('out of scope, not started, expired, wrong channel: not usable, with the reason', () => {
    const r = priceOrder(
      order(
        cart,
        [],
        [
          coupon('scope', { kind: 'cash', amount: '1.00', scope: { kind: 'brand', ids: ['b9'] } }),
          coupon('early', { kind: 'cash', amount: '1.00', validFrom: AFTER, validUntil: new Date('2025-08-01') }),
          coupon('late', { kind: 'cash', amount: '1.00', validFrom: BEFORE, validUntil: NOW }),
          coupon('pc', { kind: 'cash', amount: '1.00', channels: ['pc'] }),
        ],
      ),
    );
    expect(r.couponOptions.map((o) => [o.couponId, o.rejection])).toEqual([
      ['early', 'NOT_STARTED'],
      ['late', 'EXPIRED'],
      ['pc', 'WRONG_CHANNEL'],
      ['scope', 'OUT_OF_SCOPE'],
    ]);
    expect(text(r.totals.couponDiscount)).toBe('0.00');
  });

  it('recommendation: the one that deducts most; on a tie the narrower scope', () => {
    const r = priceOrder(
      order(
        cart,
        [],
        [
          coupon('wide', { kind: 'cash', amount: '5.00' }),
          coupon('narrow', { kind: 'cash', amount: '5.00', scope: { kind: 'sku', ids: ['sku-a'] } }),
          coupon('small', { kind: 'cash', amount: '4.00', scope: { kind: 'sku', ids: ['sku-a'] } }),
        ],
      ),
    );
    expect(r.recommendedCouponId).toBe('narrow');
    expect(recommendCoupon([])).toBeNull();
    expect(
      recommendCoupon([
        { couponId: 'x', deduction: 500n, scopeRank: 6, priority: 0 },
        { couponId: 'y', deduction: 600n, scopeRank: 6, priority: 0 },
      ]),
    ).toBe('y');
  });
});

describe('coupon combinations (PRM-4, CPN-1)', () => {
  const shopA = { kind: 'shop', shopId: 'shop-a' } as const;
  const shopB = { kind: 'shop', shopId: 'shop-b' } as const;
  const cart = [line('a', '100.00'), line('b', '100.00', 1, { shopId: 'shop-b' })];

  it('one platform coupon and one shop coupon per shop combine; of two coupons of one shop only the better is used', () => {
    const r = priceOrder(
      order(
        cart,
        [],
        [
          coupon('p1', { kind: 'cash', amount: '10.00' }),
          coupon('p2', { kind: 'cash', amount: '8.00' }),
          coupon('a1', { kind: 'cash', amount: '5.00', issuer: shopA, scope: { kind: 'shop', ids: ['shop-a'] } }),
          coupon('a2', { kind: 'cash', amount: '7.00', issuer: shopA, scope: { kind: 'shop', ids: ['shop-a'] } }),
          coupon('b1', { kind: 'cash', amount: '3.00', issuer: shopB, scope: { kind: 'shop', ids: ['shop-b'] } }),
        ],
      ),
    );
    expect(r.plan.couponIds).toEqual(['a2', 'b1', 'p1']);
    expect(text(r.totals.couponDiscount)).toBe('20.00');
    expect(r.recommendedCouponId).toBe('p1');
  });

  it('the platform coupon applies first; a shop coupon takes at most what is left of its lines', () => {
    // p: 80 on line a; then a's shop coupon 50 meets the 20 left
    const r = priceOrder(
      order(
        [line('a', '100.00')],
        [],
        [
          coupon('p', { kind: 'cash', amount: '80.00' }),
          coupon('s', { kind: 'cash', amount: '50.00', issuer: shopA, scope: { kind: 'shop', ids: ['shop-a'] } }),
        ],
      ),
    );
    expect(text(r.totals.payable)).toBe('0.00');
    expect(r.coupons.map((c) => [c.id, text(c.deduction)])).toEqual([
      ['p', '80.00'],
      ['s', '20.00'],
    ]);
  });

  it('the shop coupon is chosen given the platform coupon: after p takes line x, the coupon on line y is better', () => {
    // alone: sx deducts 30, sy 25. With p (30 on x): sx can take only 40 − 30 = 10; sy still 25 → p + sy = 55 beats p + sx = 40.
    const lines = [line('x', '40.00'), line('y', '40.00')];
    const r = priceOrder(
      order(
        lines,
        [],
        [
          coupon('p', { kind: 'cash', amount: '30.00', scope: { kind: 'sku', ids: ['sku-x'] } }),
          coupon('sx', { kind: 'cash', amount: '30.00', issuer: shopA, scope: { kind: 'sku', ids: ['sku-x'] } }),
          coupon('sy', { kind: 'cash', amount: '25.00', issuer: shopA, scope: { kind: 'sku', ids: ['sku-y'] } }),
        ],
      ),
    );
    expect(r.plan.couponIds).toEqual(['p', 'sy']);
    expect(text(r.totals.payable)).toBe('25.00');
  });

  it('an exclusive coupon is used alone — when it beats every combination', () => {
    const coupons = [
      coupon('p', { kind: 'cash', amount: '10.00' }),
      coupon('s', { kind: 'cash', amount: '10.00', issuer: shopA, scope: { kind: 'shop', ids: ['shop-a'] } }),
      coupon('x', { kind: 'cash', amount: '25.00', stacking: 'exclusive' }),
    ];
    expect(priceOrder(order(cart, [], coupons)).plan.couponIds).toEqual(['x']);
    expect(priceOrder(order(cart, [], [...coupons.slice(0, 2), coupon('x', { kind: 'cash', amount: '15.00', stacking: 'exclusive' })])).plan.couponIds).toEqual(
      ['p', 's'],
    );
  });

  it('evaluatePlan refuses combinations outside the rule: two platform coupons, exclusive with another, unusable', () => {
    const input = order(
      cart,
      [],
      [
        coupon('p1', { kind: 'cash', amount: '10.00' }),
        coupon('p2', { kind: 'cash', amount: '8.00' }),
        coupon('x', { kind: 'cash', amount: '15.00', stacking: 'exclusive', issuer: shopA, scope: { kind: 'shop', ids: ['shop-a'] } }),
        coupon('t', { kind: 'threshold', threshold: '500.00', amount: '50.00' }),
      ],
    );
    const reason = (ids: string[]) => domainErrorOf(() => evaluatePlan(input, { exclusiveActivityId: null, couponIds: ids })).details.reason;
    expect(reason(['p1', 'p2'])).toBe('SLOT_TAKEN');
    expect(reason(['p1', 'x'])).toBe('EXCLUSIVE_COUPON_NOT_ALONE');
    expect(reason(['t'])).toBe('COUPON_NOT_USABLE');
    expect(reason(['nope'])).toBe('UNKNOWN_COUPON');
    expect(text(evaluatePlan(input, { exclusiveActivityId: null, couponIds: ['p2'] }).totals.payable)).toBe('192.00');
  });

  it('coupon shares are allocated over the scope lines in proportion to what is left of them (ORD-4)', () => {
    // 10.00 over [100.00, 50.00]: 666.6… and 333.3… → 667, 333
    const r = priceOrder(order([line('a', '100.00'), line('b', '50.00')], [], [coupon('c', { kind: 'cash', amount: '10.00' })]));
    expect(lineOf(r, 'a').shares).toEqual({ c: '6.67' });
    expect(lineOf(r, 'b').shares).toEqual({ c: '3.33' });
  });
});

describe('points (PRM-3 step 5)', () => {
  const pts = (balance: number, more: object = {}) => ({ balance, ratio: { points: 100, amount: '1.00' }, maxPercent: '50', ...more });

  it('100 points = 1.00, at most 50 % of the goods payable after coupons', () => {
    const r = priceOrder(order([line('a', '100.00')], [], [coupon('c', { kind: 'cash', amount: '20.00' })], { points: pts(100000) }));
    expect(r.totals.pointsUsed).toBe(4000); // 50 % of 80.00
    expect(text(r.totals.pointsAmount)).toBe('40.00');
    expect(text(r.totals.payable)).toBe('40.00');
  });

  it('the balance and the requested points bound it too', () => {
    expect(priceOrder(order([line('a', '100.00')], [], [], { points: pts(1234) })).totals.pointsUsed).toBe(1234);
    expect(priceOrder(order([line('a', '100.00')], [], [], { points: pts(1234, { use: 500 }) })).totals.pointsUsed).toBe(500);
  });

  it('whole steps only: 10 points = 0.25 → steps of 2 points = 0.05; a balance of 7 spends 6 points = 0.15', () => {
    const r = priceOrder(order([line('a', '100.00')], [], [], { points: { balance: 7, ratio: { points: 10, amount: '0.25' }, maxPercent: '100' } }));
    expect(r.totals.pointsUsed).toBe(6);
    expect(text(r.totals.pointsAmount)).toBe('0.15');
  });

  it('points are shared over the lines by what they still cost', () => {
    // 30.00 over [90.00, 30.00] → 22.50, 7.50
    const r = priceOrder(order([line('a', '90.00'), line('b', '30.00')], [], [], { points: pts(3000) }));
    expect(text(lineOf(r, 'a').pointsAmount)).toBe('22.50');
    expect(text(lineOf(r, 'b').pointsAmount)).toBe('7.50');
  });
});
