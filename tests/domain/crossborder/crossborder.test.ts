import { describe, expect, it } from 'vitest';
import { comprehensiveTaxRate, crossBorderTax } from '../../../domain/crossborder/tax.js';
import { checkCrossBorderLimits, chinaYear, crossBorderLimitViolations } from '../../../domain/crossborder/limits.js';
import { assertFourDocumentsAgree, checkFourDocuments, type FourDocuments } from '../../../domain/crossborder/documents.js';
import { Money } from '../../../domain/shared/money.js';
import { domainErrorOf } from '../../support/mothers.js';

describe('comprehensive tax (综合税, spec §18)', () => {
  it('800.00 of milk powder at 0 % consumption and 17 % VAT pays 95.20 (rate 11.9 %)', () => {
    const t = crossBorderTax([{ price: '800.00', consumptionRate: '0', vatRate: '0.17' }]);
    expect(t.lines[0]!.rate).toBe('0.119');
    expect(t.total.toString()).toBe('95.20');
  });

  it.each([
    // price, consumption, VAT, exact = price × (c + v) / (1 − c) × 0.7, tax rounded half-up per line
    ['100.00', '0.15', '0.13', '23.06'], // 100 × 0.28 / 0.85 × 0.7 = 23.0588…
    ['1000.00', '0.3', '0.13', '430.00'], // 1000 × 0.43 / 0.7 × 0.7 = 430
    ['0.05', '0', '0.13', '0.00'], // 0.00455 → 0.00
    ['0.07', '0', '0.13', '0.01'], // 0.00637 → 0.01
    ['50.00', '0', '0', '0.00'],
  ])('%s at consumption %s and VAT %s pays %s', (price, c, v, tax) => {
    expect(crossBorderTax([{ price, consumptionRate: c, vatRate: v }]).total.toString()).toBe(tax);
  });

  it('rounds once per line, half-up; the order tax is the sum of the rounded lines', () => {
    // each line: 0.05 × 0.091 = 0.00455 → 0.00; together 0.0091 would round to 0.01
    const t = crossBorderTax([
      { price: '0.05', consumptionRate: 0, vatRate: '0.13' },
      { price: '0.05', consumptionRate: 0, vatRate: '0.13' },
    ]);
    expect(t.lines.map((l) => l.tax.toString())).toEqual(['0.00', '0.00']);
    expect(t.total.toString()).toBe('0.00');
    const half = crossBorderTax([{ price: '5.00', consumptionRate: 0, vatRate: '0.01' }]); // 5 × 0.007 = 0.035 → 0.04
    expect(half.total.toString()).toBe('0.04');
  });

  it.each([
    ['a consumption rate of 100 %', { price: '1.00', consumptionRate: 1, vatRate: '0.13' }, 'CROSSBORDER.INVALID_RATE'],
    ['a negative VAT rate', { price: '1.00', consumptionRate: 0, vatRate: '-0.1' }, 'CROSSBORDER.INVALID_RATE'],
    ['a negative price', { price: '-1.00', consumptionRate: 0, vatRate: '0.13' }, 'CROSSBORDER.INVALID_AMOUNT'],
    ['a price with fractions of a cent', { price: '1.005', consumptionRate: 0, vatRate: '0.13' }, 'CROSSBORDER.INVALID_AMOUNT'],
  ])('rejects %s', (_, l, code) => {
    expect(domainErrorOf(() => crossBorderTax([l])).code).toBe(code);
  });

  it('the rate is exact, not rounded: 15 % and 13 % give 0.28 / 0.85 × 0.7', () => {
    expect(comprehensiveTaxRate('0.15', '0.13').toSignificantDigits(10).toString()).toBe('0.2305882353');
  });
});

