import { Money } from '../shared/money.js';
import { INVOICE_ERRORS } from './errors.js';

/**
 * The VAT rates an invoice line may carry, in basis points (1300 = 13 %): goods 13 %, transport
 * (freight) and some goods 9 %, services 6 %, 5 % and 3 % simplified collection, 1 % reduced, 0.
 */
export const VAT_RATES = [0, 100, 300, 500, 600, 900, 1300] as const;
export type VatRate = (typeof VAT_RATES)[number];

export const isVatRate = (n: unknown): n is VatRate => (VAT_RATES as readonly unknown[]).includes(n);

export function requireVatRate(n: unknown, what: string): VatRate {
  if (!isVatRate(n)) throw INVOICE_ERRORS.raise('INVALID_SETTINGS', `${what} is one of ${VAT_RATES.join(', ')} basis points`, { rate: n, rates: VAT_RATES });
  return n;
}

/** One line's amount split into net and tax. */
export interface TaxSplit {
  /** 不含税金额. */
  readonly net: Money;
  /** 税额. */
  readonly tax: Money;
}

/**
 * Decision 0033: prices are tax-inclusive (含税), and each line's tax is computed on its own amount, once:
 * tax = amount × r / (1 + r), rounded half up to the cent; net = amount − tax, so net + tax is the line's
 * amount exactly and the invoice's totals are the sums of its lines'. A negative amount (never on a blue
 * invoice) mirrors the positive one. Exact on integers: no decimal division rounds twice.
 */
export function splitTax(amount: Money, rate: VatRate): TaxSplit {
  if (amount.isNegative()) {
    const s = splitTax(amount.negate(), rate);
    return { net: s.net.negate(), tax: s.tax.negate() };
  }
  const cents = amount.toMinor();
  const r = BigInt(rate);
  const denominator = 10_000n + r;
  // round half up of cents·r / (10000 + r): floor((2·cents·r + denominator) / (2·denominator))
  const tax = (2n * cents * r + denominator) / (2n * denominator);
  return { net: Money.fromMinor(cents - tax, amount.currency), tax: Money.fromMinor(tax, amount.currency) };
}
