// Worked examples of the Money rules (spec: "Money is always a decimal … 2 decimal places (分) unless a
// currency says otherwise … half-up"; decisions 0002 and 0020). The property tests in
// money.property.test.ts cover the arithmetic; these pin the edges mutation testing found unpinned
// (decision 0027): currencies' minor units, comparisons on equal amounts, signs, min/max, empty sums.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CURRENCY, MAX_STORED_AMOUNT, minorUnitsOf, Money } from '../../../domain/shared/money.js';
import { money } from '../../support/arbitraries.js';
import { domainErrorOf } from '../../support/mothers.js';

const cny = (text: string): Money => Money.of(text);

describe('Money — minor units by currency (spec: 2 decimals unless a currency says otherwise)', () => {
  it('JPY, KRW and VND have none; BHD and KWD three; every other currency two', () => {
    expect(['JPY', 'KRW', 'VND', 'BHD', 'KWD', 'CNY', 'USD', 'EUR', 'XYZ'].map(minorUnitsOf)).toEqual([0, 0, 0, 3, 3, 2, 2, 2, 2]);
    expect(Money.of('1', 'KRW').minorUnits).toBe(0);
    expect(Money.of('1', 'KWD').minorUnits).toBe(3);
    expect(Money.of('1').minorUnits).toBe(2);
  });

  it('formats with the currency’s decimals: 1 CNY "1.00", 1 KWD "1.000", 1 VND "1", 1.5 CNY "1.50"', () => {
    expect(cny('1').toString()).toBe('1.00');
    expect(Money.of('1', 'KWD').toString()).toBe('1.000');
    expect(Money.of('1', 'VND').toString()).toBe('1');
    expect(cny('1.5').toString()).toBe('1.50');
    expect(JSON.stringify({ price: cny('1.5') })).toBe('{"price":"1.50"}');
  });

  it('fromMinor divides by 10^minor units: 1234 fen = 12.34 CNY, 1234 fils = 1.234 KWD, 1234 won = 1234 KRW; bigint and string units alike', () => {
    expect(Money.fromMinor(1234).toString()).toBe('12.34');
    expect(Money.fromMinor(1234n, 'KWD').toString()).toBe('1.234');
    expect(Money.fromMinor('1234', 'KRW').toString()).toBe('1234');
    expect(Money.fromMinor(-5n).toString()).toBe('-0.05');
    expect(Money.fromMinor(1234).currency).toBe(DEFAULT_CURRENCY);
  });

  it('whole minor units are judged per currency: 1.5 is not whole yen, 1.005 is whole fils but not whole fen', () => {
    expect(Money.of('1.5', 'JPY').isWholeMinorUnits()).toBe(false);
    expect(Money.of('1', 'JPY').isWholeMinorUnits()).toBe(true);
    expect(Money.of('1.005', 'KWD').isWholeMinorUnits()).toBe(true);
    expect(Money.of('1.005', 'KWD').toMinor()).toBe(1005n);
    expect(cny('1.005').isWholeMinorUnits()).toBe(false);
    expect(Money.of('2.5', 'JPY').roundToCents().toString()).toBe('3');
    expect(Money.of('1.0005', 'BHD').roundToCents().toString()).toBe('1.001');
  });

  it('the refusals say what was refused', () => {
    expect(() => cny('0.001').toMinor()).toThrow('0.001 is not whole minor units');
    expect(() => Money.fromMinor('1.5')).toThrow('minor units must be whole: 1.5');
  });
});

