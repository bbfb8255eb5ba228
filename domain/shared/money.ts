import type { Decimal } from 'decimal.js';
import { Dec, toDec, type DecimalInput } from './decimal.js';
import { DomainError } from './domain-error.js';

/** Minor units per currency (ISO 4217 exponent); every other currency has 2 (yuan and fen). */
const MINOR_UNITS: Readonly<Record<string, number>> = { JPY: 0, KRW: 0, VND: 0, BHD: 3, KWD: 3 };

export const DEFAULT_CURRENCY = 'CNY';

/** Amounts are stored as numeric(20,2): an amount a user writes is below 10^18 either way (decision 0020). */
export const MAX_STORED_AMOUNT = '999999999999999999.99';

export function minorUnitsOf(currency: string): number {
  return MINOR_UNITS[currency] ?? 2;
}

/**
 * An immutable amount of money. Arithmetic is exact (50 significant digits); an amount is rounded
 * to whole cents only where a rule says so, by `roundToCents()` (half-up) — never implicitly.
 * Mixing currencies throws `MONEY.CURRENCY_MISMATCH`.
 */
export class Money {
  /**
   * The amount in whole minor units, once known: made from them (`fromMinor`) or asked once
   * (`toMinor`). The pricing engine works in integers and crosses this edge for every amount of every
   * line (issue #14); the answer is the same as the decimal computation, only not computed twice.
   */
  #minor: bigint | undefined;
  /** `toString()`, once made: every amount of an answer is written as text, some many times. */
  #text: string | undefined;

  private constructor(
    readonly amount: Decimal,
    readonly currency: string,
  ) {}

  static of(amount: DecimalInput, currency: string = DEFAULT_CURRENCY): Money {
    if (!/^[A-Z]{3}$/.test(currency)) {
      throw DomainError.invalid('MONEY.INVALID_CURRENCY', `not an ISO 4217 currency code: ${currency}`);
    }
    return new Money(toDec(amount), currency);
  }

  static zero(currency: string = DEFAULT_CURRENCY): Money {
    return Money.of(0, currency);
  }

  /** From an integer number of minor units (fen for CNY). */
  static fromMinor(units: bigint | number | string, currency: string = DEFAULT_CURRENCY): Money {
    if (typeof units === 'bigint') {
      // The decimal text written from the integer (no division): 12345n → "123.45".
      const text = minorText(units, minorUnitsOf(currency));
      const m = Money.of(text, currency);
      m.#minor = units;
      m.#text = text; // exactly the currency's decimals: what toString() writes
      return m;
    }
    const u = toDec(units);
    if (!u.isInteger()) throw new RangeError(`minor units must be whole: ${String(units)}`);
    return Money.of(u.div(new Dec(10).pow(minorUnitsOf(currency))), currency);
  }

  /** Parses a price as users write it; more decimals than the currency has is rejected, not rounded. */
  static parse(text: string, currency: string = DEFAULT_CURRENCY): Money {
    if (!/^-?\d+(\.\d+)?$/.test(text)) {
      throw DomainError.invalid('MONEY.INVALID_AMOUNT', `not an amount: ${JSON.stringify(text)}`);
    }
    const m = Money.of(text, currency);
    // Judged on the text: "1.230" states a precision the currency does not have, like "1.234".
    if ((text.split('.')[1]?.length ?? 0) > minorUnitsOf(currency)) {
      throw DomainError.invalid('MONEY.TOO_MANY_DECIMALS', `${text} has more than ${minorUnitsOf(currency)} decimal places for ${currency}`);
    }
    if (m.amount.abs().greaterThan(MAX_STORED_AMOUNT)) {
      throw DomainError.invalid('MONEY.OUT_OF_RANGE', `${text} is past what an amount holds (±${MAX_STORED_AMOUNT})`);
    }
    return m;
  }

  get minorUnits(): number {
    return minorUnitsOf(this.currency);
  }

