import { describe, expect, it } from 'vitest';
import { FreightTemplate } from '../../../domain/freight/template.js';
import { ShopFreightSettings } from '../../../domain/freight/shop-settings.js';
import { domainErrorOf } from '../../support/mothers.js';
import { FREE_OVER_69, R, rate, templateFields } from './freight-mothers.js';

const create = (over: Parameters<typeof templateFields>[0]) => FreightTemplate.create('t1', templateFields(over));

describe('FreightTemplate (单品运费模板)', () => {
  it('is created at version 0 with prices as Money, units as exact decimals, region codes checked', () => {
    const s = create({
      name: ' 偏远 remote ',
      chargeBy: 'weight',
      defaultRate: rate('1.5', '12.00', '0.5', '3.00'),
      regionRates: [{ regions: [R.xinjiang], rate: rate(1, '30.00', 1, '15.00') }],
      freeRules: [{ minAmount: '99.00' }],
    }).toSnapshot();
    expect(s).toMatchObject({ id: 't1', shopId: 'shop-1', name: '偏远 remote', chargeBy: 'weight', overridesShop: false, version: 0 });
    expect(JSON.parse(JSON.stringify(s.defaultRate))).toEqual({ firstUnits: '1.5', firstPrice: '12.00', additionalUnits: '0.5', additionalPrice: '3.00' });
    expect(s.freeRules).toEqual([expect.objectContaining({ regions: [], minQuantity: null, combine: 'and' })]);
  });

  it.each([
    ['a province and a city inside it', [[R.zhejiang], [R.hangzhou]]],
    ['a city and a district inside it, in one rule', [[R.hangzhou, R.xihu]]],
    ['the same region twice', [[R.tibet], [R.tibet]]],
  ])('FREIGHT.OVERLAPPING_REGIONS: %s', (_, groups) => {
    const e = domainErrorOf(() => create({ regionRates: groups.map((regions) => ({ regions, rate: rate(1, '1.00', 1, '1.00') })) }));
    expect(e.code).toBe('FREIGHT.OVERLAPPING_REGIONS');
    expect(e.details.regions).toHaveLength(2);
  });

  it('neighbouring regions do not overlap', () => {
    expect(() =>
      create({
        regionRates: [
          { regions: [R.xihu, R.binjiang], rate: rate(1, '1.00', 1, '1.00') },
          { regions: [R.tibet], rate: rate(1, '1.00', 1, '1.00') },
        ],
      }),
    ).not.toThrow();
  });

  it.each([
    ['a negative first price', { defaultRate: rate(1, '-1.00', 1, '1.00') }, 'FREIGHT.INVALID_PRICE'],
    ['a price with three decimals', { defaultRate: rate(1, '1.001', 1, '1.00') }, 'FREIGHT.INVALID_PRICE'],
    ['zero additional units', { defaultRate: rate(1, '1.00', 0, '1.00') }, 'FREIGHT.INVALID_UNITS'],
    ['half a piece', { defaultRate: rate('0.5', '1.00', 1, '1.00') }, 'FREIGHT.INVALID_UNITS'],
    ['an unknown charge mode', { chargeBy: 'distance' as never }, 'FREIGHT.INVALID_TEMPLATE'],
    ['an empty name', { name: '  ' }, 'FREIGHT.INVALID_TEMPLATE'],
    ['a region rule without regions', { regionRates: [{ regions: [], rate: rate(1, '1.00', 1, '1.00') }] }, 'FREIGHT.INVALID_REGION'],
    ['an invalid region code', { regionRates: [{ regions: ['999999'], rate: rate(1, '1.00', 1, '1.00') }] }, 'FREIGHT.INVALID_REGION'],
    ['a free rule without a condition', { freeRules: [{}] }, 'FREIGHT.INVALID_FREE_RULE'],
    ['a free rule with amount and count but no AND/OR', { freeRules: [{ minAmount: '10.00', minQuantity: 10 }] }, 'FREIGHT.INVALID_FREE_RULE'],
    ['a free rule counting 0 pieces', { freeRules: [{ minQuantity: 0 }] }, 'FREIGHT.INVALID_FREE_RULE'],
    ['two free rules for every region', { freeRules: [{ minQuantity: 1 }, { minAmount: '1.00' }] }, 'FREIGHT.OVERLAPPING_REGIONS'],
    [
      'overlapping free rules',
      {
        freeRules: [
          { regions: [R.zhejiang], minQuantity: 1 },
          { regions: [R.xihu], minQuantity: 2 },
        ],
      },
      'FREIGHT.OVERLAPPING_REGIONS',
    ],
  ] as const)('rejects %s (%s)', (_, over, code) => {
    expect(domainErrorOf(() => create(over as never)).code).toBe(code);
  });

  it('update checks the whole template again and keeps the shop', () => {
    const t = create({});
    t.update({ name: 'renamed', overridesShop: true, shopId: 'other' } as never);
    expect(t.toSnapshot()).toMatchObject({ name: 'renamed', overridesShop: true, shopId: 'shop-1' });
    expect(domainErrorOf(() => t.update({ regionRates: [{ regions: [R.zhejiang, R.xihu], rate: rate(1, '1.00', 1, '1.00') }] })).code).toBe(
      'FREIGHT.OVERLAPPING_REGIONS',
    );
    expect(t.toSnapshot().name).toBe('renamed');
  });
});

describe('ShopFreightSettings (店铺运费)', () => {
  it('defaults to per-item templates combined by sum', () => {
    expect(ShopFreightSettings.forShop('s', null).toSnapshot()).toEqual({
      id: 's',
      mode: 'per_item',
      combination: 'sum',
      shopTemplate: null,
      carrierCost: null,
      version: 0,
    });
  });
  it.each([
    ['shop mode without a shop template', { mode: 'shop' }, 'FREIGHT.SHOP_TEMPLATE_REQUIRED'],
    ['mixed mode without a shop template', { mode: 'mixed' }, 'FREIGHT.SHOP_TEMPLATE_REQUIRED'],
    ['an unknown combination', { mode: 'per_item', combination: 'avg' }, 'FREIGHT.INVALID_TEMPLATE'],
    ['a negative shop fee', { mode: 'shop', shopTemplate: { defaultRate: { fee: '-10.00' } } }, 'FREIGHT.INVALID_PRICE'],
    [
      'overlapping shop regions',
      {
        mode: 'shop',
        shopTemplate: {
          ...FREE_OVER_69,
          regionRates: [
            { regions: [R.tibet], rate: { fee: '1.00' } },
            { regions: [R.lhasa], rate: { fee: '2.00' } },
          ],
        },
      },
      'FREIGHT.OVERLAPPING_REGIONS',
    ],
  ] as const)('rejects %s', (_, fields, code) => {
    expect(domainErrorOf(() => ShopFreightSettings.forShop('s', null).define(fields as never)).code).toBe(code);
  });
});
