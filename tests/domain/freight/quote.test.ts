import { describe, expect, it } from 'vitest';
import { defaultShopFreightSettings } from '../../../domain/freight/shop-settings.js';
import { quoteFreight, type FreightQuoteInput } from '../../../domain/freight/quote.js';
import { domainErrorOf } from '../../support/mothers.js';
import { aTemplate, FREE_OVER_69, line, R, rate, settings, SHOP } from './freight-mothers.js';

const perItem = (combination: 'sum' | 'max' = 'sum') => settings({ mode: 'per_item', combination });
const quote = (over: Partial<FreightQuoteInput>) =>
  quoteFreight({ address: R.xihu, settings: defaultShopFreightSettings(SHOP), templates: [], lines: [], ...over });
const total = (over: Partial<FreightQuoteInput>) => quote(over).total.toString();

/** First 10 pieces 10.00, then 20.00 per further 10 started. */
const byTen = aTemplate('t-ten', { defaultRate: rate(10, '10.00', 10, '20.00') });

describe('per-item templates (单品运费模板, spec §7)', () => {
  it.each([
    [1, '10.00'],
    [10, '10.00'],
    [11, '30.00'],
    [12, '30.00'],
    [20, '30.00'],
    [21, '50.00'],
  ])('first 10 pieces 10.00, then 20.00 per further 10 started: %i pieces cost %s', (n, fee) => {
    expect(total({ templates: [byTen], lines: [line('a', n, '1.00', 't-ten')] })).toBe(fee);
  });

  it('lines sharing a template are charged together, not one by one', () => {
    const q = quote({ templates: [byTen], lines: [line('a', 6, '1.00', 't-ten'), line('b', 6, '1.00', 't-ten')] });
    expect(q.groups).toHaveLength(1);
    expect(q.groups[0]).toMatchObject({ kind: 'template', templateId: 't-ten', quantity: 12, units: '12' });
    expect(q.total.toString()).toBe('30.00');
  });

  it('charges by weight per started step: first 1 kg 12.00, then 5.00 per 0.5 kg started', () => {
    const t = aTemplate('t-kg', { chargeBy: 'weight', defaultRate: rate(1, '12.00', '0.5', '5.00') });
    const q = quote({ templates: [t], lines: [line('a', 3, '9.00', 't-kg', { weight: '0.45' })] }); // 1.35 kg
    expect(q.groups[0]!.units).toBe('1.35');
    expect(q.total.toString()).toBe('17.00');
    expect(total({ templates: [t], lines: [line('a', 2, '9.00', 't-kg', { weight: '0.75' })] })).toBe('17.00'); // 1.5 kg: one step
    expect(total({ templates: [t], lines: [line('a', 1, '9.00', 't-kg', { weight: '0.999' })] })).toBe('12.00');
  });

  it('charges by volume: first 0.1 m³ 20.00, then 8.00 per 0.05 m³ started', () => {
    const t = aTemplate('t-m3', { chargeBy: 'volume', defaultRate: rate('0.1', '20.00', '0.05', '8.00') });
    expect(total({ templates: [t], lines: [line('a', 4, '9.00', 't-m3', { volume: '0.04' })] })).toBe('36.00'); // 0.16 m³: 2 steps
  });

  it('a region rule covering the address wins over the default; the quote names it', () => {
    const t = aTemplate('t-r', {
      defaultRate: rate(1, '8.00', 1, '2.00'),
      regionRates: [
        { regions: [R.xinjiang, R.tibet], rate: rate(1, '25.00', 1, '10.00') },
        { regions: [R.hangzhou], rate: rate(1, '5.00', 1, '1.00') },
      ],
    });
    const xihu = quote({ templates: [t], lines: [line('a', 2, '1.00', 't-r')] });
    expect(xihu.total.toString()).toBe('6.00');
    expect(xihu.groups[0]!.rate!.matched).toEqual({ source: 'region', index: 1, regions: [R.hangzhou] });
    const lhasa = quote({ address: R.lhasa, templates: [t], lines: [line('a', 2, '1.00', 't-r')] });
    expect(lhasa.total.toString()).toBe('35.00');
    const elsewhere = quote({ address: '440305', templates: [t], lines: [line('a', 2, '1.00', 't-r')] });
    expect([elsewhere.total.toString(), elsewhere.groups[0]!.rate!.matched.source]).toEqual(['10.00', 'default']);
  });

  describe('free-shipping rules (指定条件包邮)', () => {
    const both = (combine: 'and' | 'or') =>
      aTemplate('t-free', { defaultRate: rate(1, '10.00', 1, '1.00'), freeRules: [{ minQuantity: 10, minAmount: '10.00', combine }] });
    it.each([
      ['and', 10, '10.00', '0.00', true],
      ['and', 10, '9.99', '19.00', false],
      ['and', 9, '50.00', '18.00', false],
      ['or', 9, '10.00', '0.00', true],
      ['or', 10, '0.50', '0.00', true],
      ['or', 9, '9.99', '18.00', false],
    ] as const)('free when count ≥ 10 %s amount ≥ 10.00: %i pieces for %s pay %s', (combine, n, amount, fee, met) => {
      const q = quote({ templates: [both(combine)], lines: [line('a', n, amount, 't-free')] });
      expect(q.total.toString()).toBe(fee);
      expect(q.groups[0]!.free).toMatchObject({ source: 'template', index: 0, minQuantity: 10, combine, met });
    });

    it('a regional free rule applies inside its regions, the rule for everywhere elsewhere', () => {
      const t = aTemplate('t-fr', {
        defaultRate: rate(1, '10.00', 1, '0.00'),
        freeRules: [{ minAmount: '99.00' }, { regions: [R.zhejiang], minQuantity: 2 }],
      });
      const inZj = quote({ templates: [t], lines: [line('a', 2, '5.00', 't-fr')] });
      expect([inZj.total.toString(), inZj.groups[0]!.free!.index]).toEqual(['0.00', 1]);
      const out = quote({ address: R.urumqi, templates: [t], lines: [line('a', 2, '5.00', 't-fr')] });
      expect([out.total.toString(), out.groups[0]!.free!.index, out.groups[0]!.free!.met]).toEqual(['10.00', 0, false]);
    });
  });

  it('lines without a template ship free in per-item mode, listed as unassigned', () => {
    const q = quote({ templates: [byTen], lines: [line('a', 1, '1.00', null), line('b', 1, '1.00', 't-ten')] });
    expect(q.groups.map((g) => [g.kind, g.fee.toString(), g.charged.toString()])).toEqual([
      ['unassigned', '0.00', '0.00'],
      ['template', '10.00', '10.00'],
    ]);
    expect(q.total.toString()).toBe('10.00');
  });

  describe('several templates in one order: sum (叠加) or max (取最大值), as the shop chooses', () => {
    const a = aTemplate('t-a', { defaultRate: rate(1, '8.00', 1, '2.00') });
    const b = aTemplate('t-b', { defaultRate: rate(1, '12.00', 1, '0.00') });
    const lines = [line('x', 2, '1.00', 't-a'), line('y', 1, '1.00', 't-b')]; // 10.00 and 12.00
    it('sum charges every template', () => {
      const q = quote({ settings: perItem('sum'), templates: [a, b], lines });
      expect(q.groups.map((g) => g.charged.toString())).toEqual(['10.00', '12.00']);
      expect(q.total.toString()).toBe('22.00');
    });
    it('max charges only the largest; the others show their fee and charge 0', () => {
      const q = quote({ settings: perItem('max'), templates: [a, b], lines });
      expect(q.groups.map((g) => [g.fee.toString(), g.charged.toString()])).toEqual([
        ['10.00', '0.00'],
        ['12.00', '12.00'],
      ]);
      expect(q.total.toString()).toBe('12.00');
    });
  });
});

