import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../domain/shared/domain-error.js';
import { Money } from '../../../domain/shared/money.js';
import { Decimal } from 'decimal.js';
import { cents, formatUnits, money, scaledDecimal } from '../../support/arbitraries.js';
import { domainErrorOf } from '../../support/mothers.js';

const runs = { numRuns: 1000 };

/** n / 10^scale rounded to an integer, ties away from zero (commercial half-up), in BigInt only. */
function roundHalfUp(n: bigint, scale: number): bigint {
  const d = 10n ** BigInt(scale);
  const abs = n < 0n ? -n : n;
  let q = abs / d;
  if (2n * (abs % d) >= d) q += 1n;
  return n < 0n ? -q : q;
}

const cny = (text: string): Money => Money.of(text);

describe('Money arithmetic', () => {
  it('addition is associative', () => {
    fc.assert(
      fc.property(money(), money(), money(), (a, b, c) => {
        expect(
          a
            .add(b)
            .add(c)
            .equals(a.add(b.add(c))),
        ).toBe(true);
      }),
      runs,
    );
  });

  it('addition is commutative', () => {
    fc.assert(
      fc.property(money(), money(), (a, b) => {
        expect(a.add(b).equals(b.add(a))).toBe(true);
      }),
      runs,
    );
  });

  it('zero is the identity of addition', () => {
    fc.assert(
      fc.property(money(), (a) => {
        expect(a.add(Money.zero()).equals(a)).toBe(true);
        expect(Money.zero().add(a).equals(a)).toBe(true);
      }),
      runs,
    );
  });

  it('a − a = 0, and a − b + b = a', () => {
    fc.assert(
      fc.property(money(), money(), (a, b) => {
        expect(a.subtract(a).isZero()).toBe(true);
        expect(a.subtract(b).add(b).equals(a)).toBe(true);
      }),
      runs,
    );
  });

  it('sums of 2-decimal amounts are exact cents: equal to the integer sum of the cents, never more than 2 decimals', () => {
    fc.assert(
      fc.property(fc.array(cents(), { maxLength: 30 }), (cs) => {
        const total = Money.sum(cs.map((c) => Money.of(formatUnits(c, 2))));
        const expected = cs.reduce((a, c) => a + c, 0n);
        expect(total.amount.decimalPlaces()).toBeLessThanOrEqual(2);
        expect(total.toMinor()).toBe(expected);
        expect(total.toString()).toBe(formatUnits(expected, 2));
      }),
      runs,
    );
  });

  it('has no float artefacts: 0.1 + 0.2 = 0.30 exactly', () => {
    const sum = Money.of(0.1).add(Money.of(0.2));
    expect(sum.toString()).toBe('0.30');
    expect(sum.equals(cny('0.3'))).toBe(true);
    expect(cny('0.1').add(cny('0.2')).toString()).toBe('0.30');
    expect(cny('0.3').subtract(cny('0.1')).toString()).toBe('0.20');
    expect(cny('1.1').add(cny('2.2')).toString()).toBe('3.30');
    expect(cny('0.1').multiply(3).equals(cny('0.3'))).toBe(true);
    expect(cny('19.99').multiply(3).toString()).toBe('59.97');
  });
});

describe('Money rounding (the named rounding point)', () => {
  // amounts with 3 to 8 decimals, i.e. units / 10^(2 + extra)
  const fine = fc.tuple(fc.bigInt(-(10n ** 17n), 10n ** 17n), fc.integer({ min: 1, max: 6 }));

  it('roundToCents is half-up: ties round away from zero, in both signs', () => {
    fc.assert(
      fc.property(fine, ([units, extra]) => {
        const m = Money.of(formatUnits(units, 2 + extra));
        expect(m.roundToCents().toMinor()).toBe(roundHalfUp(units, extra));
      }),
      runs,
    );
  });

  it('roundToCents: hand examples', () => {
    expect(cny('2.345').roundToCents().toString()).toBe('2.35');
    expect(cny('2.3449999').roundToCents().toString()).toBe('2.34');
    expect(cny('-2.345').roundToCents().toString()).toBe('-2.35');
    expect(cny('0.005').roundToCents().toString()).toBe('0.01');
    expect(cny('0.00499').roundToCents().toString()).toBe('0.00');
    expect(Money.of('10.5', 'JPY').roundToCents().toString()).toBe('11');
  });

  it('roundToCents is idempotent and leaves whole cents alone', () => {
    fc.assert(
      fc.property(fine, cents(), ([units, extra], c) => {
        const once = Money.of(formatUnits(units, 2 + extra)).roundToCents();
        expect(once.roundToCents().equals(once)).toBe(true);
        expect(once.isWholeMinorUnits()).toBe(true);
        const whole = Money.fromMinor(c);
        expect(whole.roundToCents().equals(whole)).toBe(true);
      }),
      runs,
    );
  });

  it('multiply then roundToCents equals the exact decimal product rounded half-up', () => {
    const factor = scaledDecimal(-(10n ** 7n), 10n ** 7n, 6);
    fc.assert(
      fc.property(cents(), factor, (c, f) => {
        const result = Money.fromMinor(c).multiply(f.text).roundToCents();
        // exact product in cents is c × f.units / 10^f.scale
        expect(result.toMinor()).toBe(roundHalfUp(c * f.units, f.scale));
      }),
      runs,
    );
  });

  it('multiply does not round on its own (rounding only at the named point)', () => {
    expect(cny('10.01').multiply('0.333').toString()).toBe('3.33333');
    expect(cny('0.01').multiply('0.5').isWholeMinorUnits()).toBe(false);
  });
});

