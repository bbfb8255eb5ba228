// ORD-1 (payable = goods total + freight − (activity + coupon + points + member discounts), never
// negative) and the per-line amounts ORD-4 allocates, on domain/ordering/amounts.ts directly
// (decision 0027): worked examples stating their numbers, and each refusal with its field and reason.
import { describe, expect, it } from 'vitest';
import {
  breakdownFromPricing,
  checkFreight,
  checkLineAmounts,
  LINE_DISCOUNTS,
  lineDiscountTotal,
  linePayable,
  orderAmounts,
  type LineAmounts,
  type PricingLike,
} from '../../../domain/ordering/amounts.js';
import { Money } from '../../../domain/shared/money.js';
import { domainErrorOf } from '../../support/mothers.js';

const m = (s: string, currency = 'CNY') => Money.of(s, currency);
const zero = m('0');
const amounts = (
  goods: string,
  d: Partial<Record<'activityDiscount' | 'couponDiscount' | 'pointsDeduction' | 'memberDiscount', string>> = {},
): LineAmounts => ({
  goods: m(goods),
  activityDiscount: m(d.activityDiscount ?? '0'),
  couponDiscount: m(d.couponDiscount ?? '0'),
  pointsDeduction: m(d.pointsDeduction ?? '0'),
  memberDiscount: m(d.memberDiscount ?? '0'),
});
/** 2 × 50.00 = 100.00 of goods, 10.00 activity, 5.00 coupon, 3.00 points, 2.00 member: 80.00 payable. */
const L1 = amounts('100.00', { activityDiscount: '10.00', couponDiscount: '5.00', pointsDeduction: '3.00', memberDiscount: '2.00' });
const line = (a: LineAmounts, unitPrice = '50.00', quantity = 2) => ({ lineId: 'L1', quantity, unitPrice: m(unitPrice), amounts: a });