describe('shop template (店铺运费)', () => {
  const shop = settings({ mode: 'shop', shopTemplate: { ...FREE_OVER_69, regionRates: [{ regions: [R.xinjiang], rate: { fee: '25.00', freeOver: null } }] } });
  it.each([
    ['68.99', '10.00', false],
    ['69.00', '0.00', true],
    ['150.00', '0.00', true],
  ])('"free over 69.00, else 10.00": an order of %s pays %s', (amount, fee, free) => {
    const q = quote({ settings: shop, templates: [byTen], lines: [line('a', 30, amount, 't-ten')] });
    expect(q.total.toString()).toBe(fee);
    expect(q.shopCheck).toMatchObject({ free, matched: { source: 'default' } });
    expect(q.groups).toHaveLength(1);
    expect(q.groups[0]).toMatchObject({ kind: 'shop', quantity: 30 });
  });
  it('per region: Xinjiang pays 25.00 and is never free', () => {
    const q = quote({ address: R.urumqi, settings: shop, lines: [line('a', 1, '500.00', null)] });
    expect(q.total.toString()).toBe('25.00');
    expect(q.shopCheck!.matched).toEqual({ source: 'region', index: 0, regions: [R.xinjiang] });
  });
});

describe('mixed mode (混合): the shop template first, FRT-1', () => {
  const mixed = (combination: 'sum' | 'max' = 'sum') => settings({ mode: 'mixed', combination, shopTemplate: FREE_OVER_69 });
  const bulky = aTemplate('t-bulky', { name: '大件 bulky', defaultRate: rate(1, '30.00', 1, '10.00'), overridesShop: true });
  const small = aTemplate('t-small', { defaultRate: rate(1, '6.00', 1, '1.00') });

  it('FRT-1: the order reaches the shop amount: free at shop level, but the overriding template is still charged on its own', () => {
    const q = quote({ settings: mixed(), templates: [bulky, small], lines: [line('sofa', 1, '50.00', 't-bulky'), line('cup', 2, '30.00', 't-small')] });
    expect(q.shopCheck).toMatchObject({ free: true });
    expect(q.shopCheck!.orderAmount.toString()).toBe('80.00');
    expect(q.groups.map((g) => [g.kind, g.templateId, g.charged.toString()])).toEqual([
      ['template', 't-bulky', '30.00'],
      ['shop', null, '0.00'],
    ]);
    expect(q.total.toString()).toBe('30.00');
  });

  it('FRT-1: below the shop amount, freight follows the per-item templates (the overriding one included)', () => {
    const q = quote({ settings: mixed(), templates: [bulky, small], lines: [line('sofa', 1, '20.00', 't-bulky'), line('cup', 2, '30.00', 't-small')] });
    expect(q.shopCheck!.free).toBe(false);
    expect(q.groups.map((g) => [g.templateId, g.charged.toString()])).toEqual([
      ['t-bulky', '30.00'],
      ['t-small', '7.00'],
    ]);
    expect(q.total.toString()).toBe('37.00');
  });

  it('FRT-1: without an overriding template, an order above the shop amount ships free', () => {
    const q = quote({ settings: mixed(), templates: [small], lines: [line('cup', 10, '70.00', 't-small')] });
    expect(q.total.toString()).toBe('0.00');
    expect(q.groups[0]).toMatchObject({ kind: 'shop', free: { source: 'shop', met: true } });
  });

  it('below the shop amount, lines without a template pay the shop fee as one more group, combined like a template', () => {
    const sum = quote({ settings: mixed('sum'), templates: [small], lines: [line('cup', 1, '10.00', 't-small'), line('pen', 1, '5.00', null)] });
    expect(sum.groups.map((g) => [g.kind, g.charged.toString()])).toEqual([
      ['template', '6.00'],
      ['shop', '10.00'],
    ]);
    expect(sum.total.toString()).toBe('16.00');
    expect(
      quote({ settings: mixed('max'), templates: [small], lines: [line('cup', 1, '10.00', 't-small'), line('pen', 1, '5.00', null)] }).total.toString(),
    ).toBe('10.00');
  });
});