describe('Money minor units', () => {
  it('fromMinor then toMinor is the identity, and the amount is units / 10^minorUnits', () => {
    const currencies = fc.constantFrom(['CNY', 2], ['USD', 2], ['JPY', 0], ['BHD', 3]);
    fc.assert(
      fc.property(cents(), currencies, (c, [currency, dp]) => {
        const m = Money.fromMinor(c, currency);
        expect(m.toMinor()).toBe(c);
        expect(m.toString()).toBe(formatUnits(c, dp));
        expect(Money.fromMinor(m.toMinor(), currency).equals(m)).toBe(true);
      }),
      runs,
    );
  });

  it('toMinor then fromMinor gives back the same amount (via parse of the formatted cents)', () => {
    fc.assert(
      fc.property(cents(), (c) => {
        const m = Money.parse(formatUnits(c, 2));
        expect(Money.fromMinor(m.toMinor()).equals(m)).toBe(true);
      }),
      runs,
    );
  });

  it('toMinor refuses an amount that is not whole cents, and fromMinor refuses fractions of units', () => {
    expect(() => cny('0.001').toMinor()).toThrow(RangeError);
    expect(() => Money.fromMinor('1.5')).toThrow(RangeError);
  });
});

describe('Money currencies', () => {
  const currency = fc.constantFrom('CNY', 'USD', 'EUR', 'JPY', 'HKD');
  const distinctPair = fc.tuple(currency, currency).filter(([a, b]) => a !== b);

  it('combining two currencies throws MONEY.CURRENCY_MISMATCH', () => {
    fc.assert(
      fc.property(cents(), cents(), distinctPair, (x, y, [ca, cb]) => {
        const a = Money.fromMinor(x, ca);
        const b = Money.fromMinor(y, cb);
        for (const op of [() => a.add(b), () => a.subtract(b), () => a.compare(b), () => b.lessThan(a)]) {
          const e = domainErrorOf(op);
          expect(e.code).toBe('MONEY.CURRENCY_MISMATCH');
          expect(e.kind).toBe('invalid');
        }
        expect(a.equals(b)).toBe(false);
      }),
      runs,
    );
  });

  it('rejects a currency that is not an ISO 4217 code', () => {
    expect(domainErrorOf(() => Money.of('1.00', 'yuan')).code).toBe('MONEY.INVALID_CURRENCY');
  });
});