describe('Money — currency codes (ISO 4217)', () => {
  it('the default currency is CNY (yuan)', () => {
    expect(DEFAULT_CURRENCY).toBe('CNY');
    expect(Money.of('1').currency).toBe('CNY');
    expect(Money.zero().currency).toBe('CNY');
    expect(Money.zero('USD').currency).toBe('USD');
    expect(Money.parse('1.00').currency).toBe('CNY');
  });

  it('a code is exactly three capital letters: "cny", "CN", "CNYX", "XCNY", "C1Y" are MONEY.INVALID_CURRENCY naming the code', () => {
    for (const code of ['cny', 'CN', 'CNYX', 'XCNY', 'C1Y', '', 'CN Y']) {
      const e = domainErrorOf(() => Money.of('1', code));
      expect(e.code, code).toBe('MONEY.INVALID_CURRENCY');
      expect(e.message, code).toBe(`not an ISO 4217 currency code: ${code}`);
    }
    expect(Money.of('1', 'USD').currency).toBe('USD');
  });

  it('mixing currencies names both (MONEY.CURRENCY_MISMATCH with left and right)', () => {
    const e = domainErrorOf(() => cny('1').add(Money.of('1', 'USD')));
    expect(e).toMatchObject({ code: 'MONEY.CURRENCY_MISMATCH', kind: 'invalid', details: { left: 'CNY', right: 'USD' } });
    expect(e.message).toBe('cannot combine CNY with USD');
    expect(domainErrorOf(() => Money.of('1', 'USD').greaterThan(cny('0'))).details).toEqual({ left: 'USD', right: 'CNY' });
  });

  it('equal amounts in two currencies are not equal money; equal amounts in one currency are, however written', () => {
    expect(Money.of('1.00', 'USD').equals(cny('1.00'))).toBe(false);
    expect(cny('1.00').equals(Money.of('1.00', 'USD'))).toBe(false);
    expect(cny('1.0').equals(cny('1.00'))).toBe(true);
    expect(cny('1.00').equals(cny('1.01'))).toBe(false);
  });
});

describe('Money — order and signs', () => {
  it('compare is −1, 0 or 1; lessThan and greaterThan are strict (equal amounts are neither)', () => {
    fc.assert(
      fc.property(money(), money(), (a, b) => {
        const c = a.compare(b);
        expect(c).toBe(a.amount.comparedTo(b.amount));
        expect(a.lessThan(b)).toBe(c === -1);
        expect(a.greaterThan(b)).toBe(c === 1);
        expect(a.lessThan(a)).toBe(false);
        expect(a.greaterThan(a)).toBe(false);
        expect(a.compare(a)).toBe(0);
      }),
      { numRuns: 300 },
    );
    expect(cny('1.00').lessThan(cny('1.01'))).toBe(true);
    expect(cny('1.01').greaterThan(cny('1.00'))).toBe(true);
    expect(cny('1.00').compare(cny('1.0'))).toBe(0);
  });

  it('signs: −0.01 is negative, 0 and −0 are neither negative nor positive, 0.01 is positive', () => {
    expect(cny('-0.01').isNegative()).toBe(true);
    expect(cny('-0.01').isPositive()).toBe(false);
    for (const zero of [cny('0'), cny('-0'), cny('0.01').negate().add(cny('0.01'))]) {
      expect(zero.isNegative()).toBe(false);
      expect(zero.isPositive()).toBe(false);
      expect(zero.isZero()).toBe(true);
    }
    expect(cny('0.01').isPositive()).toBe(true);
    expect(cny('0.01').isNegative()).toBe(false);
    expect(cny('0.01').isZero()).toBe(false);
  });

  it('negate and abs: −(12.30) = −12.30, |−12.30| = |12.30| = 12.30', () => {
    expect(cny('12.30').negate().toString()).toBe('-12.30');
    expect(cny('-12.30').negate().toString()).toBe('12.30');
    expect(cny('-12.30').abs().toString()).toBe('12.30');
    expect(cny('12.30').abs().toString()).toBe('12.30');
    expect(Money.of('-5', 'USD').abs().currency).toBe('USD');
  });

  it('subtraction takes the right operand away: 10.00 − 2.50 = 7.50, 2.50 − 10.00 = −7.50', () => {
    expect(cny('10.00').subtract(cny('2.50')).toString()).toBe('7.50');
    expect(cny('2.50').subtract(cny('10.00')).toString()).toBe('-7.50');
    expect(cny('2.50').multiply('-2').toString()).toBe('-5.00');
  });
});

