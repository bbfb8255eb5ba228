import { describe, expect, it } from 'vitest';
import type { AttributeTemplate } from '../../../domain/catalog/attribute.js';
import { Spu } from '../../../domain/catalog/spu.js';
import { Money } from '../../../domain/shared/money.js';
import { aComboSpu, aLeafCategory, aPhoneSpu, at, domainErrorOf, phoneAttributes, sequentialIds, T0 } from '../../support/mothers.js';

const price = (text: string): Money => Money.of(text);
const codeOf = (fn: () => unknown): string => domainErrorOf(fn).code;

describe('Spu — SKU generation (sales attributes 销售属性)', () => {
  it('generates one SKU per combination of the sales attribute values, the first attribute varying slowest', () => {
    const spu = aPhoneSpu();
    expect(spu.skus.map((s) => s.specs)).toEqual([
      { color: 'black', storage: '128G' },
      { color: 'black', storage: '256G' },
      { color: 'white', storage: '128G' },
      { color: 'white', storage: '256G' },
    ]);
    expect(spu.skus.map((s) => s.code)).toEqual(['PHONE1-01', 'PHONE1-02', 'PHONE1-03', 'PHONE1-04']);
    expect(spu.skus.map((s) => s.id)).toEqual(['sku-1', 'sku-2', 'sku-3', 'sku-4']);
    expect(spu.skus.every((s) => s.salePrice.equals(price('3999.00')) && s.marketPrice?.equals(price('4999.00')))).toBe(true);
    expect(spu.status).toBe('draft');
  });

  it('a product without sales attributes has exactly one SKU with empty specs', () => {
    const leaf = aLeafCategory(phoneAttributes.map((a) => (a.kind === 'sales' ? { ...a, required: false } : a)));
    const spu = aPhoneSpu({ category: leaf, salesAttributes: [] });
    expect(spu.skus).toHaveLength(1);
    expect(spu.skus[0]!.specs).toEqual({});
  });

  it('per-combination drafts override code and prices; other SKUs keep the defaults', () => {
    const spu = aPhoneSpu({
      skus: [{ specs: { storage: '256G', color: 'white' }, code: 'PHONE1-W256', salePrice: price('4599.00'), marketPrice: null }],
    });
    const white256 = spu.skus.find((s) => s.specs.color === 'white' && s.specs.storage === '256G')!;
    expect(white256.code).toBe('PHONE1-W256');
    expect(white256.salePrice.toString()).toBe('4599.00');
    expect(white256.marketPrice).toBeNull();
    expect(spu.skus.filter((s) => s !== white256).every((s) => s.salePrice.equals(price('3999.00')))).toBe(true);
  });

  it('the platform price is the lowest SKU sale price', () => {
    const spu = aPhoneSpu({ skus: [{ specs: { color: 'black', storage: '128G' }, salePrice: price('3499.50') }] });
    expect(spu.platformPrice.toString()).toBe('3499.50');
  });

  it('a draft for specs that are not a combination is rejected (CATALOG.UNKNOWN_SKU_SPECS)', () => {
    expect(codeOf(() => aPhoneSpu({ skus: [{ specs: { color: 'blue', storage: '128G' }, salePrice: price('1.00') }] }))).toBe('CATALOG.UNKNOWN_SKU_SPECS');
    expect(codeOf(() => aPhoneSpu({ skus: [{ specs: { color: 'black' }, salePrice: price('1.00') }] }))).toBe('CATALOG.UNKNOWN_SKU_SPECS');
  });

  it('sales attribute values must be distinct options of a sales attribute of the category', () => {
    const sales = (values: string[], attributeId = 'color') => [
      { attributeId, values },
      { attributeId: 'storage', values: ['128G'] },
    ];
    expect(codeOf(() => aPhoneSpu({ salesAttributes: sales(['black', 'black']) }))).toBe('CATALOG.INVALID_ATTRIBUTE_VALUE');
    expect(codeOf(() => aPhoneSpu({ salesAttributes: sales([]) }))).toBe('CATALOG.INVALID_ATTRIBUTE_VALUE');
    expect(codeOf(() => aPhoneSpu({ salesAttributes: sales(['pink']) }))).toBe('CATALOG.INVALID_ATTRIBUTE_VALUE');
    expect(codeOf(() => aPhoneSpu({ salesAttributes: sales(['P1'], 'model') }))).toBe('CATALOG.UNKNOWN_ATTRIBUTE');
    expect(
      codeOf(() =>
        aPhoneSpu({
          salesAttributes: [
            { attributeId: 'storage', values: ['128G'] },
            { attributeId: 'color', values: ['black'] },
            { attributeId: 'color', values: ['white'] },
          ],
        }),
      ),
    ).toBe('CATALOG.INVALID_ATTRIBUTE_VALUE');
  });

  it('a required sales attribute must be given', () => {
    const e = domainErrorOf(() => aPhoneSpu({ salesAttributes: [{ attributeId: 'color', values: ['black'] }] }));
    expect(e.code).toBe('CATALOG.REQUIRED_ATTRIBUTE_MISSING');
    expect(e.details).toMatchObject({ attributeId: 'storage' });
  });

  it('at most 600 SKUs per product (CATALOG.TOO_MANY_SKUS)', () => {
    const options = (n: number, p: string) => Array.from({ length: n }, (_, i) => `${p}${i}`);
    const many: AttributeTemplate[] = [
      { id: 'a', name: 'A', kind: 'sales', required: true, input: 'single', options: options(25, 'a') },
      { id: 'b', name: 'B', kind: 'sales', required: true, input: 'single', options: options(25, 'b') },
    ];
    const category = aLeafCategory(many);
    const make = (nb: number) =>
      Spu.create({
        id: 's',
        code: 'BIG',
        title: 'Big',
        category,
        brandId: null,
        attributes: {},
        salesAttributes: [
          { attributeId: 'a', values: options(25, 'a') },
          { attributeId: 'b', values: options(nb, 'b') },
        ],
        salePrice: price('1.00'),
        skuIds: sequentialIds('k'),
        now: T0,
      });
    expect(make(24).skus).toHaveLength(600);
    expect(codeOf(() => make(25))).toBe('CATALOG.TOO_MANY_SKUS');
  });
});

