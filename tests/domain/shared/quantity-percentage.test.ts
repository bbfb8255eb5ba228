import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Percentage } from '../../../domain/shared/percentage.js';
import { MAX_QUANTITY, quantity } from '../../../domain/shared/quantity.js';
import { Money } from '../../../domain/shared/money.js';
import { domainErrorOf } from '../../support/mothers.js';

describe('quantity()', () => {
  it('accepts every whole number from 1 to 1 000 000 000 unchanged', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000_000 }), (n) => {
        expect(quantity(n)).toBe(n);
      }),
      { numRuns: 1000 },
    );
    expect(quantity(1)).toBe(1);
    expect(quantity(1_000_000_000)).toBe(1_000_000_000);
    expect(MAX_QUANTITY).toBe(1_000_000_000);
  });

  it('rejects zero, negatives, fractions, too large and non-finite numbers with QUANTITY.INVALID', () => {
    for (const n of [0, -1, -0.5, 1.5, 2.0000001, 1_000_000_001, Number.MAX_SAFE_INTEGER + 2, Number.NaN, Infinity, -Infinity]) {
      expect(domainErrorOf(() => quantity(n)).code, String(n)).toBe('QUANTITY.INVALID');
    }
  });
});

describe('Percentage', () => {
  it('of(17) reads percent: the rate is 0.17, shown as 17%', () => {
    const p = Percentage.of(17);
    expect(p.rate.toString()).toBe('0.17');
    expect(p.percent.toString()).toBe('17');
    expect(p.toString()).toBe('17%');
    expect(p.toJSON()).toBe('0.17');
    expect(p.equals(Percentage.rate('0.17'))).toBe(true);
    expect(p.equals(Percentage.rate('0.18'))).toBe(false);
  });

  it('keeps fractional percents exact: 12.5 % is 0.125, 33.33 % is 0.3333', () => {
    expect(Percentage.of('12.5').rate.toString()).toBe('0.125');
    expect(Percentage.of('33.33').rate.toString()).toBe('0.3333');
  });

  it('lies between 0 and 1 inclusive; anything else is PERCENTAGE.OUT_OF_RANGE', () => {
    expect(Percentage.rate(0).rate.toString()).toBe('0');
    expect(Percentage.rate(1).rate.toString()).toBe('1');
    expect(Percentage.of(100).rate.toString()).toBe('1');
    for (const bad of [() => Percentage.rate('-0.01'), () => Percentage.rate('1.0001'), () => Percentage.of(101), () => Percentage.of(-5)]) {
      expect(domainErrorOf(bad).code).toBe('PERCENTAGE.OUT_OF_RANGE');
    }
  });

  it('rejects non-finite input as a programming error', () => {
    expect(() => Percentage.rate(Number.NaN)).toThrow(RangeError);
    expect(() => Percentage.of(Infinity)).toThrow(RangeError);
  });

  it('complement is 1 − rate: "20 % off" 199.00 pays 159.20', () => {
    const off = Percentage.of(20);
    expect(off.complement().rate.toString()).toBe('0.8');
    expect(Money.of('199.00').multiply(off.complement().rate).roundToCents().toString()).toBe('159.20');
    expect(Percentage.of(0).complement().rate.toString()).toBe('1');
    expect(Percentage.of(100).complement().rate.toString()).toBe('0');
  });
});