describe('shipping coupon, carrier cost', () => {
  const t = aTemplate('t', { defaultRate: rate(1, '12.00', 1, '0.00') });
  it.each([
    ['5.00', '5.00', '7.00'],
    ['12.00', '12.00', '0.00'],
    ['20.00', '12.00', '0.00'],
  ])('a shipping coupon of %s deducts %s after everything else, capped by the freight', (asked, applied, left) => {
    const q = quote({ templates: [t], lines: [line('a', 1, '1.00', 't')], shippingDeduction: asked });
    expect([q.subtotal.toString(), q.deduction.toString(), q.total.toString()]).toEqual(['12.00', applied, left]);
  });

  it('the real carrier cost is reported beside the charge, never added to it', () => {
    const s = settings({ mode: 'per_item', carrierCost: { chargeBy: 'weight', defaultRate: rate(1, '6.00', 1, '2.00') } });
    const q = quote({ settings: s, templates: [t], lines: [line('a', 3, '1.00', 't', { weight: '0.8' })] }); // 2.4 kg
    expect(q.carrierCost!.toString()).toBe('10.00');
    expect(q.total.toString()).toBe('12.00');
    const unknown = quote({ settings: s, templates: [t], lines: [line('a', 3, '1.00', 't')] });
    expect(unknown.carrierCost).toBeNull();
    expect(quote({ templates: [t], lines: [line('a', 1, '1.00', 't')] }).carrierCost).toBeNull();
  });
});