describe('Spu — key, product and other attributes', () => {
  it('a required key attribute (关键属性) must be filled', () => {
    const e = domainErrorOf(() => aPhoneSpu({ attributes: {} }));
    expect(e.code).toBe('CATALOG.REQUIRED_ATTRIBUTE_MISSING');
    expect(e.details).toMatchObject({ attributeId: 'model' });
    expect(codeOf(() => aPhoneSpu({ attributes: { model: [] } }))).toBe('CATALOG.REQUIRED_ATTRIBUTE_MISSING');
  });

  it('optional attributes may be left out; given values must fit the template', () => {
    expect(aPhoneSpu({ attributes: { model: ['P1'], os: ['Android'], feature: ['NFC', '5G'] } }).skus).toHaveLength(4);
    expect(codeOf(() => aPhoneSpu({ attributes: { model: ['P1'], os: ['Android', 'iOS'] } }))).toBe('CATALOG.INVALID_ATTRIBUTE_VALUE');
    expect(codeOf(() => aPhoneSpu({ attributes: { model: ['P1'], os: ['Symbian'] } }))).toBe('CATALOG.INVALID_ATTRIBUTE_VALUE');
    expect(codeOf(() => aPhoneSpu({ attributes: { model: ['P1', 'P2'] } }))).toBe('CATALOG.INVALID_ATTRIBUTE_VALUE');
  });

  it('values for attributes the category does not have, or for sales attributes, are rejected', () => {
    expect(codeOf(() => aPhoneSpu({ attributes: { model: ['P1'], weight: ['180g'] } }))).toBe('CATALOG.UNKNOWN_ATTRIBUTE');
    expect(codeOf(() => aPhoneSpu({ attributes: { model: ['P1'], color: ['black'] } }))).toBe('CATALOG.UNKNOWN_ATTRIBUTE');
  });
});

