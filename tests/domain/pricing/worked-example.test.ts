import { beforeEach, describe, expect, it } from 'vitest';
import type { Activity } from '../../../domain/pricing/activity.js';
import { priceOrder } from '../../../domain/pricing/engine.js';
import type { PricingResult } from '../../../domain/pricing/result.js';
import { coupon, line, lineOf, order, text } from './pricing-mothers.js';

// The worked example of docs/contexts/promotion.md. Every figure was worked out by hand (the
// allocations by largest remainder in the comments) and this test keeps the page true.

const lines = [line('L1', '128.00', 2, { skuId: 'TEA' }), line('L2', '45.00', 3, { skuId: 'CUP' }), line('L3', '29.90', 1, { skuId: 'BOX' })];
const activities: Activity[] = [
  { id: 'si', kind: 'single_item', prices: [{ skuId: 'TEA', price: '118.00' }] },
  { id: 'mb', kind: 'multi_buy', scope: { kind: 'skus', ids: ['CUP'] }, rule: { mode: 'n_for_price', count: 3, price: '120.00' } },
  {
    id: 'fr',
    kind: 'full_reduction',
    scope: { kind: 'skus', ids: ['TEA', 'CUP'] },
    rule: {
      mode: 'tiered',
      tiers: [
        { threshold: '300.00', off: '30.00' },
        { threshold: '500.00', off: '60.00' },
      ],
    },
  },
  { id: 'ad', kind: 'add_on', scope: { kind: 'skus', ids: ['TEA', 'CUP'] }, threshold: '300.00', items: [{ skuId: 'BOX', price: '9.90', maxQuantity: 1 }] },
];
const shopA = { kind: 'shop', shopId: 'shop-a' } as const;
const coupons = [
  coupon('p', { kind: 'discount', percentOff: '10', cap: '15.00', threshold: '200.00' }),
  coupon('s', { kind: 'threshold', threshold: '300.00', amount: '20.00', issuer: shopA, scope: { kind: 'shop', ids: ['shop-a'] } }),
  coupon('s2', { kind: 'cash', amount: '10.00', issuer: shopA, scope: { kind: 'shop', ids: ['shop-a'] } }),
  coupon('f', { kind: 'shipping', amount: '8.00' }),
];
const input = order(lines, activities, coupons, {
  freight: '10.00',
  points: { balance: 5000, ratio: { points: 100, amount: '1.00' }, maxPercent: '10' },
});

describe('worked example (docs/contexts/promotion.md)', () => {
  // Priced in each test, not when the file is collected: mutation testing (decision 0027) attributes the
  // engine's code to the tests that run it.
  let r: PricingResult;
  beforeEach(() => {
    r = priceOrder(input);
  });

  it('steps 1–2: subtotal 420.90; TEA at 118.00 → 20.00 off', () => {
    expect(text(r.totals.subtotal)).toBe('420.90');
    expect(text(lineOf(r, 'L1').activityPriceAmount)).toBe('236.00');
    expect(text(r.totals.itemPriceDiscount)).toBe('20.00');
  });

  it('step 3: 3 cups for 120.00 (15.00 off), then 356.00 ≥ 300 → 30.00 off (19.89 + 10.11), then the box at 9.90 (20.00 off)', () => {
    // fr: 3000 fen over [23600, 12000]: 1988.76… and 1011.23… → 1989, 1011
    expect(lineOf(r, 'L1').shares).toMatchObject({ fr: '19.89' });
    expect(lineOf(r, 'L2').shares).toMatchObject({ mb: '15.00', fr: '10.11' });
    // ad: the threshold sees TEA and CUP after fr: 216.11 + 109.89 = 326.00 ≥ 300; the box line itself does not count
    expect(lineOf(r, 'L3').shares).toMatchObject({ ad: '20.00' });
    expect(text(r.totals.activityDiscount)).toBe('65.00');
  });

  it('step 4: platform 10 % of 335.90 capped at 15.00 first, then the shop’s 20.00 (not its 10.00), over what is left', () => {
    // p: 1500 over [21611, 10989, 990] → 965.04…, 490.72…, 44.20… → 965, 491, 44
    // s: 2000 over [20646, 10498, 946] → 1286.75…, 654.28…, 58.95… → 1287, 654, 59
    expect(r.plan.couponIds).toEqual(['f', 'p', 's']);
    expect(lineOf(r, 'L1').shares).toMatchObject({ p: '9.65', s: '12.87' });
    expect(lineOf(r, 'L2').shares).toMatchObject({ p: '4.91', s: '6.54' });
    expect(lineOf(r, 'L3').shares).toMatchObject({ p: '0.44', s: '0.59' });
    expect(text(r.totals.couponDiscount)).toBe('35.00');
    expect(text(r.totals.goodsPayable)).toBe('300.90');
    expect(r.recommendedCouponId).toBe('s'); // CPN-1 alone: p 15.00, s 20.00, s2 10.00, f 8.00
  });

  it('step 5: 10 % of 300.90 = 30.09 → 3,009 points, shared 19.36 + 9.84 + 0.89', () => {
    // 3009 over [19359, 9844, 887]: 1935.9, 984.4, 88.7 → 1936, 984, 89
    expect(r.totals.pointsUsed).toBe(3009);
    expect(text(r.totals.pointsAmount)).toBe('30.09');
    expect(r.lines.map((l) => text(l.pointsAmount))).toEqual(['19.36', '9.84', '0.89']);
  });

  it('step 6 and the total: freight 10.00 − 8.00; payable 272.81; lines 174.23 + 88.60 + 7.98', () => {
    expect(text(r.totals.freightDeduction)).toBe('8.00');
    expect(text(r.totals.payable)).toBe('272.81');
    expect(r.lines.map((l) => text(l.payable))).toEqual(['174.23', '88.60', '7.98']);
  });

  it('what is left to reach: 144.00 more for 60.00 off; 3 more cups for the next group', () => {
    expect(r.unmetThresholds.map((u) => `${u.id}: ${u.message}`)).toEqual(['fr: add 144.00 more for 60.00 off', 'mb: add 3 more items for 3 for 120.00']);
  });
});