describe('limits (单次 2,000.00, 年度 20,000.00 per person)', () => {
  it.each([
    ['2000.00', '0.00', []],
    ['2000.01', '0.00', ['CROSSBORDER.TRANSACTION_LIMIT']],
    ['1000.00', '19000.00', []],
    ['1000.01', '19000.00', ['CROSSBORDER.YEARLY_LIMIT']],
    ['2500.00', '19000.00', ['CROSSBORDER.TRANSACTION_LIMIT', 'CROSSBORDER.YEARLY_LIMIT']],
    ['0.01', '20000.00', ['CROSSBORDER.YEARLY_LIMIT']],
  ])('%s with %s paid this year breaks %j', (amount, paidThisYear, codes) => {
    expect(crossBorderLimitViolations({ amount, paidThisYear }).map((v) => v.code)).toEqual(codes);
  });

  it('checkCrossBorderLimits throws the per-transaction limit first, with the figures', () => {
    const e = domainErrorOf(() => checkCrossBorderLimits({ amount: '2500.00', paidThisYear: '19000.00' }));
    expect(e.code).toBe('CROSSBORDER.TRANSACTION_LIMIT');
    expect(e.details).toEqual({
      limit: '2000.00',
      amount: '2500.00',
      paidThisYear: '19000.00',
      remaining: '1000.00',
      alsoBreaks: ['CROSSBORDER.YEARLY_LIMIT'],
    });
    expect(domainErrorOf(() => checkCrossBorderLimits({ amount: '1500.00', paidThisYear: '19000.00' })).code).toBe('CROSSBORDER.YEARLY_LIMIT');
    expect(() => checkCrossBorderLimits({ amount: '1000.00', paidThisYear: '19000.00' })).not.toThrow();
  });

  it('spec §18 yearly limit: what is left of the year never goes below 0.00 — 25,000.00 paid (an earlier, larger limit) leaves 0.00, not −5,000.00', () => {
    const [v] = crossBorderLimitViolations({ amount: '10.00', paidThisYear: '25000.00' });
    expect(v?.code).toBe('CROSSBORDER.YEARLY_LIMIT');
    expect(v?.remaining.toString()).toBe('0.00');
    expect(domainErrorOf(() => checkCrossBorderLimits({ amount: '10.00', paidThisYear: '25000.00' })).details.remaining).toBe('0.00');
    expect(crossBorderLimitViolations({ amount: '2000.01', paidThisYear: '18500.00' })[0]?.remaining.toString()).toBe('1500.00');
  });

  it('the year is the calendar year in China (UTC+8)', () => {
    expect(chinaYear(new Date('2026-12-31T15:59:59Z'))).toBe(2026);
    expect(chinaYear(new Date('2026-12-31T16:00:00Z'))).toBe(2027);
  });
});

const agreeing = (): FourDocuments => {
  const buyer = { name: '张三', idNumber: '33010619900101123X' };
  const consignee = { name: '李四', phone: '13800000000', address: '浙江省杭州市西湖区文三路 1 号' };
  const items = [{ skuId: 'milk', quantity: 2, price: '400.00' }];
  return {
    order: { orderNo: 'O-1', buyer, consignee, items, total: '895.20' },
    payment: { orderNo: 'O-1', payer: { ...buyer, idNumber: '33010619900101123x' }, amount: '895.20' },
    waybill: { waybillNo: 'W-1', orderNo: 'O-1', consignee },
    declaration: { orderNo: 'O-1', waybillNo: 'W-1', buyer, consignee, items, declaredAmount: '895.20' },
  };
};

describe('the four-document check (四单对碰)', () => {
  it('agreeing documents pass; the payment may be less than the declared amount', () => {
    expect(checkFourDocuments(agreeing())).toEqual({ consistent: true, mismatches: [] });
    const d = agreeing();
    expect(checkFourDocuments({ ...d, payment: { ...d.payment, amount: '880.00' } }).consistent).toBe(true);
  });

  it('the payment amount never exceeds the declared amount', () => {
    const d = agreeing();
    const r = checkFourDocuments({ ...d, payment: { ...d.payment, amount: '895.21' } });
    expect(r.mismatches).toEqual([
      { kind: 'PAYMENT_EXCEEDS_DECLARED', documents: ['declaration', 'payment'], field: 'amount', expected: 'at most 895.20', actual: '895.21' },
    ]);
  });

  it('reports every mismatch, not only the first', () => {
    const d = agreeing();
    const r = checkFourDocuments({
      ...d,
      payment: { orderNo: 'O-2', payer: { name: '王五', idNumber: d.order.buyer.idNumber }, amount: '900.00' },
      waybill: { ...d.waybill, consignee: { ...d.order.consignee, phone: '13900000000' } },
      declaration: {
        ...d.declaration,
        waybillNo: 'W-9',
        items: [
          { skuId: 'milk', quantity: 1, price: '400.00' },
          { skuId: 'gift', quantity: 1, price: '0.00' },
        ],
        declaredAmount: '495.20',
      },
    });
    expect(r.consistent).toBe(false);
    expect(r.mismatches.map((m) => `${m.kind} ${m.documents.join('/')} ${m.field}`)).toEqual([
      'ORDER_NO order/payment orderNo',
      'WAYBILL_NO waybill/declaration waybillNo',
      'BUYER order/payment payer.name',
      'CONSIGNEE order/waybill consignee.phone',
      'ITEMS order/declaration items[gift].quantity',
      'ITEMS order/declaration items[milk].quantity',
      'DECLARED_AMOUNT order/declaration declaredAmount',
      'PAYMENT_EXCEEDS_DECLARED declaration/payment amount',
    ]);
    const e = domainErrorOf(() => assertFourDocumentsAgree({ ...d, waybill: { ...d.waybill, orderNo: 'X' } }));
    expect(e.code).toBe('CROSSBORDER.DOCUMENTS_MISMATCH');
    expect(e.details.mismatches).toHaveLength(1);
  });
});

describe('rounding at the half cent (spec §18)', () => {
  it('823.05 at 51 % consumption tax and 12 % VAT pays 740.75: the exact tax is 740.745, rounded half-up', () => {
    expect(crossBorderTax([{ price: Money.of('823.05'), consumptionRate: '0.51', vatRate: '0.12' }]).total.toString()).toBe('740.75');
  });
});