describe('Money.parse', () => {
  it('accepts amounts with at most 2 decimals, exactly', () => {
    fc.assert(
      fc.property(cents(), fc.integer({ min: 0, max: 2 }), (c, dp) => {
        const text = formatUnits(c, dp);
        expect(Money.parse(text).toMinor()).toBe(c * 10n ** BigInt(2 - dp));
      }),
      runs,
    );
  });

  it('rejects a third decimal even when it is zero: "1.230" states a precision CNY does not have', () => {
    expect(domainErrorOf(() => Money.parse('1.230')).code).toBe('MONEY.TOO_MANY_DECIMALS');
    expect(Money.parse('1.23').toString()).toBe('1.23');
  });

  it('rejects 3 decimals with MONEY.TOO_MANY_DECIMALS (never rounds)', () => {
    fc.assert(
      fc.property(cents(), fc.integer({ min: 1, max: 9 }), (c, third) => {
        const text = `${formatUnits(c, 2)}${third}`;
        const e = domainErrorOf(() => Money.parse(text));
        expect(e).toBeInstanceOf(DomainError);
        expect(e.code).toBe('MONEY.TOO_MANY_DECIMALS');
      }),
      runs,
    );
  });

  it('bounds amounts by their column, numeric(20,2) (decision 0020): any amount of 10^18 or more either way is MONEY.OUT_OF_RANGE, any below is accepted', () => {
    const MAX_CENTS_STORED = 10n ** 20n - 1n;
    fc.assert(
      fc.property(fc.bigInt(-MAX_CENTS_STORED, MAX_CENTS_STORED), fc.integer({ min: 0, max: 2 }), (c, dp) => {
        expect(Money.parse(formatUnits(c - (c % 10n ** BigInt(2 - dp)), 2)).toMinor()).toBe(c - (c % 10n ** BigInt(2 - dp)));
      }),
      runs,
    );
    fc.assert(
      fc.property(fc.bigInt(10n ** 20n, 10n ** 40n), fc.boolean(), fc.integer({ min: 0, max: 2 }), (c, negative, dp) => {
        const text = formatUnits((negative ? -c : c) / 10n ** BigInt(2 - dp), dp);
        expect(domainErrorOf(() => Money.parse(text)).code).toBe('MONEY.OUT_OF_RANGE');
      }),
      runs,
    );
  });

  it('rejects text that is not a plain decimal number with MONEY.INVALID_AMOUNT', () => {
    const notNumeric = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => /[^0-9.-]/.test(s));
    fc.assert(
      fc.property(notNumeric, (text) => {
        expect(domainErrorOf(() => Money.parse(text)).code).toBe('MONEY.INVALID_AMOUNT');
      }),
      runs,
    );
    for (const text of ['', '.', '-', '1.', '.5', '--1', '1.2.3', '1-2', '1e3', '0x10', 'NaN', 'Infinity', ' 1.00', '1,00', '¥1']) {
      expect(domainErrorOf(() => Money.parse(text)).code, text).toBe('MONEY.INVALID_AMOUNT');
    }
  });
});

describe('Money in whole minor units (the pricing engine crosses this edge for every amount, issue #14)', () => {
  const currencies = fc.constantFrom('CNY', 'JPY', 'KWD');
  const scale = (currency: string) => ({ CNY: 2, JPY: 0, KWD: 3 })[currency]!;
  /** The decimal reference: the amount times 10^places, whole or not. */
  const reference = (m: Money) => m.amount.times(new Decimal(10).pow(scale(m.currency)));

  it('fromMinor writes the integer as the exact decimal, and toMinor gives it back', () => {
    fc.assert(
      fc.property(cents(), currencies, (units, currency) => {
        const m = Money.fromMinor(units, currency);
        expect(m.amount.equals(new Decimal(units.toString()).div(new Decimal(10).pow(scale(currency))))).toBe(true);
        expect(m.toMinor()).toBe(units);
        expect(m.isWholeMinorUnits()).toBe(true);
        // The same as an amount made from its text, which knows nothing of its units, and written the same.
        const fromText = Money.of(m.toString(), currency);
        expect(fromText.toMinor()).toBe(units);
        expect(m.toString()).toBe(fromText.amount.toFixed(scale(currency)));
        expect(fromText.toString()).toBe(m.toString());
      }),
      runs,
    );
  });

  it('isWholeMinorUnits and toMinor agree with the decimal reference on any decimal, and toMinor refuses what is not whole', () => {
    fc.assert(
      fc.property(scaledDecimal(-(10n ** 20n), 10n ** 20n, 6), currencies, ({ text }, currency) => {
        const m = Money.of(text, currency);
        const units = reference(m);
        expect(m.isWholeMinorUnits()).toBe(units.isInteger());
        if (units.isInteger()) {
          expect(m.toMinor()).toBe(BigInt(units.toFixed(0)));
          expect(m.toMinor()).toBe(BigInt(units.toFixed(0))); // asked again: the same
        } else expect(() => m.toMinor()).toThrow(RangeError);
      }),
      runs,
    );
  });

  it('sums of amounts in minor units are the minor units of the sum', () => {
    fc.assert(
      fc.property(fc.array(money(), { maxLength: 8 }), (items) => {
        expect(Money.sum(items).toMinor()).toBe(items.reduce((acc, m) => acc + m.toMinor(), 0n));
      }),
      runs,
    );
  });
});