describe('ORD-1: one line', () => {
  it('the discounts, in the order ORD-1 names them', () => {
    expect(LINE_DISCOUNTS).toEqual(['activityDiscount', 'couponDiscount', 'pointsDeduction', 'memberDiscount']);
  });

  it('100.00 of goods − 10.00 − 5.00 − 3.00 − 2.00 = 80.00 payable; the discounts total 20.00', () => {
    expect(linePayable(L1).toString()).toBe('80.00');
    expect(lineDiscountTotal(L1).toString()).toBe('20.00');
    expect(
      lineDiscountTotal({
        ...L1,
        goods: m('100', 'USD'),
        activityDiscount: m('1', 'USD'),
        couponDiscount: m('0', 'USD'),
        pointsDeduction: m('0', 'USD'),
        memberDiscount: m('0', 'USD'),
      }).currency,
    ).toBe('USD');
  });

  it('a line is accepted when goods = unit price × quantity and the discounts are at most the goods (100.00 of 100.00 is fine)', () => {
    expect(() => checkLineAmounts(line(L1), 'CNY')).not.toThrow();
    expect(() => checkLineAmounts(line(amounts('100.00', { activityDiscount: '60.00', couponDiscount: '40.00' })), 'CNY')).not.toThrow();
  });

  it('ORDER.INVALID_AMOUNTS: discounts above the goods (100.01 of 100.00) — DISCOUNTS_EXCEED_GOODS on the line’s amounts', () => {
    const e = domainErrorOf(() => checkLineAmounts(line(amounts('100.00', { activityDiscount: '60.00', couponDiscount: '40.01' })), 'CNY'));
    expect(e).toMatchObject({ code: 'ORDER.INVALID_AMOUNTS', details: { field: 'lines[L1].amounts', reason: 'DISCOUNTS_EXCEED_GOODS' } });
    expect(e.message).toBe('line L1: discounts 100.01 exceed goods 100.00');
  });

  it('ORDER.INVALID_AMOUNTS: goods that are not unit price × quantity — GOODS_NOT_PRICE_TIMES_QUANTITY', () => {
    const e = domainErrorOf(() => checkLineAmounts(line(L1, '50.00', 3), 'CNY'));
    expect(e).toMatchObject({ details: { field: 'lines[L1].goods', reason: 'GOODS_NOT_PRICE_TIMES_QUANTITY' } });
    expect(e.message).toBe('line L1: goods 100.00 ≠ 50.00 × 3');
  });

  it('ORDER.INVALID_AMOUNTS on each field: no amounts, not Money, another currency, fractions of a cent, negatives', () => {
    const reason = (l: Parameters<typeof checkLineAmounts>[0]) => domainErrorOf(() => checkLineAmounts(l, 'CNY')).details;
    expect(reason({ ...line(L1), amounts: null as never })).toEqual({ field: 'lines[L1].amounts', reason: 'MISSING' });
    expect(reason({ ...line(L1), amounts: 'lots' as never })).toEqual({ field: 'lines[L1].amounts', reason: 'MISSING' });
    expect(reason({ ...line(L1), unitPrice: '50.00' as never })).toEqual({ field: 'lines[L1].unitPrice', reason: 'NOT_AN_AMOUNT' });
    expect(reason(line({ ...L1, goods: m('100.00', 'USD') }))).toEqual({ field: 'lines[L1].goods', reason: 'CURRENCY_MISMATCH' });
    expect(reason(line({ ...L1, couponDiscount: m('0.001') }))).toEqual({ field: 'lines[L1].couponDiscount', reason: 'NOT_WHOLE_MINOR_UNITS' });
    expect(reason(line({ ...L1, memberDiscount: m('-1.00') }))).toEqual({ field: 'lines[L1].memberDiscount', reason: 'NEGATIVE_AMOUNT' });
    expect(reason(line({ ...L1, pointsDeduction: m('-1.00') }))).toEqual({ field: 'lines[L1].pointsDeduction', reason: 'NEGATIVE_AMOUNT' });
    expect(reason(line({ ...L1, activityDiscount: m('1', 'USD') }))).toEqual({ field: 'lines[L1].activityDiscount', reason: 'CURRENCY_MISMATCH' });
  });

  it('the refusals of an amount say what is wrong with it', () => {
    expect(domainErrorOf(() => checkLineAmounts(line({ ...L1, goods: m('100.00', 'USD') }), 'CNY')).message).toBe(
      'lines[L1].goods is in USD, the order in CNY',
    );
    expect(domainErrorOf(() => checkLineAmounts(line({ ...L1, couponDiscount: m('0.001') }), 'CNY')).message).toBe(
      'lines[L1].couponDiscount 0.001 is not whole cents',
    );
    expect(domainErrorOf(() => checkLineAmounts(line({ ...L1, memberDiscount: m('-1.00') }), 'CNY')).message).toBe(
      'lines[L1].memberDiscount -1.00 is negative',
    );
    expect(domainErrorOf(() => checkLineAmounts({ ...line(L1), unitPrice: 5 as never }, 'CNY')).message).toBe(
      'order amounts: invalid lines[L1].unitPrice (NOT_AN_AMOUNT)',
    );
  });
});

describe('ORD-1: freight and the shipping coupon', () => {
  it('a shipping coupon takes at most the freight: 10.00 of 10.00 is fine, 10.01 is FREIGHT_DISCOUNT_EXCEEDS_FREIGHT', () => {
    expect(() => checkFreight(m('10.00'), m('10.00'), 'CNY')).not.toThrow();
    const e = domainErrorOf(() => checkFreight(m('10.00'), m('10.01'), 'CNY'));
    expect(e).toMatchObject({ code: 'ORDER.INVALID_AMOUNTS', details: { field: 'freightCouponDiscount', reason: 'FREIGHT_DISCOUNT_EXCEEDS_FREIGHT' } });
    expect(e.message).toBe('the shipping coupon 10.01 exceeds the freight 10.00');
  });

  it('freight and the deduction are whole cents, not negative, in the order’s currency', () => {
    expect(domainErrorOf(() => checkFreight(m('-1.00'), zero, 'CNY')).details).toEqual({ field: 'freight', reason: 'NEGATIVE_AMOUNT' });
    expect(domainErrorOf(() => checkFreight(m('1.00'), m('0.005'), 'CNY')).details).toEqual({
      field: 'freightCouponDiscount',
      reason: 'NOT_WHOLE_MINOR_UNITS',
    });
    expect(domainErrorOf(() => checkFreight(m('1.00', 'USD'), zero, 'CNY')).details).toEqual({ field: 'freight', reason: 'CURRENCY_MISMATCH' });
  });
});

