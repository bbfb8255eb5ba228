import type { Decimal } from 'decimal.js';
import { allocate } from '../shared/allocation.js';
import { Dec, toDec, type DecimalInput } from '../shared/decimal.js';
import type { DomainError } from '../shared/domain-error.js';
import { Money } from '../shared/money.js';

/**
 * Whole minor units (fen for CNY). After the one rounding point every amount of the engine is whole
 * cents, so sums and differences are exact bigint arithmetic; Dec is needed only where a rate multiplies.
 */
export type Cents = bigint;

/** An amount as callers give it: a `Money` or a decimal string in the order's currency ("19.90"). */
export type AmountInput = Money | string;

/** Reads a non-negative amount of whole minor units; `fail(reason)` builds the rejection to throw. */
export function centsOf(value: AmountInput, currency: string, fail: (reason: string) => DomainError): Cents {
  let m: Money;
  if (value instanceof Money) m = value;
  else if (typeof value === 'string') {
    try {
      m = Money.parse(value, currency);
    } catch {
      throw fail('NOT_AN_AMOUNT');
    }
  } else throw fail('NOT_AN_AMOUNT');
  if (m.currency !== currency) throw fail('CURRENCY_MISMATCH');
  if (!m.isWholeMinorUnits()) throw fail('NOT_WHOLE_MINOR_UNITS');
  if (m.isNegative()) throw fail('NEGATIVE_AMOUNT');
  return m.toMinor();
}

/** A percentage as written ("20" = 20 % off) → the rate 0.2; `0 < percent ≤ 100`, else `fail`. */
export function rateOfPercent(value: DecimalInput, fail: (reason: string) => DomainError): { rate: Decimal; percent: Decimal } {
  let p: Decimal;
  try {
    p = toDec(value);
  } catch {
    throw fail('NOT_A_PERCENTAGE');
  }
  if (p.lessThanOrEqualTo(0) || p.greaterThan(100)) throw fail('PERCENT_OUT_OF_RANGE');
  return { rate: p.div(100), percent: p };
}

/**
 * THE rounding point of the pricing engine (PRM-3, decision 0002): a discount that a rate produces is
 * computed exactly and rounded half-up to the minor unit once, when it is fixed, before it is
 * allocated. Every other amount of the engine is a sum or difference of whole cents.
 */
export function roundedDiscount(base: Cents, rate: Decimal, currency: string): Cents {
  return Money.fromMinor(base, currency).multiply(rate).roundToCents().toMinor();
}

/**
 * ORD-4: `total` split over `weights` by the shared `allocate` (largest remainder); zero gives zeros.
 * Zero weights are left out of the call: `allocate` gives them nothing while some weight is positive
 * (their remainder is 0, so no leftover cent reaches them), and the others keep their order, so the
 * parts are the same. `cache` remembers splits already made in one pricing (the plans share most).
 */
export function allocateCents(total: Cents, weights: readonly Cents[], currency: string, cache?: Map<string, Cents[]>): Cents[] {
  if (total === 0n) return weights.map(() => 0n);
  const positive: number[] = [];
  weights.forEach((w, i) => {
    if (w > 0n) positive.push(i);
  });
  if (positive.length === 0)
    return allocate(
      Money.fromMinor(total, currency),
      weights.map(() => '0'),
    ).map((m) => m.toMinor());
  const out = weights.map(() => 0n);
  if (positive.length === 1) {
    out[positive[0]!] = total;
    return out;
  }
  const ws = positive.map((i) => weights[i]!.toString());
  const key = cache ? `${total}|${ws.join(',')}` : '';
  let parts = cache?.get(key);
  if (!parts) {
    parts = allocate(Money.fromMinor(total, currency), ws).map((m) => m.toMinor());
    cache?.set(key, parts);
  }
  positive.forEach((i, k) => {
    out[i] = parts[k]!;
  });
  return out;
}

/** Whole minor units back to Money (`Money.fromMinor`, which keeps the units: reading them again costs nothing). */
export function money(c: Cents, currency: string): Money {
  return Money.fromMinor(c, currency);
}
export const minCents = (a: Cents, b: Cents): Cents => (a < b ? a : b);
export const maxCents = (a: Cents, b: Cents): Cents => (a > b ? a : b);
export const sumCents = (xs: Iterable<Cents>): Cents => {
  let s = 0n;
  for (const x of xs) s += x;
  return s;
};

/** Whole number check for counts given as JS numbers (quantities, points, stock). */
export function isWhole(n: unknown, min: number): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= min;
}

export { Dec };
