import { describe, expect, it } from 'vitest';
import { priceOrder } from '../../../domain/pricing/engine.js';
import type { Activity } from '../../../domain/pricing/activity.js';
import { AFTER, BEFORE, line, lineOf, NOW, order, text } from './pricing-mothers.js';

// Every expected figure below is worked out by hand in the comment beside it.

describe('full-discount 满折 with a cap (PRM-3)', () => {
  const capped: Activity = { id: 'fd', kind: 'full_discount', tiers: [{ threshold: '10000.00', percentOff: '20', cap: '1200.00' }] };

  it('spend 10,000 get 20 % off capped at 1,200 → pay 8,800, not 8,000', () => {
    const r = priceOrder(order([line('a', '10000.00')], [capped]));
    expect(text(r.totals.activityDiscount)).toBe('1200.00');
    expect(text(r.totals.payable)).toBe('8800.00');
    expect(r.activities[0]?.detail).toContain('capped');
  });

  it('without the cap the same tier takes 2,000', () => {
    const r = priceOrder(order([line('a', '10000.00')], [{ ...capped, tiers: [{ threshold: '10000.00', percentOff: '20' }] }]));
    expect(text(r.totals.payable)).toBe('8000.00');
  });

  it('one cent short: nothing off, and an unmet threshold "add 0.01 more for 20% off (up to 1200.00)"', () => {
    const r = priceOrder(order([line('a', '9999.99')], [capped]));
    expect(text(r.totals.payable)).toBe('9999.99');
    expect(r.unmetThresholds).toHaveLength(1);
    expect(text(r.unmetThresholds[0]!.missingAmount!)).toBe('0.01');
    expect(r.unmetThresholds[0]!.message).toBe('add 0.01 more for 20% off (up to 1200.00)');
  });

  it('rounds the rate once, half-up, then allocates: 12.45 × 10 % = 1.245 → 1.25, shares 0.62 + 0.63', () => {
    // shares of 125 fen over [620, 625]: 62.248… and 62.751… → floors 62, 62; the left cent goes to the larger remainder
    const r = priceOrder(
      order([line('a', '6.20'), line('b', '6.25')], [{ id: 'fd', kind: 'full_discount', tiers: [{ threshold: '10.00', percentOff: '10' }] }]),
    );
    expect(text(r.totals.activityDiscount)).toBe('1.25');
    expect(lineOf(r, 'a').shares).toEqual({ fd: '0.62' });
    expect(lineOf(r, 'b').shares).toEqual({ fd: '0.63' });
  });
});

describe('full-reduction 满减: tiered vs per-every', () => {
  const tiered: Activity = {
    id: 'fr',
    kind: 'full_reduction',
    rule: {
      mode: 'tiered',
      tiers: [
        { threshold: '100.00', off: '10.00' },
        { threshold: '200.00', off: '25.00' },
        { threshold: '300.00', off: '40.00' },
      ],
    },
  };
  const perEvery: Activity = { id: 'fr', kind: 'full_reduction', rule: { mode: 'per_every', every: '100.00', off: '10.00' } };
  const cart = [line('a', '200.00'), line('b', '150.00')];

  it('tiered: 350 reaches the 300 tier only → 40 off (not 10 + 25 + 40), allocated 22.86 + 17.14', () => {
    // 4000 fen over [20000, 15000]: 2285.71… and 1714.28… → 2286, 1714
    const r = priceOrder(order(cart, [tiered]));
    expect(text(r.totals.activityDiscount)).toBe('40.00');
    expect(text(r.totals.payable)).toBe('310.00');
    expect(lineOf(r, 'a').shares).toEqual({ fr: '22.86' });
    expect(lineOf(r, 'b').shares).toEqual({ fr: '17.14' });
    expect(r.unmetThresholds).toEqual([]);
  });

  it('tiered: 250 gets 25 off and "add 50.00 more for 40.00 off"', () => {
    const r = priceOrder(order([line('a', '250.00')], [tiered]));
    expect(text(r.totals.payable)).toBe('225.00');
    expect(r.unmetThresholds.map((u) => u.message)).toEqual(['add 50.00 more for 40.00 off']);
  });

  it('per-every: 350 is three times 100 → 30 off, and "add 50.00 more for 40.00 off"', () => {
    const r = priceOrder(order(cart, [perEvery]));
    expect(text(r.totals.activityDiscount)).toBe('30.00');
    expect(r.unmetThresholds.map((u) => u.message)).toEqual(['add 50.00 more for 40.00 off']);
  });

  it('per-every with a cap of 25: 350 → 25 off, and no further threshold to show', () => {
    const r = priceOrder(order(cart, [{ ...perEvery, rule: { mode: 'per_every', every: '100.00', off: '10.00', cap: '25.00' } }]));
    expect(text(r.totals.activityDiscount)).toBe('25.00');
    expect(r.unmetThresholds).toEqual([]);
  });
});

