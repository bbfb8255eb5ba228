import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { invoiceLines, splitTax, totalsOf, VAT_RATES, type VatRate } from '../../../domain/invoice/index.js';
import { Money } from '../../../domain/shared/money.js';

const m = (s: string) => Money.of(s);
const cents = fc.bigInt({ min: 0n, max: 10n ** 12n });
const rate = fc.constantFrom<VatRate>(...VAT_RATES);

/** The reference: amount × r / (1 + r) in decimal arithmetic, rounded half up to the cent (decision 0033). */
const referenceTax = (c: bigint, r: number) =>
  new Decimal(c.toString())
    .times(r)
    .div(10_000 + r)
    .toDecimalPlaces(0, Decimal.ROUND_HALF_UP)
    .toString();

describe('tax per line (decision 0033, spec §14)', () => {
  it('worked examples: 185.00 at 13 % → tax 21.28, net 163.72; 30.00 at 13 % → 3.45; 8.00 at 9 % → 0.66; 92.50 at 13 % → 10.64; 30.00 at 9 % → 2.48', () => {
    const split = (a: string, r: VatRate) => {
      const s = splitTax(m(a), r);
      return [s.net.toString(), s.tax.toString()];
    };
    expect(split('185.00', 1300)).toEqual(['163.72', '21.28']); // 21.2831
    expect(split('30.00', 1300)).toEqual(['26.55', '3.45']); // 3.4513
    expect(split('8.00', 900)).toEqual(['7.34', '0.66']); // 0.6605
    expect(split('92.50', 1300)).toEqual(['81.86', '10.64']); // 10.6416
    expect(split('30.00', 900)).toEqual(['27.52', '2.48']); // 2.4770
    expect(split('0.01', 1300)).toEqual(['0.01', '0.00']); // 0.0115
    expect(split('100.00', 0)).toEqual(['100.00', '0.00']);
  });

  it('property: net + tax is the amount to the cent; the tax is the decimal reference rounded half up; 0 ≤ tax ≤ amount', () => {
    fc.assert(
      fc.property(cents, rate, (c, r) => {
        const amount = Money.fromMinor(c);
        const { net, tax } = splitTax(amount, r);
        expect(net.add(tax).equals(amount)).toBe(true);
        expect(tax.toMinor().toString()).toBe(referenceTax(c, r));
        expect(tax.isNegative() || tax.greaterThan(amount)).toBe(false);
      }),
    );
  });

  it('property: no tie can arise at the listed rates (the reduced denominator is odd), so half up and half even agree', () => {
    fc.assert(
      fc.property(cents, rate, (c, r) => {
        const exact = new Decimal(c.toString()).times(r).div(10_000 + r);
        expect(exact.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).equals(exact.toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN))).toBe(true);
      }),
    );
  });

  it('property: a negative amount mirrors the positive one (a red line is the blue one negated)', () => {
    fc.assert(
      fc.property(cents, rate, (c, r) => {
        const pos = splitTax(Money.fromMinor(c), r);
        const neg = splitTax(Money.fromMinor(-c), r);
        expect([neg.net.negate().equals(pos.net), neg.tax.negate().equals(pos.tax)]).toEqual([true, true]);
      }),
    );
  });

  it('property: an invoice’s totals are the sums of its lines; lines with nothing kept are left out', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(cents, rate, fc.integer({ min: 1, max: 99 })), { maxLength: 8 }), cents, rate, (ls, freight, fr) => {
        const kept = ls.map(([c, r, q], i) => ({ lineId: `L${i}`, title: `t${i}`, quantity: q, kept: Money.fromMinor(c), rate: r }));
        const lines = invoiceLines(kept, { kept: Money.fromMinor(freight), rate: fr, title: 'freight' });
        const totals = totalsOf(lines, 'CNY');
        expect(lines.every((l) => l.amount.isPositive())).toBe(true);
        expect(lines).toHaveLength(ls.filter(([c]) => c > 0n).length + (freight > 0n ? 1 : 0));
        expect(totals.amount.toMinor()).toBe(ls.reduce((n, [c]) => n + c, 0n) + freight);
        expect(totals.tax.toMinor()).toBe(lines.reduce((n, l) => n + l.tax.toMinor(), 0n));
      }),
    );
  });
});
