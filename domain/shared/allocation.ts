import type { Decimal } from 'decimal.js';
import { Dec, toDec, type DecimalInput } from './decimal.js';
import { Money } from './money.js';

/**
 * Splits `total` over parts in proportion to `weights`, on whole minor units (fen), by the
 * largest-remainder method. This is the one way the project splits an amount (discounts over lines,
 * a payment over child orders, a coupon over the lines that earned it — ORD-4).
 *
 * - every part is the floor or the ceiling of its exact share `total × wᵢ / Σw`;
 * - the parts sum exactly to `total`;
 * - the units left after flooring go to the largest remainders, ties to the earlier part;
 * - a zero weight gets nothing, unless every weight is zero: then the split is equal;
 * - a negative total mirrors the positive one: `allocate(−t, w) = −allocate(t, w)`.
 *
 * `total` must be whole minor units; weights must be non-negative and there must be at least one.
 */
export function allocate(total: Money, weights: readonly DecimalInput[]): Money[] {
  if (weights.length === 0) throw new RangeError('allocate needs at least one weight');
  const ws = weights.map((w) => toDec(w));
  if (ws.some((w) => w.isNegative() && !w.isZero())) throw new RangeError('weights must be non-negative');
  if (total.isNegative()) return allocate(total.negate(), ws).map((m) => m.negate());

  const units = new Dec(total.toMinor().toString());
  const sum = ws.reduce((a, w) => a.plus(w), new Dec(0));
  const effective: Decimal[] = sum.isZero() ? ws.map(() => new Dec(1)) : ws;
  const effectiveSum = sum.isZero() ? new Dec(ws.length) : sum;

  // Share i is (units × wᵢ) / Σw = floorᵢ + remainderᵢ / Σw. Floors and remainders are computed on the
  // exact numerators, so remainders compare exactly over the common denominator Σw. (Comparing rounded
  // quotients does not: at 50 significant digits a larger share keeps fewer fraction digits, which
  // broke ties between equal remainders by the size of the share instead of by position.)
  const numerators = effective.map((w) => units.times(w));
  const floors = numerators.map((n) => n.divToInt(effectiveSum));
  const remainders = numerators.map((n, i) => n.minus(floors[i]!.times(effectiveSum)));
  let left = units.minus(floors.reduce((a, f) => a.plus(f), new Dec(0))).toNumber();

  // Largest remainder first; Array.prototype.sort is stable, so ties keep the earlier part first.
  const order = remainders.map((remainder, i) => ({ i, remainder })).sort((a, b) => b.remainder.comparedTo(a.remainder));
  const parts = floors.slice();
  for (const { i } of order) {
    if (left === 0) break;
    parts[i] = parts[i]!.plus(1);
    left -= 1;
  }
  return parts.map((p) => Money.fromMinor(p.toFixed(0), total.currency));
}