describe('single-item price 单品 / flash sale / group buy (PRM-1)', () => {
  it('replaces the unit price: 2 × 100.00 at 79.90 → 159.80', () => {
    const r = priceOrder(order([line('a', '100.00', 2)], [{ id: 'si', kind: 'single_item', prices: [{ skuId: 'sku-a', price: '79.90' }] }]));
    const a = lineOf(r, 'a');
    expect(a.itemPriceActivityId).toBe('si');
    expect(text(a.activityUnitPrice)).toBe('79.90');
    expect(text(a.activityPriceAmount)).toBe('159.80');
    expect(text(r.totals.itemPriceDiscount)).toBe('40.20');
    expect(text(r.totals.discountsByKind.single_item)).toBe('40.20');
  });

  it('PRM-1: a configured price above the normal price is ignored, never charged', () => {
    const r = priceOrder(order([line('a', '100.00')], [{ id: 'si', kind: 'single_item', prices: [{ skuId: 'sku-a', price: '120.00' }] }]));
    expect(lineOf(r, 'a').itemPriceActivityId).toBeNull();
    expect(text(r.totals.payable)).toBe('100.00');
  });

  it('a percentage is taken per unit, rounded once: 99.99 at 15 % off → 14.9985 → 15.00 off → 84.99', () => {
    const r = priceOrder(order([line('a', '99.99', 3)], [{ id: 'si', kind: 'single_item', percentOff: '15' }]));
    expect(text(lineOf(r, 'a').activityUnitPrice)).toBe('84.99');
    expect(text(lineOf(r, 'a').activityPriceAmount)).toBe('254.97');
  });

  it('the lowest price wins: flash sale 69.00 beats single-item 79.90 and group buy 75.00', () => {
    const r = priceOrder(
      order(
        [line('a', '100.00')],
        [
          { id: 'si', kind: 'single_item', prices: [{ skuId: 'sku-a', price: '79.90' }] },
          { id: 'fs', kind: 'flash_sale', prices: [{ skuId: 'sku-a', price: '69.00' }] },
          { id: 'gb', kind: 'group_buy', prices: [{ skuId: 'sku-a', price: '75.00' }] },
        ],
      ),
    );
    expect(lineOf(r, 'a').itemPriceActivityId).toBe('fs');
    expect(text(r.totals.payable)).toBe('69.00');
  });

  it('an exclusive flash-sale line takes no set-level activity; set-level thresholds see the activity price', () => {
    const fr: Activity = { id: 'fr', kind: 'full_reduction', rule: { mode: 'tiered', tiers: [{ threshold: '150.00', off: '20.00' }] } };
    const flash: Activity = { id: 'fs', kind: 'flash_sale', stacking: 'exclusive', prices: [{ skuId: 'sku-a', price: '90.00' }] };
    const single: Activity = { id: 'si', kind: 'single_item', prices: [{ skuId: 'sku-b', price: '80.00' }] };
    // a: 90.00 exclusive (out of fr); b: 80.00 shared; fr sees only b: 80 < 150 → nothing off
    const r = priceOrder(order([line('a', '100.00'), line('b', '100.00')], [fr, flash, single]));
    expect(text(r.totals.payable)).toBe('170.00');
    expect(r.unmetThresholds.map((u) => u.message)).toEqual(['add 70.00 more for 20.00 off']);
    // without the flash sale's exclusivity both lines reach 150: 90 + 80 − 20
    const shared = priceOrder(order([line('a', '100.00'), line('b', '100.00')], [fr, { ...flash, stacking: 'shared' }, single]));
    expect(text(shared.totals.payable)).toBe('150.00');
  });
});

