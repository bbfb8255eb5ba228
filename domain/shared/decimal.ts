import { Decimal } from 'decimal.js';

/**
 * The one decimal context of the domain: 50 significant digits (enough for sums of very large
 * amounts) and half-up rounding, the spec's default. Module-local so that nobody else's
 * `Decimal.set` can change how money is computed here.
 */
export const Dec = Decimal.clone({ precision: 50, rounding: Decimal.ROUND_HALF_UP });
export type Dec = Decimal;

export type DecimalInput = Decimal | string | number;

/** Parses a decimal input strictly: finite, no NaN, no exponent surprises from floats. */
export function toDec(value: DecimalInput): Decimal {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new RangeError(`not a finite number: ${value}`);
  }
  const d = new Dec(value instanceof Decimal ? value.toString() : value);
  if (!d.isFinite()) throw new RangeError(`not a finite decimal: ${String(value)}`);
  return d;
}
