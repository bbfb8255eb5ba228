// A percent-off coupon keeps its cap on the way from its template to the pricing engine (spec §6: "discount
// (满折: spend X get Y % off, optional cap)"; CPN-1 judges the coupon as the engine prices it). Mutation
// testing (decision 0027) found nothing pinned the cap between the template and the engine.
import { describe, expect, it } from 'vitest';
import { memberCouponTerms } from '../../../domain/coupon/terms.js';
import { priceOrder } from '../../../domain/pricing/engine.js';
import { Money } from '../../../domain/shared/money.js';
import { coupon as pricingCoupon, line, order } from '../pricing/pricing-mothers.js';
import { aTemplate, day } from './coupon-mothers.js';

/** 满100享9折 最高减30: 10 % off from 100.00, at most 30.00 off. */
const capped = () => aTemplate({ kind: 'discount', amount: undefined, threshold: '100.00', percentOff: '10', cap: '30.00', name: '满100享9折 最高减30' });

describe('spec §6 / CPN-1: a percent-off coupon from a template keeps its cap', () => {
  it('the member coupon a template makes carries percentOff and the cap', () => {
    const t = capped();
    const owned = t.handOut({ couponId: 'c-1', memberId: 'm-1', at: day(1), source: 'claim', isNewCustomer: true, random: { next: () => 0.5 } });
    const terms = owned.toMemberCoupon(t.toSnapshot());
    expect(terms.percentOff).toBe('10');
    expect(terms.cap).toEqual(Money.of('30.00'));
    expect(terms.threshold).toEqual(Money.of('100.00'));
  });

  it('priced: 10 % of 500.00 is 50.00, capped to 30.00 (payable 470.00); 10 % of 200.00 is 20.00, under the cap', () => {
    const t = capped();
    const owned = t.handOut({ couponId: 'c-1', memberId: 'm-1', at: day(1), source: 'claim', isNewCustomer: true, random: { next: () => 0.5 } });
    const terms = owned.toMemberCoupon(t.toSnapshot());
    const at = { now: day(2) };
    const big = priceOrder(order([line('a', '500.00')], [], [terms], at));
    expect(big.totals.couponDiscount.toString()).toBe('30.00');
    expect(big.totals.payable.toString()).toBe('470.00');
    const small = priceOrder(order([line('a', '200.00')], [], [terms], at));
    expect(small.totals.couponDiscount.toString()).toBe('20.00');
  });

  it('memberCouponTerms: a template with no cap gives no cap; with one, the same Money', () => {
    const base = {
      name: 'd',
      kind: 'discount',
      issuer: { kind: 'platform' },
      scope: { kind: 'platform' },
      amount: null,
      threshold: null,
      percentOff: '15',
      channels: [],
      stacking: 'shared',
      priority: 0,
    } as const;
    const when = { id: 'c', validFrom: day(0), validUntil: day(30), amount: null };
    expect('cap' in memberCouponTerms({ ...base, cap: null }, when)).toBe(false);
    expect(memberCouponTerms({ ...base, cap: Money.of('20.00') }, when).cap).toEqual(Money.of('20.00'));
    expect(pricingCoupon('x', { kind: 'discount', percentOff: '15' }).kind).toBe('discount');
  });
});
