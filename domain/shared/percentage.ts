import type { Decimal } from 'decimal.js';
import { Dec, toDec, type DecimalInput } from './decimal.js';
import { DomainError } from './domain-error.js';

/**
 * A rate between 0 and 1 inclusive, kept exact (17 % is 0.17). `Percentage.of(17)` reads percent,
 * `Percentage.rate('0.17')` reads a fraction; a "20 % off" discount multiplies by `complement()`.
 */
export class Percentage {
  private constructor(readonly rate: Decimal) {}

  static rate(value: DecimalInput): Percentage {
    const r = toDec(value);
    if (r.lessThan(0) || r.greaterThan(1)) {
      throw DomainError.invalid('PERCENTAGE.OUT_OF_RANGE', `a rate lies between 0 and 1: ${r.toString()}`);
    }
    return new Percentage(r);
  }

  static of(percent: DecimalInput): Percentage {
    return Percentage.rate(toDec(percent).div(100));
  }

  /** 1 − rate: what remains after taking this share off. */
  complement(): Percentage {
    return new Percentage(new Dec(1).minus(this.rate));
  }

  get percent(): Decimal {
    return this.rate.times(100);
  }

  equals(other: Percentage): boolean {
    return this.rate.eq(other.rate);
  }

  toString(): string {
    return `${this.percent.toString()}%`;
  }

  toJSON(): string {
    return this.rate.toString();
  }
}