describe('multi-buy 多买优惠', () => {
  const threeFor99: Activity = { id: 'mb', kind: 'multi_buy', rule: { mode: 'n_for_price', count: 3, price: '99.00' } };

  it('"3 for 99.00" groups the priciest units: 50, 50, 30 → 130 − 99 = 31 off, on the units that took part', () => {
    // units 50 50 | 30 30 20: one group (5 units); weights a 100.00, b 30.00, c 0 → 3100 fen: 2384.6… and 715.3… → 2385, 715
    const r = priceOrder(order([line('a', '50.00', 2), line('b', '30.00', 2), line('c', '20.00')], [threeFor99]));
    expect(text(r.totals.activityDiscount)).toBe('31.00');
    expect(lineOf(r, 'a').shares).toEqual({ mb: '23.85' });
    expect(lineOf(r, 'b').shares).toEqual({ mb: '7.15' });
    expect(lineOf(r, 'c').shares).toEqual({});
    expect(r.unmetThresholds.map((u) => u.message)).toEqual(['add 1 more item for 3 for 99.00']);
  });

  it('"3 for 99.00" never makes units dearer: 3 × 30.00 = 90 stays 90', () => {
    const r = priceOrder(order([line('a', '30.00', 3)], [threeFor99]));
    expect(text(r.totals.payable)).toBe('90.00');
    expect(r.activities).toEqual([]);
  });

  it('"3 for 99.00" repeats while each group saves: 7 × 40.00 → 2 groups of 3 (42 off) + 1 unit → 238.00', () => {
    // 6 units grouped: 240 − 198 = 42 off; 280 − 42 = 238
    const r = priceOrder(order([line('a', '40.00', 7)], [threeFor99]));
    expect(text(r.totals.payable)).toBe('238.00');
  });

  it('"2 items 10 % off, 3 items 20 % off": two units get 10 %, and "add 1 more item for 20% off"', () => {
    const tiers: Activity = {
      id: 'mb',
      kind: 'multi_buy',
      rule: {
        mode: 'n_at_percent_off',
        tiers: [
          { count: 2, percentOff: '10' },
          { count: 3, percentOff: '20' },
        ],
      },
    };
    const r = priceOrder(order([line('a', '45.55', 2)], [tiers]));
    expect(text(r.totals.activityDiscount)).toBe('9.11');
    expect(r.unmetThresholds.map((u) => u.message)).toEqual(['add 1 more item for 20% off']);
    const three = priceOrder(order([line('a', '33.35', 3)], [tiers]));
    expect(text(three.totals.activityDiscount)).toBe('20.01'); // 100.05 × 20 % = 20.01
  });
});

describe('bundle 套装', () => {
  const bundle: Activity = {
    id: 'bd',
    kind: 'bundle',
    items: [
      { skuId: 'A', quantity: 1 },
      { skuId: 'B', quantity: 2 },
    ],
    price: '100.00',
  };

  it('A + 2 B for 100.00: 3 A and 4 B make 2 sets, 2 × (60 + 25 + 25 − 100) = 20 off on the bundled units', () => {
    // weights a 120.00 (2 units), b 100.00 (4 units) → 2000 fen: 1090.9… and 909.09… → 1091, 909
    const r = priceOrder(
      order([line('a', '60.00', 3, { skuId: 'A' }), line('b', '25.00', 4, { skuId: 'B' }), line('c', '10.00', 1, { skuId: 'C' })], [bundle]),
    );
    expect(text(r.totals.activityDiscount)).toBe('20.00');
    expect(lineOf(r, 'a').shares).toEqual({ bd: '10.91' });
    expect(lineOf(r, 'b').shares).toEqual({ bd: '9.09' });
    expect(lineOf(r, 'c').shares).toEqual({});
    expect(r.activities[0]!.detail).toBe('2 sets for 100.00 each');
  });

  it('a missing component: no set', () => {
    const r = priceOrder(order([line('a', '60.00', 3, { skuId: 'A' })], [bundle]));
    expect(text(r.totals.activityDiscount)).toBe('0.00');
  });
});

