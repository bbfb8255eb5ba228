import { describe, expect, it } from 'vitest';
import type { Activity } from '../../../domain/pricing/activity.js';
import { priceOrder } from '../../../domain/pricing/engine.js';
import type { PricingInput } from '../../../domain/pricing/context.js';
import { domainErrorOf } from '../../support/mothers.js';
import { coupon, line, order } from './pricing-mothers.js';

const rejection = (input: PricingInput) => {
  const e = domainErrorOf(() => priceOrder(input));
  return { code: e.code, reason: e.details.reason, kind: e.kind };
};
const rule = (a: Activity) => rejection(order([line('a', '10.00')], [a]));
const reduction = (tiers: { threshold: string; off: string }[]): Activity => ({ id: 'fr', kind: 'full_reduction', rule: { mode: 'tiered', tiers } });

describe('bad input is a DomainError with a stable code, a reason and details', () => {
  it('lines: none, negative price, fractional cent, non-integer or zero quantity, duplicate id', () => {
    expect(rejection(order([]))).toEqual({ code: 'PRICING.NO_LINES', reason: 'NO_LINES', kind: 'invalid' });
    expect(rejection(order([line('a', '-1.00')])).reason).toBe('NEGATIVE_AMOUNT');
    expect(rejection(order([line('a', '1.999')])).reason).toBe('NOT_AN_AMOUNT');
    expect(rejection(order([line('a', '1.00', 1.5)]))).toMatchObject({ code: 'PRICING.INVALID_LINE', reason: 'NOT_A_WHOLE_QUANTITY' });
    expect(rejection(order([line('a', '1.00', 0)])).reason).toBe('NOT_A_WHOLE_QUANTITY');
    expect(rejection(order([line('a', '1.00'), line('a', '2.00')])).reason).toBe('DUPLICATE_LINE');
    const e = domainErrorOf(() => priceOrder(order([line('a', '1.00', 2.5)])));
    expect(e.details).toMatchObject({ lineId: 'a', field: 'quantity' });
  });

  it('tiers that overlap, fall back, or give more than their threshold', () => {
    expect(
      rule(
        reduction([
          { threshold: '100.00', off: '10.00' },
          { threshold: '100.00', off: '20.00' },
        ]),
      ),
    ).toEqual({
      code: 'PRICING.INVALID_RULE',
      reason: 'TIERS_OVERLAP',
      kind: 'invalid',
    });
    expect(
      rule(
        reduction([
          { threshold: '200.00', off: '10.00' },
          { threshold: '100.00', off: '5.00' },
        ]),
      ).reason,
    ).toBe('TIERS_OVERLAP');
    expect(
      rule(
        reduction([
          { threshold: '100.00', off: '20.00' },
          { threshold: '200.00', off: '10.00' },
        ]),
      ).reason,
    ).toBe('TIER_BENEFIT_DECREASES');
    expect(rule(reduction([{ threshold: '50.00', off: '60.00' }])).reason).toBe('THRESHOLD_BELOW_DISCOUNT');
    expect(rule({ id: 'pe', kind: 'full_reduction', rule: { mode: 'per_every', every: '10.00', off: '11.00' } }).reason).toBe('THRESHOLD_BELOW_DISCOUNT');
    const e = domainErrorOf(() => priceOrder(order([line('a', '1.00')], [reduction([{ threshold: '50.00', off: '60.00' }])])));
    expect(e.details).toMatchObject({ activityId: 'fr', field: 'tiers' });
  });

  it('a discount above 100 % (or of 0 %) is refused', () => {
    expect(rule({ id: 'fd', kind: 'full_discount', tiers: [{ threshold: '0.00', percentOff: '120' }] }).reason).toBe('PERCENT_OUT_OF_RANGE');
    expect(rule({ id: 'fd', kind: 'full_discount', tiers: [{ threshold: '0.00', percentOff: '0' }] }).reason).toBe('PERCENT_OUT_OF_RANGE');
    expect(rule({ id: 'si', kind: 'single_item', percentOff: '101' }).reason).toBe('PERCENT_OUT_OF_RANGE');
    expect(rule({ id: 'mb', kind: 'multi_buy', rule: { mode: 'n_at_percent_off', tiers: [{ count: 2, percentOff: '-5' }] } }).reason).toBe(
      'PERCENT_OUT_OF_RANGE',
    );
  });

  it('other malformed rules: empty tiers, pick out of range, gift repeat with tiers, negative prices, price and percent together', () => {
    expect(rule({ id: 'fd', kind: 'full_discount', tiers: [] }).reason).toBe('EMPTY');
    const gifts = [{ skuId: 'g', quantity: 1, stock: 1 }];
    expect(rule({ id: 'g', kind: 'gift', basis: 'amount', tiers: [{ threshold: '10.00', pick: 2, gifts }] }).reason).toBe('PICK_OUT_OF_RANGE');
    expect(
      rule({
        id: 'g',
        kind: 'gift',
        basis: 'quantity',
        repeat: true,
        tiers: [
          { threshold: 1, pick: 1, gifts },
          { threshold: 2, pick: 1, gifts },
        ],
      }).reason,
    ).toBe('REPEAT_NEEDS_ONE_TIER');
    expect(rule({ id: 'si', kind: 'single_item', prices: [{ skuId: 'x', price: '-1.00' }] }).reason).toBe('NEGATIVE_AMOUNT');
    expect(rule({ id: 'si', kind: 'single_item', prices: [{ skuId: 'x', price: '1.00' }], percentOff: '10' }).reason).toBe('PRICES_OR_PERCENT_REQUIRED');
    expect(
      rule({
        id: 'b',
        kind: 'bundle',
        items: [
          { skuId: 'x', quantity: 1 },
          { skuId: 'x', quantity: 2 },
        ],
        price: '1.00',
      }).reason,
    ).toBe('DUPLICATE_SKU');
    expect(rule({ id: 'm', kind: 'multi_buy', rule: { mode: 'n_for_price', count: 1, price: '1.00' } }).reason).toBe('NOT_A_WHOLE_NUMBER');
    expect(rule({ ...reduction([{ threshold: '10.00', off: '1.00' }]), startsAt: new Date('2025-02-01'), endsAt: new Date('2025-01-01') }).reason).toBe(
      'EMPTY_WINDOW',
    );
  });

  it('coupons: threshold below the discount, a cash coupon with a threshold, a shop coupon reaching beyond its shop', () => {
    const bad = (fields: Parameters<typeof coupon>[1]) => rejection(order([line('a', '1.00')], [], [coupon('c', fields)]));
    expect(bad({ kind: 'threshold', threshold: '10.00', amount: '20.00' })).toEqual({
      code: 'PRICING.INVALID_COUPON',
      reason: 'THRESHOLD_BELOW_DISCOUNT',
      kind: 'invalid',
    });
    expect(bad({ kind: 'cash', amount: '5.00', threshold: '10.00' }).reason).toBe('CASH_HAS_NO_THRESHOLD');
    expect(bad({ kind: 'discount', percentOff: '150' }).reason).toBe('PERCENT_OUT_OF_RANGE');
    expect(bad({ kind: 'cash', amount: '1.00', issuer: { kind: 'shop', shopId: 's' }, scope: { kind: 'platform' } }).reason).toBe('SCOPE_OUTSIDE_SHOP');
    expect(bad({ kind: 'cash', amount: '1.00', issuer: { kind: 'shop', shopId: 's' }, scope: { kind: 'shop', ids: ['t'] } }).reason).toBe('SCOPE_OUTSIDE_SHOP');
  });

  it('input: duplicate activity or coupon ids, negative freight, bad points', () => {
    const fr = reduction([{ threshold: '10.00', off: '1.00' }]);
    expect(rejection(order([line('a', '1.00')], [fr, fr]))).toMatchObject({ code: 'PRICING.INVALID_INPUT', reason: 'DUPLICATE_ACTIVITY' });
    const c = coupon('c', { kind: 'cash', amount: '1.00' });
    expect(rejection(order([line('a', '1.00')], [], [c, c])).reason).toBe('DUPLICATE_COUPON');
    expect(rejection(order([line('a', '1.00')], [], [], { freight: '-1.00' })).reason).toBe('NEGATIVE_AMOUNT');
    const points = (p: object) =>
      rejection(order([line('a', '1.00')], [], [], { points: { balance: 1, ratio: { points: 100, amount: '1.00' }, maxPercent: '50', ...p } }));
    expect(points({ maxPercent: '150' })).toMatchObject({ code: 'PRICING.INVALID_POINTS', reason: 'PERCENT_OUT_OF_RANGE' });
    expect(points({ balance: -1 }).reason).toBe('NOT_A_WHOLE_NUMBER');
    expect(points({ ratio: { points: 100, amount: '0.00' } }).reason).toBe('ZERO_VALUE');
  });
});