describe('Spu — prices (whole cents, positive, market ≥ sale)', () => {
  const invalid = ['0.00', '-1.00', '19.999', '100000000.00'];

  it.each(invalid)('a sale price of %s is rejected (CATALOG.INVALID_PRICE)', (p) => {
    expect(codeOf(() => aPhoneSpu({ salePrice: price(p), marketPrice: null }))).toBe('CATALOG.INVALID_PRICE');
  });

  it.each(invalid)('a market price of %s is rejected (CATALOG.INVALID_PRICE)', (p) => {
    expect(codeOf(() => aPhoneSpu({ salePrice: price('0.01'), marketPrice: price(p) }))).toBe('CATALOG.INVALID_PRICE');
  });

  it('the highest price is 99999999.99', () => {
    expect(aPhoneSpu({ salePrice: price('99999999.99'), marketPrice: null }).platformPrice.toString()).toBe('99999999.99');
  });

  it('a market price below the sale price is rejected; equal is fine', () => {
    const e = domainErrorOf(() => aPhoneSpu({ salePrice: price('100.00'), marketPrice: price('99.99') }));
    expect(e.code).toBe('CATALOG.MARKET_PRICE_BELOW_SALE_PRICE');
    expect(aPhoneSpu({ salePrice: price('100.00'), marketPrice: price('100.00') }).skus).toHaveLength(4);
  });

  it('every SKU needs a sale price (CATALOG.PRICE_REQUIRED)', () => {
    const e = domainErrorOf(() => aPhoneSpu({ salePrice: undefined, skus: [{ specs: { color: 'black', storage: '128G' }, salePrice: price('1.00') }] }));
    expect(e.code).toBe('CATALOG.PRICE_REQUIRED');
  });

  it('changePrice keeps the invariants: an invalid change is rejected and changes nothing', () => {
    const spu = aPhoneSpu();
    spu.pullEvents();
    const sku = spu.skus[0]!;
    expect(codeOf(() => spu.changePrice(sku.id, { salePrice: price('5000.00') }, at(1)))).toBe('CATALOG.MARKET_PRICE_BELOW_SALE_PRICE');
    expect(codeOf(() => spu.changePrice(sku.id, { salePrice: price('0.001') }, at(1)))).toBe('CATALOG.INVALID_PRICE');
    expect(codeOf(() => spu.changePrice('nope', { salePrice: price('1.00') }, at(1)))).toBe('CATALOG.SKU_NOT_FOUND');
    expect(spu.skus[0]!.salePrice.toString()).toBe('3999.00');
    expect(spu.pullEvents()).toEqual([]);
  });

  it('changePrice records catalog.sku.price-changed with the new and previous price', () => {
    const spu = aPhoneSpu();
    spu.pullEvents();
    const sku = spu.skus[1]!;
    spu.changePrice(sku.id, { salePrice: price('3799.00'), marketPrice: null }, at(5));
    expect(spu.skus[1]!.salePrice.toString()).toBe('3799.00');
    expect(spu.skus[1]!.marketPrice).toBeNull();
    expect(spu.skus[0]!.salePrice.toString()).toBe('3999.00');
    expect(spu.toSnapshot().updatedAt).toEqual(at(5));
    expect(spu.pullEvents()).toEqual([
      {
        type: 'catalog.sku.price-changed',
        aggregateId: 'spu-phone',
        occurredAt: at(5),
        payload: { skuId: sku.id, salePrice: '3799.00', previous: '3999.00' },
      },
    ]);
  });
});

describe('Spu — codes, title, tags', () => {
  it('two SKU entries for the same combination are rejected, not silently merged (CATALOG.DUPLICATE_SKU_SPECS)', () => {
    const specs = { color: 'black', storage: '128G' };
    const e = domainErrorOf(() =>
      aPhoneSpu({
        skus: [
          { specs, salePrice: Money.of('1.00') },
          { specs: { ...specs }, salePrice: Money.of('2.00') },
        ],
      }),
    );
    expect(e.code).toBe('CATALOG.DUPLICATE_SKU_SPECS');
  });

  it('a product code has at most 60 characters, so generated SKU codes (<code>-NN) fit in 64', () => {
    const longest = aPhoneSpu({ code: 'P'.repeat(60) });
    expect(longest.skus.every((k) => k.code.length <= 64)).toBe(true);
    expect(domainErrorOf(() => aPhoneSpu({ code: 'P'.repeat(61) })).code).toBe('CATALOG.INVALID_CODE');
  });

  it('two SKUs with the same code are rejected (CATALOG.DUPLICATE_SKU_CODE)', () => {
    const e = domainErrorOf(() =>
      aPhoneSpu({
        skus: [
          { specs: { color: 'black', storage: '128G' }, code: 'SAME' },
          { specs: { color: 'white', storage: '128G' }, code: 'SAME' },
        ],
      }),
    );
    expect(e.code).toBe('CATALOG.DUPLICATE_SKU_CODE');
    expect(e.details).toMatchObject({ codes: ['SAME'] });
  });

  it('a given SKU code that clashes with a generated one is rejected', () => {
    // the second combination is generated as PHONE1-02
    expect(codeOf(() => aPhoneSpu({ skus: [{ specs: { color: 'black', storage: '128G' }, code: 'PHONE1-02' }] }))).toBe('CATALOG.DUPLICATE_SKU_CODE');
  });

  it('product and SKU codes are letters, digits, dot, dash, underscore, at most 64', () => {
    expect(codeOf(() => aPhoneSpu({ code: 'has space' }))).toBe('CATALOG.INVALID_CODE');
    expect(codeOf(() => aPhoneSpu({ code: '-leading' }))).toBe('CATALOG.INVALID_CODE');
    expect(codeOf(() => aPhoneSpu({ skus: [{ specs: { color: 'black', storage: '128G' }, code: '手机' }] }))).toBe('CATALOG.INVALID_CODE');
  });

  it('a title has 1 to 200 characters, on create and on update', () => {
    expect(codeOf(() => aPhoneSpu({ title: '  ' }))).toBe('CATALOG.INVALID_TITLE');
    expect(codeOf(() => aPhoneSpu({ title: 'x'.repeat(201) }))).toBe('CATALOG.INVALID_TITLE');
    const spu = aPhoneSpu();
    expect(codeOf(() => spu.update({ title: '' }, at(1)))).toBe('CATALOG.INVALID_TITLE');
    spu.update({ title: '  Phone One Pro ' }, at(2));
    expect(spu.toSnapshot().title).toBe('Phone One Pro');
  });

  it('tags are unique per kind and have 1 to 30 characters', () => {
    expect(
      aPhoneSpu({
        tags: [
          { kind: 'activity', name: '618' },
          { kind: 'service', name: '618' },
        ],
      }).toSnapshot().tags,
    ).toHaveLength(2);
    expect(
      codeOf(() =>
        aPhoneSpu({
          tags: [
            { kind: 'activity', name: '618' },
            { kind: 'activity', name: '618' },
          ],
        }),
      ),
    ).toBe('CATALOG.INVALID_TAG');
    expect(codeOf(() => aPhoneSpu({ tags: [{ kind: 'service', name: ' ' }] }))).toBe('CATALOG.INVALID_TAG');
    expect(codeOf(() => aPhoneSpu({ tags: [{ kind: 'service', name: 'x'.repeat(31) }] }))).toBe('CATALOG.INVALID_TAG');
  });

  it('records catalog.spu.created with the code, category and SKU ids', () => {
    expect(aPhoneSpu().pullEvents()).toEqual([
      {
        type: 'catalog.spu.created',
        aggregateId: 'spu-phone',
        occurredAt: T0,
        payload: { code: 'PHONE1', categoryId: 'smartphones', skuIds: ['sku-1', 'sku-2', 'sku-3', 'sku-4'] },
      },
    ]);
  });
});

