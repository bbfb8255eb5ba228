import { describe, expect, it } from 'vitest';
import type { Activity } from '../../../domain/pricing/activity.js';
import { priceOrder } from '../../../domain/pricing/engine.js';
import { coupon, line, lineOf, order, text } from './pricing-mothers.js';

// 限购 in the engine (PRM-3 step 2): `purchaseLimits` says what the member may still take per activity.
const flash: Activity = {
  id: 'flash',
  kind: 'flash_sale',
  prices: [
    { skuId: 'sku-a', price: '60.00' },
    { skuId: 'sku-b', price: '90.00' },
  ],
};

describe('purchase limits in the pricing engine (限购, PRM-3 step 2)', () => {
  it('a flash-sale price covers at most the units left: 3 units with 2 left → 2 × 60.00 + 1 × 100.00 = 220.00', () => {
    const r = priceOrder(order([line('a', '100.00', 3)], [flash], [], { purchaseLimits: [{ activityId: 'flash', remaining: 2 }] }));
    const l = lineOf(r, 'a');
    expect([l.itemPriceActivityId, l.activityUnits, text(l.activityUnitPrice), text(l.activityPriceAmount)]).toEqual(['flash', 2, '60.00', '220.00']);
    expect(text(r.totals.itemPriceDiscount)).toBe('80.00');
  });

  it('none left: the normal price, and the activity is not applied', () => {
    const r = priceOrder(order([line('a', '100.00', 3)], [flash], [], { purchaseLimits: [{ activityId: 'flash', remaining: 0 }] }));
    expect(lineOf(r, 'a')).toMatchObject({ itemPriceActivityId: null, activityUnits: 3 });
    expect(text(r.totals.payable)).toBe('300.00');
    expect(r.activities).toEqual([]);
  });

  it('the limit spans the order: the units left go to the line where each saves most (40.00 on b before 10.00 on a), in any line order', () => {
    const lines = [line('a', '70.00', 2), line('b', '130.00', 2)];
    const input = order(lines, [flash], [], { purchaseLimits: [{ activityId: 'flash', remaining: 3 }] });
    const r = priceOrder(input);
    // b saves 40.00 a unit and takes 2; a saves 10.00 and takes the 1 left: a = 60.00 + 70.00, b = 2 × 90.00.
    expect([lineOf(r, 'a').activityUnits, text(lineOf(r, 'a').activityPriceAmount)]).toEqual([1, '130.00']);
    expect([lineOf(r, 'b').activityUnits, text(lineOf(r, 'b').activityPriceAmount)]).toEqual([2, '180.00']);
    const reversed = priceOrder({ ...input, lines: [...lines].reverse() });
    expect(text(reversed.totals.payable)).toBe(text(r.totals.payable));
  });

  it('an unlimited price activity wins a line when it costs less in all: 5 units, flash 60.00 for 1 left, single-item 80.00 → 400.00, not 460.00', () => {
    const single: Activity = { id: 'single', kind: 'single_item', prices: [{ skuId: 'sku-a', price: '80.00' }] };
    const r = priceOrder(order([line('a', '100.00', 5)], [flash, single], [], { purchaseLimits: [{ activityId: 'flash', remaining: 1 }] }));
    expect(lineOf(r, 'a')).toMatchObject({ itemPriceActivityId: 'single', activityUnits: 5 });
    expect(text(r.totals.goodsPayable)).toBe('400.00');
  });

  it('the normal-priced rest takes part in set-level activities: 2 for 150.00 takes the two priciest units (100.00 each), not the 60.00 one', () => {
    const multi: Activity = { id: 'mb', kind: 'multi_buy', rule: { mode: 'n_for_price', count: 2, price: '150.00' } };
    const r = priceOrder(order([line('a', '100.00', 3)], [flash, multi], [], { purchaseLimits: [{ activityId: 'flash', remaining: 1 }] }));
    // step 2: 60.00 + 2 × 100.00 = 260.00; step 3: the two 100.00 units for 150.00 → 50.00 off → 210.00
    expect(text(lineOf(r, 'a').activityPriceAmount)).toBe('260.00');
    expect(lineOf(r, 'a').shares).toEqual({ mb: '50.00' });
    expect(text(r.totals.goodsPayable)).toBe('210.00');
  });

  it('a set-level activity with no participation left does not apply; with some left it does', () => {
    const fr: Activity = { id: 'fr', kind: 'full_reduction', rule: { mode: 'tiered', tiers: [{ threshold: '100.00', off: '20.00' }] } };
    const none = priceOrder(order([line('a', '100.00')], [fr], [], { purchaseLimits: [{ activityId: 'fr', remaining: 0 }] }));
    const one = priceOrder(order([line('a', '100.00')], [fr], [], { purchaseLimits: [{ activityId: 'fr', remaining: 1 }] }));
    expect([text(none.totals.payable), text(one.totals.payable)]).toEqual(['100.00', '80.00']);
  });

  it('malformed limits are PRICING.INVALID_INPUT', () => {
    for (const [purchaseLimits, reason] of [
      [[{ activityId: 'flash', remaining: -1 }], 'INVALID_PURCHASE_LIMIT'],
      [[{ activityId: 'flash', remaining: 1.5 }], 'INVALID_PURCHASE_LIMIT'],
      [
        [
          { activityId: 'flash', remaining: 1 },
          { activityId: 'flash', remaining: 2 },
        ],
        'DUPLICATE_PURCHASE_LIMIT',
      ],
    ] as const) {
      expect(() => priceOrder(order([line('a', '100.00')], [flash], [], { purchaseLimits }))).toThrow(
        expect.objectContaining({ code: 'PRICING.INVALID_INPUT', details: expect.objectContaining({ reason }) }),
      );
    }
  });
});

describe('a presale balance payment takes no coupon (spec §5)', () => {
  const cash = coupon('c1', { kind: 'cash', amount: '10.00' });
  it('balancePayment with a coupon is refused (PRICING.INVALID_INPUT, COUPON_ON_BALANCE); without one it prices as usual', () => {
    expect(() => priceOrder(order([line('a', '150.00')], [], [cash], { balancePayment: true }))).toThrow(
      expect.objectContaining({ code: 'PRICING.INVALID_INPUT', details: expect.objectContaining({ reason: 'COUPON_ON_BALANCE' }) }),
    );
    expect(text(priceOrder(order([line('a', '150.00')], [], [], { balancePayment: true })).totals.payable)).toBe('150.00');
    expect(text(priceOrder(order([line('a', '150.00')], [], [cash])).totals.payable)).toBe('140.00'); // not a balance: the coupon applies
  });
});