describe('ORD-1: the order', () => {
  it('worked example: goods 100.00 + 45.00, freight 12.00, shipping coupon 8.00 → discounts 10 + (5 + 8) + 3 + 2 = 28.00, payable 129.00', () => {
    const o = orderAmounts([{ amounts: L1 }, { amounts: amounts('45.00') }], m('12.00'), m('8.00'));
    const text = Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v.toString()]));
    expect(text).toEqual({
      goodsTotal: '145.00',
      freight: '12.00',
      activityDiscount: '10.00',
      couponDiscount: '13.00',
      pointsDeduction: '3.00',
      memberDiscount: '2.00',
      freightCouponDiscount: '8.00',
      totalDiscount: '28.00',
      payable: '129.00',
    });
  });

  it('ORD-1: a fully discounted order with its freight covered pays 0.00; a negative payable is a broken invariant', () => {
    const free = orderAmounts([{ amounts: amounts('10.00', { couponDiscount: '10.00' }) }], m('5.00'), m('5.00'));
    expect(free.payable.toString()).toBe('0.00');
    expect(() => orderAmounts([{ amounts: amounts('10.00', { couponDiscount: '10.01' }) }], zero, zero)).toThrow('ORD-1 broken: payable -0.01 is negative');
  });

  it('the totals are in the freight’s currency, an order without lines included', () => {
    const none = orderAmounts([], m('3', 'USD'), m('0', 'USD'));
    expect([none.goodsTotal.currency, none.payable.toString()]).toEqual(['USD', '3.00']);
  });
});

describe('ORD-1 / PRM-3: the per-line breakdown from a pricing', () => {
  const pricing: PricingLike = {
    lines: [
      {
        lineId: 'L1',
        skuId: 'sku-1',
        quantity: 2,
        unitPrice: m('50.00'),
        normalAmount: m('100.00'),
        activityPriceAmount: m('90.00'),
        pointsAmount: m('3.00'),
        discounts: [
          { source: 'activity', id: 'fr', kind: 'full_reduction', amount: m('4.00') },
          { source: 'coupon', id: 'c1', kind: 'cash', amount: m('5.00') },
          { source: 'activity', id: 'md', kind: 'multi_buy', amount: m('1.00') },
          { source: 'coupon', id: 'c2', kind: 'threshold', amount: m('2.00') },
        ],
      },
      {
        lineId: 'L2',
        skuId: 'sku-2',
        quantity: 1,
        unitPrice: m('45.00'),
        normalAmount: m('45.00'),
        activityPriceAmount: m('45.00'),
        pointsAmount: zero,
        discounts: [],
      },
    ],
    totals: { freight: m('12.00'), freightDeduction: m('8.00') },
  };

  it('activity = (normal − activity price) + set-level shares; coupon = coupon shares; points; member discounts by line id', () => {
    const b = breakdownFromPricing(pricing, { L1: m('2.00') });
    expect(b.freight.toString()).toBe('12.00');
    expect(b.freightCouponDiscount.toString()).toBe('8.00');
    expect(b.lines.map((l) => [l.lineId, l.skuId, l.quantity, l.unitPrice.toString()])).toEqual([
      ['L1', 'sku-1', 2, '50.00'],
      ['L2', 'sku-2', 1, '45.00'],
    ]);
    const [l1, l2] = b.lines.map((l) => Object.fromEntries(Object.entries(l.amounts).map(([k, v]) => [k, v.toString()])));
    expect(l1).toEqual({ goods: '100.00', activityDiscount: '15.00', couponDiscount: '7.00', pointsDeduction: '3.00', memberDiscount: '2.00' });
    expect(l2).toEqual({ goods: '45.00', activityDiscount: '0.00', couponDiscount: '0.00', pointsDeduction: '0.00', memberDiscount: '0.00' });
    expect(b.lines[1]!.amounts.memberDiscount.currency).toBe('CNY');
  });

  it('without member discounts every line’s is zero; the order’s payable follows (ORD-1)', () => {
    const b = breakdownFromPricing(pricing);
    expect(b.lines.map((l) => l.amounts.memberDiscount.toString())).toEqual(['0.00', '0.00']);
    expect(orderAmounts(b.lines, b.freight, b.freightCouponDiscount).payable.toString()).toBe('124.00'); // 145 + 12 − (10 + 5 + 7 + 8 + 3)
  });
});