describe('Spu — combo SKU (组合SKU)', () => {
  it('a combo has one SKU made of the component SKUs × quantities', () => {
    const combo = aComboSpu({
      components: [
        { skuId: 'a', quantity: 2 },
        { skuId: 'b', quantity: 1 },
      ],
    });
    expect(combo.toSnapshot().kind).toBe('combo');
    expect(combo.skus).toHaveLength(1);
    expect(combo.skus[0]!.code).toBe('DUO1-01');
    expect(combo.skus[0]!.components).toEqual([
      { skuId: 'a', quantity: 2 },
      { skuId: 'b', quantity: 1 },
    ]);
  });

  it('one SKU twice is a combo (2 units in all)', () => {
    expect(aComboSpu({ components: [{ skuId: 'a', quantity: 2 }] }).skus[0]!.components).toEqual([{ skuId: 'a', quantity: 2 }]);
  });

  it.each([
    ['a single unit', [{ skuId: 'a', quantity: 1 }]],
    ['no component', []],
    [
      'the same SKU listed twice',
      [
        { skuId: 'a', quantity: 1 },
        { skuId: 'a', quantity: 1 },
      ],
    ],
    [
      'a zero quantity',
      [
        { skuId: 'a', quantity: 2 },
        { skuId: 'b', quantity: 0 },
      ],
    ],
    [
      'a negative quantity',
      [
        { skuId: 'a', quantity: 3 },
        { skuId: 'b', quantity: -1 },
      ],
    ],
    [
      'a fractional quantity',
      [
        { skuId: 'a', quantity: 1.5 },
        { skuId: 'b', quantity: 1 },
      ],
    ],
  ])('a combo with %s is rejected (CATALOG.INVALID_COMBO)', (_label, components) => {
    expect(codeOf(() => aComboSpu({ components }))).toBe('CATALOG.INVALID_COMBO');
  });

  it('a combo obeys the same key attribute and price rules', () => {
    expect(codeOf(() => aComboSpu({ attributes: {} }))).toBe('CATALOG.REQUIRED_ATTRIBUTE_MISSING');
    expect(codeOf(() => aComboSpu({ salePrice: price('0.00') }))).toBe('CATALOG.INVALID_PRICE');
    expect(codeOf(() => aComboSpu({ salePrice: price('10.00'), marketPrice: price('9.99') }))).toBe('CATALOG.MARKET_PRICE_BELOW_SALE_PRICE');
  });
});