describe('bad input', () => {
  const byWeight = aTemplate('t-kg', { chargeBy: 'weight', defaultRate: rate(1, '10.00', 1, '1.00') });
  const byVolume = aTemplate('t-m3', { chargeBy: 'volume', defaultRate: rate(1, '10.00', 1, '1.00') });
  it.each([
    ['a volume template on a SKU without volume', { templates: [byVolume], lines: [line('a', 1, '1.00', 't-m3', { weight: '1' })] }, 'FREIGHT.MISSING_VOLUME'],
    ['a weight template on a SKU without weight', { templates: [byWeight], lines: [line('a', 1, '1.00', 't-kg')] }, 'FREIGHT.MISSING_WEIGHT'],
    ['an address without a region', { address: '', templates: [byTen], lines: [line('a', 1, '1.00', 't-ten')] }, 'FREIGHT.INVALID_ADDRESS'],
    ['an address that is a province', { address: R.zhejiang, templates: [byTen], lines: [line('a', 1, '1.00', 't-ten')] }, 'FREIGHT.INVALID_ADDRESS'],
    ['an unknown region', { address: '990101', templates: [byTen], lines: [line('a', 1, '1.00', 't-ten')] }, 'FREIGHT.INVALID_ADDRESS'],
    ['no lines', { templates: [byTen] }, 'FREIGHT.NO_LINES'],
    ['quantity 0', { templates: [byTen], lines: [line('a', 0, '1.00', 't-ten')] }, 'QUANTITY.INVALID'],
    ['a negative line amount', { templates: [byTen], lines: [line('a', 1, '-1.00', 't-ten')] }, 'FREIGHT.INVALID_PRICE'],
    ['a negative coupon deduction', { templates: [byTen], lines: [line('a', 1, '1.00', 't-ten')], shippingDeduction: '-1.00' }, 'FREIGHT.INVALID_PRICE'],
    ['a zero weight', { templates: [byWeight], lines: [line('a', 1, '1.00', 't-kg', { weight: '0' })] }, 'FREIGHT.INVALID_MEASURE'],
    ['a template the quote was not given', { lines: [line('a', 1, '1.00', 't-nope')] }, 'FREIGHT.UNKNOWN_TEMPLATE'],
    [
      'a template of another shop',
      { templates: [aTemplate('t-other', { shopId: 'shop-2' })], lines: [line('a', 1, '1.00', 't-other')] },
      'FREIGHT.UNKNOWN_TEMPLATE',
    ],
  ] as const)('%s → %s', (_, over, code) => {
    const e = domainErrorOf(() => quote(over as Partial<FreightQuoteInput>));
    expect(e.code).toBe(code);
  });

  it('FREIGHT.MISSING_VOLUME names the SKU', () => {
    expect(domainErrorOf(() => quote({ templates: [byVolume], lines: [line('sku-9', 1, '1.00', 't-m3')] })).details).toEqual({ skuId: 'sku-9' });
  });
});

describe('the worked example of docs/contexts/freight.md', () => {
  const s = settings({ mode: 'mixed', combination: 'sum', shopTemplate: FREE_OVER_69 });
  const ten = aTemplate('T1', { name: 'by ten', defaultRate: rate(10, '10.00', 10, '20.00') });
  const bulky = aTemplate('T2', { name: 'bulky', chargeBy: 'volume', defaultRate: rate('0.1', '30.00', '0.1', '10.00'), overridesShop: true });
  const lines = (amountA: string) => [line('A', 12, amountA, 'T1'), line('B', 1, '20.00', 'T2', { volume: '0.15' }), line('C', 1, '5.00', null)];

  it('65.00 of goods, below 69.00: per-item templates plus the shop fee for the untemplated line, 80.00 − 5.00 = 75.00', () => {
    const q = quote({ settings: s, templates: [ten, bulky], lines: lines('40.00'), shippingDeduction: '5.00' });
    expect(q.groups.map((g) => [g.kind, g.templateId, g.units, g.fee.toString(), g.charged.toString()])).toEqual([
      ['template', 'T1', '12', '30.00', '30.00'],
      ['template', 'T2', '0.15', '40.00', '40.00'],
      ['shop', null, '1', '10.00', '10.00'],
    ]);
    expect([q.subtotal.toString(), q.deduction.toString(), q.total.toString()]).toEqual(['80.00', '5.00', '75.00']);
  });

  it('69.00 of goods: FRT-1, free at shop level but the bulky template still pays, 40.00 − 5.00 = 35.00', () => {
    const q = quote({ settings: s, templates: [ten, bulky], lines: lines('44.00'), shippingDeduction: '5.00' });
    expect(q.groups.map((g) => [g.kind, g.templateId, g.lines.map((l) => l.skuId).join(''), g.charged.toString()])).toEqual([
      ['shop', null, 'AC', '0.00'],
      ['template', 'T2', 'B', '40.00'],
    ]);
    expect(q.total.toString()).toBe('35.00');
  });
});