  add(other: Money): Money {
    this.sameCurrency(other);
    return new Money(this.amount.plus(other.amount), this.currency);
  }

  subtract(other: Money): Money {
    this.sameCurrency(other);
    return new Money(this.amount.minus(other.amount), this.currency);
  }

  /** Exact product; round with `roundToCents()` where a rule names the rounding point. */
  multiply(factor: DecimalInput): Money {
    return new Money(this.amount.times(toDec(factor)), this.currency);
  }

  negate(): Money {
    return new Money(this.amount.negated(), this.currency);
  }

  abs(): Money {
    return new Money(this.amount.abs(), this.currency);
  }

  /** The named rounding point: half-up to the currency's minor unit. */
  roundToCents(): Money {
    return new Money(this.amount.toDecimalPlaces(this.minorUnits, Dec.ROUND_HALF_UP), this.currency);
  }

  isWholeMinorUnits(): boolean {
    return this.#minor !== undefined || this.amount.decimalPlaces() <= this.minorUnits;
  }

  /** Whole minor units (fen); throws if the amount is not whole cents — round first. */
  toMinor(): bigint {
    if (this.#minor !== undefined) return this.#minor;
    const places = this.minorUnits;
    if (this.amount.decimalPlaces() > places) throw new RangeError(`${this.toString()} is not whole minor units`);
    // Exact: the text with exactly the currency's decimals, the point taken out ("-12.30" → -1230n).
    const fixed = this.amount.toFixed(places);
    this.#minor = BigInt(places === 0 ? fixed : fixed.replace('.', ''));
    return this.#minor;
  }

  compare(other: Money): -1 | 0 | 1 {
    this.sameCurrency(other);
    return this.amount.comparedTo(other.amount) as -1 | 0 | 1;
  }
  equals(other: Money): boolean {
    return this.currency === other.currency && this.amount.eq(other.amount);
  }
  lessThan(other: Money): boolean {
    return this.compare(other) < 0;
  }
  greaterThan(other: Money): boolean {
    return this.compare(other) > 0;
  }
  isZero(): boolean {
    return this.amount.isZero();
  }
  isNegative(): boolean {
    return this.amount.isNegative() && !this.amount.isZero();
  }
  isPositive(): boolean {
    return this.amount.greaterThan(0);
  }

  static sum(items: readonly Money[], currency: string = DEFAULT_CURRENCY): Money {
    const c = items[0]?.currency ?? currency;
    // Whole minor units of one currency (nearly every sum): added as integers, exactly the same value.
    if (items.every((m) => m.currency === c && m.isWholeMinorUnits()))
      return Money.fromMinor(
        items.reduce((acc, m) => acc + m.toMinor(), 0n),
        c,
      );
    return items.reduce((acc, m) => acc.add(m), Money.zero(c));
  }
  static min(a: Money, b: Money): Money {
    return a.compare(b) <= 0 ? a : b;
  }
  static max(a: Money, b: Money): Money {
    return a.compare(b) >= 0 ? a : b;
  }

  /** The amount with the currency's decimals ("12.30"); exact amounts with more decimals keep them. */
  toString(): string {
    this.#text ??= this.amount.toFixed(Math.max(this.minorUnits, this.amount.decimalPlaces()));
    return this.#text;
  }

  toJSON(): string {
    return this.toString();
  }

  private sameCurrency(other: Money): void {
    if (other.currency !== this.currency) {
      throw DomainError.invalid('MONEY.CURRENCY_MISMATCH', `cannot combine ${this.currency} with ${other.currency}`, {
        left: this.currency,
        right: other.currency,
      });
    }
  }
}

/** Whole minor units as decimal text with `places` decimals: 12345n, 2 → "123.45"; -5n → "-0.05". */
function minorText(units: bigint, places: number): string {
  if (places === 0) return units.toString();
  const digits = (units < 0n ? -units : units).toString().padStart(places + 1, '0');
  return `${units < 0n ? '-' : ''}${digits.slice(0, -places)}.${digits.slice(-places)}`;
}