describe('gifts 赠品 / 满赠', () => {
  const tiers: Activity = {
    id: 'gf',
    kind: 'gift',
    basis: 'amount',
    tiers: [
      {
        threshold: '100.00',
        pick: 1,
        gifts: [
          { skuId: 'g1', quantity: 1, stock: 5 },
          { skuId: 'g2', quantity: 1, stock: 0 },
        ],
      },
      {
        threshold: '300.00',
        pick: 2,
        gifts: [
          { skuId: 'g1', quantity: 2, cap: 1, stock: 10 },
          { skuId: 'g2', quantity: 1, stock: 3 },
          { skuId: 'g3', quantity: 1, stock: 2 },
        ],
      },
    ],
  };

  it('a pool of 3 with pick 2; g1 is capped at 1 unit though the tier says 2', () => {
    const r = priceOrder(order([line('a', '320.00')], [tiers]));
    expect(r.gifts.fixed).toEqual([]);
    expect(r.gifts.pools).toEqual([
      {
        activityId: 'gf',
        pick: 2,
        choices: [
          { skuId: 'g1', quantity: 1 },
          { skuId: 'g2', quantity: 1 },
          { skuId: 'g3', quantity: 1 },
        ],
      },
    ]);
    expect(text(r.totals.payable)).toBe('320.00');
  });

  it('a gift out of stock drops out; one left with pick 1 → a fixed gift; the next tier is shown', () => {
    const r = priceOrder(order([line('a', '150.00')], [tiers]));
    expect(r.gifts.fixed).toEqual([{ activityId: 'gf', skuId: 'g1', quantity: 1 }]);
    expect(r.gifts.pools).toEqual([]);
    expect(r.unmetThresholds.map((u) => u.message)).toEqual(['add 150.00 more for a gift (pick 2 of g1, g2, g3)']);
  });

  it('with the main item (per unit, repeat): 5 units → 5 gifts, capped at 3', () => {
    const withItem: Activity = {
      id: 'gi',
      kind: 'gift',
      basis: 'quantity',
      repeat: true,
      scope: { kind: 'skus', ids: ['sku-a'] },
      tiers: [{ threshold: 1, pick: 1, gifts: [{ skuId: 'g', quantity: 1, cap: 3, stock: 100 }] }],
    };
    const r = priceOrder(order([line('a', '10.00', 5), line('b', '10.00')], [withItem]));
    expect(r.gifts.fixed).toEqual([{ activityId: 'gi', skuId: 'g', quantity: 3 }]);
  });
});

describe('add-on purchase 加价购', () => {
  const addOn: Activity = { id: 'ad', kind: 'add_on', threshold: '100.00', items: [{ skuId: 'X', price: '9.90', maxQuantity: 1 }] };

  it('threshold reached on the other lines: one unit of X at 9.90 instead of 29.90 (max 1)', () => {
    const r = priceOrder(order([line('m', '120.00'), line('x', '29.90', 2, { skuId: 'X' })], [addOn]));
    expect(lineOf(r, 'x').shares).toEqual({ ad: '20.00' });
    expect(text(lineOf(r, 'x').payable)).toBe('39.80');
    expect(r.addOnOffers).toEqual([{ activityId: 'ad', items: [{ skuId: 'X', price: expect.anything(), maxQuantity: 1 }] }]);
  });

  it('the add-on item does not count toward the threshold: 80 + X → no special price, "add 20.00 more"', () => {
    const r = priceOrder(order([line('m', '80.00'), line('x', '29.90', 1, { skuId: 'X' })], [addOn]));
    expect(text(r.totals.activityDiscount)).toBe('0.00');
    expect(r.unmetThresholds.map((u) => u.message)).toEqual(['add 20.00 more for add-on prices on X']);
  });
});

describe('scope, audience, channel and window decide which lines an activity covers', () => {
  const fr = (fields: Partial<Activity>): Activity =>
    ({ id: 'fr', kind: 'full_reduction', rule: { mode: 'tiered', tiers: [{ threshold: '10.00', off: '1.00' }] }, ...fields }) as Activity;
  const cart = [
    line('a', '10.00', 1, { categoryIds: ['c-root', 'c-tea'], brandId: 'b1', tags: ['new'] }),
    line('b', '10.00', 1, { shopId: 'shop-b', categoryIds: ['c-root', 'c-cup'] }),
  ];
  const off = (a: Activity, more = {}) => text(priceOrder(order(cart, [a], [], more)).totals.activityDiscount);

  it('categories match ancestors; brands, tags, shops and the activity’s own shop restrict the lines', () => {
    expect(off(fr({ scope: { kind: 'categories', ids: ['c-root'] } }))).toBe('1.00'); // both lines, 20 ≥ 10
    expect(off(fr({ scope: { kind: 'categories', ids: ['c-cup'] } }))).toBe('1.00'); // b only
    expect(off(fr({ scope: { kind: 'brands', ids: ['b2'] } }))).toBe('0.00');
    expect(off(fr({ scope: { kind: 'tags', ids: ['new'] } }))).toBe('1.00');
    expect(off(fr({ shopId: 'shop-c' }))).toBe('0.00');
  });

  it('audience: new members only, listed members, member levels', () => {
    expect(off(fr({ audience: { kind: 'new_members' } }))).toBe('0.00');
    expect(off(fr({ audience: { kind: 'new_members' } }), { member: { isNew: true, channel: 'app' } })).toBe('1.00');
    expect(off(fr({ audience: { kind: 'members', memberIds: ['m1'] } }))).toBe('1.00');
    expect(off(fr({ audience: { kind: 'levels', levels: ['VIP5', 'VIP6'] } }))).toBe('0.00');
  });

  it('channels and the time window (judged at the input’s now)', () => {
    expect(off(fr({ channels: ['pc'] }))).toBe('0.00');
    expect(off(fr({ channels: ['pc', 'app'] }))).toBe('1.00');
    expect(off(fr({ startsAt: BEFORE, endsAt: NOW }))).toBe('0.00'); // [start, end): ended at now
    expect(off(fr({ startsAt: NOW, endsAt: AFTER }))).toBe('1.00');
  });
});

