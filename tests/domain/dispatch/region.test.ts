import { describe, expect, it } from 'vitest';
import { districtCode, regionCode, regionContains, regionLevel, regionPath, regionsOverlap } from '../../../domain/dispatch/region.js';
import { domainErrorOf } from '../../support/mothers.js';

describe('Region codes (行政区划, GB/T 2260)', () => {
  it.each([
    ['330000', 'province'],
    ['330100', 'city'],
    ['330106', 'district'],
    ['110101', 'district'],
    ['500200', 'city'],
  ] as const)('%s is a %s', (code, level) => {
    expect(regionLevel(regionCode(code))).toBe(level);
  });

  it.each(['', '33010', '3301060', '33010a', ' 330106', '000000', '990000', '100000', '330006'])('rejects %j with DISPATCH.INVALID_REGION', (code) => {
    const error = domainErrorOf(() => regionCode(code));
    expect(error.code).toBe('DISPATCH.INVALID_REGION');
    expect(error.details).toEqual({ region: code });
  });

  it('an address is a district code: a province or city is not an address', () => {
    expect(districtCode('330106')).toBe('330106');
    expect(domainErrorOf(() => districtCode('330100')).code).toBe('DISPATCH.INVALID_REGION');
    expect(domainErrorOf(() => districtCode('330000')).code).toBe('DISPATCH.INVALID_REGION');
  });

  it('the city and province of a district follow from its code', () => {
    expect(regionPath(regionCode('330106'))).toEqual(['330000', '330100', '330106']);
    expect(regionPath(regionCode('330100'))).toEqual(['330000', '330100']);
    expect(regionPath(regionCode('330000'))).toEqual(['330000']);
  });

  it('a region contains itself and everything below it, nothing beside or above it', () => {
    const [zj, hz, xihu, nb] = [regionCode('330000'), regionCode('330100'), regionCode('330106'), regionCode('330200')];
    expect(regionContains(zj, xihu)).toBe(true);
    expect(regionContains(hz, xihu)).toBe(true);
    expect(regionContains(xihu, xihu)).toBe(true);
    expect(regionContains(xihu, hz)).toBe(false);
    expect(regionContains(nb, xihu)).toBe(false);
    expect(regionContains(regionCode('320000'), xihu)).toBe(false);
  });

  it('two regions overlap when one contains the other', () => {
    const overlap = (a: string, b: string): boolean => regionsOverlap(regionCode(a), regionCode(b));
    expect(overlap('330100', '330106')).toBe(true);
    expect(overlap('330106', '330000')).toBe(true);
    expect(overlap('330106', '330106')).toBe(true);
    expect(overlap('330106', '330108')).toBe(false);
    expect(overlap('330100', '330200')).toBe(false);
    // 3301 vs 3310: same first digits, different city — a prefix of the text is not containment.
    expect(overlap('331000', '330100')).toBe(false);
  });
});
