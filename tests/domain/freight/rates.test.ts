// Rate tables (spec §7, 单品运费模板: first unit price + additional unit price, 首件/续件 首重/续重, region
// overrides), tested on domain/freight/rates.ts directly (decision 0027): the charge per started step, the
// checks of prices, units and regions, the rule covering an address.
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHARGE_MODES,
  charge,
  checkedRate,
  checkedRateTable,
  checkNoOverlap,
  freightAddress,
  MAX_RATE_UNITS,
  price,
  rateFor,
  ruleFor,
  ruleRegions,
  ZERO_UNITS,
  type FreightRate,
} from '../../../domain/freight/rates.js';
import type { RegionCode } from '../../../domain/dispatch/index.js';
import { Money } from '../../../domain/shared/money.js';
import { domainErrorOf } from '../../support/mothers.js';
import { R, rate } from './freight-mothers.js';

const cny = (s: string) => Money.of(s);
const code = (s: string) => s as RegionCode;
const units = (s: string | number) => new Decimal(s);
/** "first 10 for 10.00, then 20.00 per 10". */
const TEN_THEN_TEN: FreightRate = { firstUnits: '10', firstPrice: cny('10.00'), additionalUnits: '10', additionalPrice: cny('20.00') };

describe('spec §7: the charge of a rate (首件/续件) — the first units for the first price, then a price per STARTED step', () => {
  it('the doc example: 12 pieces at "first 10 for 10.00, then 20.00 per 10" pay 10.00 + ⌈2/10⌉ × 20.00 = 30.00', () => {
    expect(charge(TEN_THEN_TEN, units(12)).toString()).toBe('30.00');
  });

  it('worked examples at the step boundaries: 0 → 0.00, 1 → 10.00, 10 → 10.00, 11 → 30.00, 20 → 30.00, 21 → 50.00', () => {
    expect([0, 1, 10, 11, 20, 21].map((n) => charge(TEN_THEN_TEN, units(n)).toString())).toEqual(['0.00', '10.00', '10.00', '30.00', '30.00', '50.00']);
  });

  it('by weight: first 1 kg 12.00, then 3.00 per 0.5 kg started — 1.2 kg 15.00, 1.5 kg 15.00, 1.51 kg 18.00', () => {
    const r: FreightRate = { firstUnits: '1', firstPrice: cny('12.00'), additionalUnits: '0.5', additionalPrice: cny('3.00') };
    expect(charge(r, units('1.2')).toString()).toBe('15.00');
    expect(charge(r, units('1.5')).toString()).toBe('15.00');
    expect(charge(r, units('1.51')).toString()).toBe('18.00');
    expect(charge(r, units('0.3')).toString()).toBe('12.00');
  });

  it('nothing for no units (or less), in the rate’s currency', () => {
    expect(charge(TEN_THEN_TEN, ZERO_UNITS).toString()).toBe('0.00');
    expect(charge(TEN_THEN_TEN, units(-1)).isZero()).toBe(true);
    expect(ZERO_UNITS.isZero()).toBe(true);
    const usd: FreightRate = { firstUnits: '1', firstPrice: Money.of('2.00', 'USD'), additionalUnits: '1', additionalPrice: Money.of('1.00', 'USD') };
    expect(charge(usd, units(0)).currency).toBe('USD');
  });

  it('property: charge = first price + ⌈(q − first units) / additional units⌉ × additional price for q above the first units', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 1, max: 500 }),
        (first, add, fp, ap, q) => {
          const r: FreightRate = {
            firstUnits: String(first),
            firstPrice: Money.fromMinor(fp),
            additionalUnits: String(add),
            additionalPrice: Money.fromMinor(ap),
          };
          const steps = q <= first ? 0 : Math.ceil((q - first) / add);
          expect(charge(r, units(q)).toMinor()).toBe(BigInt(fp + steps * ap));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('spec §7: region overrides — the rule covering the address, else the default', () => {
  // A function, so each test builds it (mutation testing attributes the code to the tests, decision 0027).
  const regionTable = () =>
    checkedRateTable(
      {
        chargeBy: 'piece',
        defaultRate: rate(1, '10.00', 1, '5.00'),
        regionRates: [
          { regions: [R.tibet], rate: rate(1, '30.00', 1, '15.00') },
          { regions: [R.hangzhou, R.xinjiang], rate: rate(1, '8.00', 1, '4.00') },
        ],
      },
      'template t1',
    );

  it('an address in Urumqi takes rule 1 (Xinjiang), in Lhasa rule 0, in Hangzhou’s Xihu rule 1, elsewhere in Zhejiang the default', () => {
    const table = regionTable();
    expect(rateFor(table, code(R.urumqi))).toEqual({ rate: table.regionRates[1]!.rate, ruleIndex: 1, regions: [R.hangzhou, R.xinjiang] });
    expect(rateFor(table, code(R.lhasa))).toMatchObject({ ruleIndex: 0, regions: [R.tibet] });
    expect(rateFor(table, code(R.xihu)).ruleIndex).toBe(1);
    expect(rateFor(table, code('330203'))).toEqual({ rate: table.defaultRate, ruleIndex: null, regions: [] });
    expect(ruleFor(table.regionRates, code('330203'))).toBeNull();
    expect(ruleFor(table.regionRates, code(R.urumqi))).toEqual({ rule: table.regionRates[1], index: 1 });
  });

  it('the table keeps the charge mode, the checked default and the rules in order', () => {
    const table = regionTable();
    expect(table.chargeBy).toBe('piece');
    expect(table.defaultRate).toEqual({ firstUnits: '1', firstPrice: cny('10.00'), additionalUnits: '1', additionalPrice: cny('5.00') });
    expect(table.regionRates.map((r) => r.regions)).toEqual([[R.tibet], [R.hangzhou, R.xinjiang]]);
    expect(checkedRateTable({ chargeBy: 'weight', defaultRate: rate(1, '1.00', 1, '1.00') }, 'w').regionRates).toEqual([]);
  });

  it('FREIGHT.OVERLAPPING_REGIONS names the two regions and their rules (a city inside a province counts)', () => {
    const e = domainErrorOf(() => checkNoOverlap([{ regions: [code(R.tibet)] }, { regions: [code(R.xihu)] }, { regions: [code(R.zhejiang)] }], 'template t9'));
    expect(e).toMatchObject({ code: 'FREIGHT.OVERLAPPING_REGIONS', kind: 'invalid', details: { regions: [R.xihu, R.zhejiang], rules: [1, 2] } });
    expect(e.message).toBe(`template t9: regions ${R.xihu} and ${R.zhejiang} overlap`);
    expect(() => checkNoOverlap([{ regions: [code(R.xihu), code(R.binjiang)] }, { regions: [code(R.tibet)] }], 'ok')).not.toThrow();
    expect(() => checkNoOverlap([], 'none')).not.toThrow();
  });

  it('the charge modes are piece, weight and volume; anything else is FREIGHT.INVALID_TEMPLATE', () => {
    expect(CHARGE_MODES).toEqual(['piece', 'weight', 'volume']);
    const e = domainErrorOf(() => checkedRateTable({ chargeBy: 'distance' as never, defaultRate: rate(1, '1.00', 1, '1.00') }, 'template t2'));
    expect(e).toMatchObject({ code: 'FREIGHT.INVALID_TEMPLATE', details: { chargeBy: 'distance' }, message: 'template t2: charge by piece, weight or volume' });
  });

  it('a bad rule is named by its index', () => {
    const e = domainErrorOf(() =>
      checkedRateTable(
        {
          chargeBy: 'piece',
          defaultRate: rate(1, '1.00', 1, '1.00'),
          regionRates: [
            { regions: [R.tibet], rate: rate(1, '1.00', 1, '1.00') },
            { regions: [R.xinjiang], rate: rate(0, '1.00', 1, '1.00') },
          ],
        },
        't',
      ),
    );
    expect(e.details.field).toBe('regionRates[1].rate.firstUnits');
    expect(
      domainErrorOf(() =>
        checkedRateTable(
          { chargeBy: 'piece', defaultRate: rate(1, '1.00', 1, '1.00'), regionRates: [{ regions: ['1'], rate: rate(1, '1.00', 1, '1.00') }] },
          't',
        ),
      ).details.field,
    ).toBe('regionRates[0].regions');
    expect(domainErrorOf(() => checkedRateTable({ chargeBy: 'piece', defaultRate: rate(1, '1.00', 1, '-1.00') }, 't')).details.field).toBe(
      'defaultRate.additionalPrice',
    );
    expect(domainErrorOf(() => checkedRateTable({ chargeBy: 'piece', defaultRate: rate(1, '-1.00', 1, '1.00') }, 't')).details.field).toBe(
      'defaultRate.firstPrice',
    );
  });
});

describe('units of a rate: pieces are whole, kilograms and cubic metres positive with at most 6 decimals, up to 10^6', () => {
  it('accepts 1 and 1000000 pieces, 0.000001 kg, 1000000 m³, and keeps them as exact decimal text', () => {
    expect(MAX_RATE_UNITS).toBe(1_000_000);
    expect(checkedRate(rate(1, '0.00', 1000000, '0.00'), 'piece', 'r')).toMatchObject({ firstUnits: '1', additionalUnits: '1000000' });
    expect(checkedRate(rate('0.000001', '1.00', '1000000', '1.00'), 'weight', 'r')).toMatchObject({ firstUnits: '0.000001', additionalUnits: '1000000' });
    expect(checkedRate(rate('1.50', '1.00', 2, '1.00'), 'volume', 'r').firstUnits).toBe('1.5');
  });

  it('refuses 0, −1, 1000001, 1.5 pieces, 0.0000001 kg and text: FREIGHT.INVALID_UNITS naming the field and value', () => {
    const refused: [string | number, 'piece' | 'weight'][] = [
      [0, 'piece'],
      [-1, 'weight'],
      [1_000_001, 'weight'],
      ['1.5', 'piece'],
      ['0.0000001', 'weight'],
      ['abc', 'piece'],
    ];
    for (const [u, mode] of refused) {
      const e = domainErrorOf(() => checkedRate(rate(u, '1.00', 1, '1.00'), mode, 'defaultRate'));
      expect(e, `${u} ${mode}`).toMatchObject({ code: 'FREIGHT.INVALID_UNITS', details: { field: 'defaultRate.firstUnits', value: String(u) } });
    }
  });

  it('says what a piece or a measure is', () => {
    expect(domainErrorOf(() => checkedRate(rate(1, '1.00', '0.5', '1.00'), 'piece', 'defaultRate')).message).toBe(
      'defaultRate.additionalUnits is a whole number of pieces from 1 to 1000000',
    );
    expect(domainErrorOf(() => checkedRate(rate(1, '1.00', 0, '1.00'), 'weight', 'defaultRate')).message).toBe(
      'defaultRate.additionalUnits is a positive amount (at most 6 decimals) from above 0 to 1000000',
    );
    expect(domainErrorOf(() => checkedRate(rate('x', '1.00', 1, '1.00'), 'weight', 'r')).message).toBe('r.firstUnits is not a number');
  });
});

describe('prices of a rate: whole cents, zero or more (FREIGHT.INVALID_PRICE naming the field)', () => {
  it('takes "0.00", "12.5" and Money of whole cents', () => {
    expect(price('0.00', 'fee').toString()).toBe('0.00');
    expect(price('12.5', 'fee').toString()).toBe('12.50');
    const m = cny('3.00');
    expect(price(m, 'fee')).toBe(m);
  });

  it('refuses a negative price, a fraction of a cent, text that is no amount, another currency', () => {
    expect(domainErrorOf(() => price('-1.00', 'firstPrice'))).toMatchObject({
      code: 'FREIGHT.INVALID_PRICE',
      details: { field: 'firstPrice', value: '-1.00' },
      message: 'firstPrice is an amount of whole cents, zero or more',
    });
    expect(domainErrorOf(() => price(cny('1.001'), 'fee')).message).toBe('fee is an amount of whole cents, zero or more');
    expect(domainErrorOf(() => price(cny('-0.01'), 'fee')).code).toBe('FREIGHT.INVALID_PRICE');
    expect(domainErrorOf(() => price(Money.of('1.00', 'USD'), 'fee')).details).toEqual({ field: 'fee', value: '1.00' });
    const text = domainErrorOf(() => price('1.001', 'additionalPrice'));
    expect(text).toMatchObject({ code: 'FREIGHT.INVALID_PRICE', details: { field: 'additionalPrice', value: '1.001' } });
    expect(text.message).toBe('additionalPrice: 1.001 has more than 2 decimal places for CNY');
    expect(domainErrorOf(() => price({} as never, 'fee')).code).toBe('FREIGHT.INVALID_PRICE');
  });

  it('a price in the given currency is accepted in it', () => {
    expect(price('5', 'fee', 'JPY').toString()).toBe('5');
    expect(domainErrorOf(() => price(cny('5.00'), 'fee', 'JPY')).code).toBe('FREIGHT.INVALID_PRICE');
  });

  it('a currency that is no ISO code is a price rejection too', () => {
    expect(() => price('1.00', 'fee', 'not a currency')).toThrow(expect.objectContaining({ code: 'FREIGHT.INVALID_PRICE' }));
  });
});

describe('region codes of a rule and the shipping address', () => {
  it('a rule names at least one valid region: FREIGHT.INVALID_REGION with the field (and the region at fault)', () => {
    expect(ruleRegions([R.tibet, R.hangzhou], 'regions')).toEqual([R.tibet, R.hangzhou]);
    expect(domainErrorOf(() => ruleRegions([], 'regionRates[0].regions'))).toMatchObject({
      code: 'FREIGHT.INVALID_REGION',
      details: { field: 'regionRates[0].regions' },
      message: 'regionRates[0].regions names at least one region',
    });
    expect(domainErrorOf(() => ruleRegions('540000' as never, 'r')).code).toBe('FREIGHT.INVALID_REGION');
    const bad = domainErrorOf(() => ruleRegions([R.tibet, '999999'], 'r'));
    expect(bad).toMatchObject({ code: 'FREIGHT.INVALID_REGION', details: { field: 'r', region: '999999' } });
    expect(bad.message).toMatch(/^r: a region is a six-digit GB\/T 2260 code/);
  });

  it('an address is a district code, spaces trimmed: a province, a city, blank or no string is FREIGHT.INVALID_ADDRESS', () => {
    expect(freightAddress(` ${R.xihu} `)).toBe(R.xihu);
    expect(domainErrorOf(() => freightAddress(''))).toMatchObject({
      code: 'FREIGHT.INVALID_ADDRESS',
      details: { address: '' },
      message: 'the address has no region',
    });
    expect(domainErrorOf(() => freightAddress('   '))).toMatchObject({ code: 'FREIGHT.INVALID_ADDRESS', message: 'the address has no region' });
    expect(domainErrorOf(() => freightAddress(undefined)).details).toEqual({ address: null });
    expect(domainErrorOf(() => freightAddress(330106)).code).toBe('FREIGHT.INVALID_ADDRESS');
    const city = domainErrorOf(() => freightAddress(R.hangzhou));
    expect(city).toMatchObject({ code: 'FREIGHT.INVALID_ADDRESS', details: { address: R.hangzhou } });
    expect(city.message).toMatch(/^the address region: an address is a district code/);
    expect(domainErrorOf(() => freightAddress(R.zhejiang)).code).toBe('FREIGHT.INVALID_ADDRESS');
  });
});