describe('PRM-4 combination rule and the best plan', () => {
  const shared: Activity = { id: 'a-shared', kind: 'full_reduction', rule: { mode: 'tiered', tiers: [{ threshold: '200.00', off: '30.00' }] } };
  const exclusive = (percent: string): Activity => ({
    id: 'e-excl',
    kind: 'full_discount',
    stacking: 'exclusive',
    scope: { kind: 'skus', ids: ['sku-a'] },
    tiers: [{ threshold: '0.00', percentOff: percent }],
  });
  const cart = [line('a', '100.00'), line('b', '100.00')];

  it('an exclusive 50 % on line a (50 off) beats the shared 30 off on a + b; line a carries only its share', () => {
    const r = priceOrder(order(cart, [shared, exclusive('50')]));
    expect(r.plan.exclusiveActivityId).toBe('e-excl');
    expect(text(r.totals.payable)).toBe('150.00');
    expect(lineOf(r, 'a').shares).toEqual({ 'e-excl': '50.00' });
    // the shared activity kept line b only: 100 < 200
    expect(r.unmetThresholds.map((u) => `${u.id}: ${u.message}`)).toEqual(['a-shared: add 100.00 more for 30.00 off']);
  });

  it('an exclusive 20 % (20 off) loses to the shared 30 off', () => {
    const r = priceOrder(order(cart, [shared, exclusive('20')]));
    expect(r.plan.exclusiveActivityId).toBeNull();
    expect(text(r.totals.payable)).toBe('170.00');
  });

  it('inside one family on one line, the higher priority holds the slot (even if another would give more)', () => {
    const a: Activity = { id: 'x', kind: 'full_reduction', priority: 5, rule: { mode: 'tiered', tiers: [{ threshold: '100.00', off: '10.00' }] } };
    const b: Activity = { id: 'y', kind: 'full_reduction', priority: 1, rule: { mode: 'tiered', tiers: [{ threshold: '100.00', off: '30.00' }] } };
    expect(text(priceOrder(order([line('a', '100.00')], [a, b])).totals.activityDiscount)).toBe('10.00');
    expect(text(priceOrder(order([line('a', '100.00')], [{ ...a, priority: 0 }, b])).totals.activityDiscount)).toBe('30.00');
  });

  it('families stack in PRM-3 order: multi-buy first, then the full-reduction threshold sees what is left', () => {
    const mb: Activity = { id: 'mb', kind: 'multi_buy', rule: { mode: 'n_at_percent_off', tiers: [{ count: 2, percentOff: '50' }] } };
    const fr: Activity = { id: 'fr', kind: 'full_reduction', rule: { mode: 'tiered', tiers: [{ threshold: '150.00', off: '20.00' }] } };
    const r = priceOrder(order([line('a', '100.00', 2)], [mb, fr]));
    expect(text(r.totals.payable)).toBe('100.00');
    expect(r.unmetThresholds.map((u) => u.message)).toEqual(['add 50.00 more for 20.00 off']);
    const r2 = priceOrder(order([line('a', '100.00', 4)], [mb, fr]));
    expect(text(r2.totals.payable)).toBe('180.00'); // 400 → 200 (multi-buy) → 180 (≥ 150: 20 off)
    expect(lineOf(r2, 'a').shares).toEqual({ mb: '200.00', fr: '20.00' });
  });
});
