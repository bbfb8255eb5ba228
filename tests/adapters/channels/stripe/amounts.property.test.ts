// Properties: Stripe's integer amounts and zhongtai's Money convert exactly, and the export reads back what was written.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromStripeAmount, stripeDecimalsOf, toStripeAmount } from '../../../../adapters/channels/payment/stripe/index.js';
import { parseBalanceTransactionsCsv } from '../../../../adapters/channels/payment/stripe/statement.js';
import { Money } from '../../../../domain/shared/money.js';
import { type ExportLine, writeBalanceExport } from '../../../support/fakes/stripe-server.js';

const currencies = fc.constantFrom('CNY', 'USD', 'JPY');
const minor = fc.bigInt({ min: 0n, max: 10n ** 12n });

describe('minor units, exactly', () => {
  it('for CNY, USD and JPY up to 10^12 minor units: Money → Stripe amount → Money is the identity, and the amount is the minor units', () => {
    fc.assert(
      fc.property(currencies, minor, (currency, units) => {
        const m = Money.fromMinor(units, currency);
        const s = toStripeAmount(m);
        expect(s).toEqual({ amount: Number(units), currency: currency.toLowerCase() });
        const back = fromStripeAmount(s.amount, s.currency)!;
        expect(back.equals(m)).toBe(true);
        expect(back.toMinor()).toBe(units);
        // JPY has no decimals; CNY and USD two.
        expect(back.toString()).toBe(currency === 'JPY' ? units.toString() : (Number(units) / 100).toFixed(2));
      }),
      { numRuns: 500 },
    );
  });

  it('the known cases: 123.45 CNY is 12345, ¥1500 is 1500, 0.01 USD is 1; Stripe amounts that are not integers or currencies are not read', () => {
    expect(toStripeAmount(Money.of('123.45', 'CNY'))).toEqual({ amount: 12345, currency: 'cny' });
    expect(toStripeAmount(Money.of('1500', 'JPY'))).toEqual({ amount: 1500, currency: 'jpy' });
    expect(toStripeAmount(Money.of('0.01', 'USD'))).toEqual({ amount: 1, currency: 'usd' });
    expect([stripeDecimalsOf('JPY'), stripeDecimalsOf('KWD'), stripeDecimalsOf('CNY')]).toEqual([0, 3, 2]);
    expect([fromStripeAmount(1.5, 'usd'), fromStripeAmount('100', 'usd'), fromStripeAmount(100, 'USD'), fromStripeAmount(2 ** 53, 'usd')]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(() => toStripeAmount(Money.of('0.001', 'CNY'))).toThrow(RangeError);
  });
});

describe('the export reads back', () => {
  const line = fc.record({
    id: fc.stringMatching(/^txn_[A-Za-z0-9]{1,24}$/),
    kind: fc.constantFrom('charge', 'payment', 'refund', 'payment_refund'),
    source: fc.stringMatching(/^(ch|py|re)_[A-Za-z0-9]{1,24}$/),
    amount: fc.integer({ min: 1, max: 10 ** 12 }),
    fee: fc.integer({ min: 0, max: 10 ** 6 }),
    currency: fc.constantFrom('cny', 'usd', 'jpy'),
    created: fc.integer({ min: 1_500_000_000, max: 2_000_000_000 }),
    description: fc.string({ maxLength: 40 }),
    number: fc.stringMatching(/^[A-Za-z0-9-]{1,32}$/),
  });

  it("parseStatement answers exactly what the fake's export writer wrote: kind, number, time to the second, |amount| and fee (a refund's negative)", () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 20 }), (lines) => {
        const refund = (k: string) => k === 'refund' || k === 'payment_refund';
        const written: ExportLine[] = lines.map((l) => ({
          id: l.id,
          type: l.kind,
          source: l.source,
          amount: refund(l.kind) ? -l.amount : l.amount,
          fee: refund(l.kind) ? -l.fee : l.fee,
          currency: l.currency,
          created: l.created,
          description: l.description,
          ...(refund(l.kind) ? { refundId: l.number } : { paymentNumber: l.number }),
        }));
        const read = parseBalanceTransactionsCsv(new TextEncoder().encode(writeBalanceExport(written)));
        expect(read).toHaveLength(lines.length);
        read.forEach((r, i) => {
          const l = lines[i]!;
          const currency = l.currency.toUpperCase();
          expect([r.kind, r.number, r.at.getTime(), r.channelTransactionId]).toEqual([
            refund(l.kind) ? 'refund' : 'payment',
            l.number,
            l.created * 1000,
            l.source,
          ]);
          expect(r.amount.equals(Money.fromMinor(l.amount, currency))).toBe(true);
          const fee = Money.fromMinor(l.fee, currency);
          expect(r.fee.equals(refund(l.kind) ? fee.negate() : fee)).toBe(true);
        });
      }),
      { numRuns: 200 },
    );
  });
});