describe('Money.min and Money.max (the cross-border yearly quota is max(20000 − paid, 0), spec §18)', () => {
  it('give the smaller and the larger amount, whichever argument it is', () => {
    fc.assert(
      fc.property(money(), money(), (a, b) => {
        const [lo, hi] = a.lessThan(b) ? [a, b] : [b, a];
        expect(Money.min(a, b).equals(lo)).toBe(true);
        expect(Money.min(b, a).equals(lo)).toBe(true);
        expect(Money.max(a, b).equals(hi)).toBe(true);
        expect(Money.max(b, a).equals(hi)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('worked example: 20000.00 − 25000.00 paid leaves max(−5000.00, 0) = 0.00 of the yearly quota; min(69.00, 10.00) = 10.00', () => {
    const remaining = Money.max(cny('20000.00').subtract(cny('25000.00')), Money.zero());
    expect(remaining.toString()).toBe('0.00');
    expect(Money.max(Money.zero(), cny('-5000.00')).toString()).toBe('0.00');
    expect(Money.max(cny('20000.00').subtract(cny('1500.00')), Money.zero()).toString()).toBe('18500.00');
    expect(Money.min(cny('69.00'), cny('10.00')).toString()).toBe('10.00');
    expect(Money.min(cny('10.00'), cny('69.00')).toString()).toBe('10.00');
  });

  it('on equal amounts both give their first argument (a fixed choice, so a change to it is deliberate)', () => {
    const a = cny('5.00');
    const b = cny('5.0');
    expect(Money.min(a, b)).toBe(a);
    expect(Money.max(a, b)).toBe(a);
    expect(Money.min(b, a)).toBe(b);
    expect(Money.max(b, a)).toBe(b);
  });

  it('refuse to compare two currencies', () => {
    expect(domainErrorOf(() => Money.max(cny('1'), Money.of('1', 'USD'))).code).toBe('MONEY.CURRENCY_MISMATCH');
    expect(domainErrorOf(() => Money.min(cny('1'), Money.of('1', 'USD'))).code).toBe('MONEY.CURRENCY_MISMATCH');
  });
});

describe('Money.sum', () => {
  it('of nothing is zero, in CNY or the currency given', () => {
    expect(Money.sum([]).toString()).toBe('0.00');
    expect(Money.sum([]).currency).toBe('CNY');
    expect(Money.sum([], 'USD').currency).toBe('USD');
    expect(Money.sum([], 'JPY').toString()).toBe('0');
  });

  it('of amounts is in their currency, whatever the currency argument says: 1.10 + 2.20 USD = 3.30 USD', () => {
    const s = Money.sum([Money.of('1.10', 'USD'), Money.of('2.20', 'USD')]);
    expect(s.currency).toBe('USD');
    expect(s.toString()).toBe('3.30');
    expect(Money.sum([Money.of('1.10', 'USD')], 'CNY').currency).toBe('USD');
  });
});

describe('Money.parse — what users write (decision 0020)', () => {
  it('takes the currency’s decimals and no more: "12" and "12.5" CNY, "12" JPY, "1.234" KWD; "12.5" JPY is MONEY.TOO_MANY_DECIMALS', () => {
    expect(Money.parse('12').toString()).toBe('12.00');
    expect(Money.parse('12.5').toString()).toBe('12.50');
    expect(Money.parse('-12.50').toString()).toBe('-12.50');
    expect(Money.parse('12', 'JPY').toString()).toBe('12');
    expect(Money.parse('1.234', 'KWD').toString()).toBe('1.234');
    const e = domainErrorOf(() => Money.parse('12.5', 'JPY'));
    expect(e.code).toBe('MONEY.TOO_MANY_DECIMALS');
    expect(e.message).toBe('12.5 has more than 0 decimal places for JPY');
    expect(domainErrorOf(() => Money.parse('1.2345', 'KWD')).code).toBe('MONEY.TOO_MANY_DECIMALS');
  });

  it('numbers of many digits on either side are amounts: "1234567.25", "0.05", "10.10"', () => {
    expect(Money.parse('1234567.25').toMinor()).toBe(123456725n);
    expect(Money.parse('0.05').toMinor()).toBe(5n);
    expect(Money.parse('10.10').toMinor()).toBe(1010n);
  });

  it('anything else is MONEY.INVALID_AMOUNT quoting the text: "1.2a", "a1.2", "1..2", "+1"', () => {
    for (const text of ['1.2a', 'a1.2', '1..2', '+1', '1.2 ', '- 1']) {
      const e = domainErrorOf(() => Money.parse(text));
      expect(e.code, text).toBe('MONEY.INVALID_AMOUNT');
      expect(e.message, text).toBe(`not an amount: ${JSON.stringify(text)}`);
    }
  });

  it('the largest amount a column holds is accepted, either sign; one cent more is MONEY.OUT_OF_RANGE', () => {
    expect(MAX_STORED_AMOUNT).toBe('999999999999999999.99');
    expect(Money.parse('999999999999999999.99').toString()).toBe('999999999999999999.99');
    expect(Money.parse('-999999999999999999.99').toString()).toBe('-999999999999999999.99');
    const e = domainErrorOf(() => Money.parse('-1000000000000000000.00'));
    expect(e.code).toBe('MONEY.OUT_OF_RANGE');
    expect(e.message).toBe('-1000000000000000000.00 is past what an amount holds (±999999999999999999.99)');
  });
});
