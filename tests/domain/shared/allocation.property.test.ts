import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate } from '../../../domain/shared/allocation.js';
import { Money } from '../../../domain/shared/money.js';
import { allocationTotalCents, formatUnits, tieProneAllocation, weights, type ScaledDecimal } from '../../support/arbitraries.js';

const runs = { numRuns: 1000 };

/** A decimal context of the test's own, wide enough that shares of these inputs are never rounded. */
const Exact = Decimal.clone({ precision: 200, rounding: Decimal.ROUND_DOWN });

/**
 * Exact shares of a non-negative total in BigInt: weights are brought to one common scale so that
 * share i is (T × Wᵢ) / ΣW = floorᵢ + remᵢ / ΣW with integers only (all-zero weights count as equal).
 */
function exactShares(totalCents: bigint, ws: readonly ScaledDecimal[]): { floors: bigint[]; rems: bigint[]; left: bigint } {
  const scale = Math.max(...ws.map((w) => w.scale));
  let W = ws.map((w) => w.units * 10n ** BigInt(scale - w.scale));
  let S = W.reduce((a, b) => a + b, 0n);
  if (S === 0n) {
    W = W.map(() => 1n);
    S = BigInt(W.length);
  }
  const floors = W.map((w) => (totalCents * w) / S);
  const rems = W.map((w) => (totalCents * w) % S);
  return { floors, rems, left: totalCents - floors.reduce((a, b) => a + b, 0n) };
}

/**
 * Independent reference: largest remainder on integers only (BigInt); remainders compare as
 * numerators over the same denominator; ties go to the lower index by an explicit comparison.
 */
function referenceAllocate(totalCents: bigint, ws: readonly ScaledDecimal[]): bigint[] {
  if (totalCents < 0n) return referenceAllocate(-totalCents, ws).map((p) => -p);
  const { floors, rems, left: leftover } = exactShares(totalCents, ws);
  let left = leftover;
  const order = rems.map((_, i) => i).sort((i, j) => (rems[i]! === rems[j]! ? i - j : rems[j]! > rems[i]! ? 1 : -1));
  const parts = floors.slice();
  for (const i of order) {
    if (left === 0n) break;
    parts[i]! += 1n;
    left -= 1n;
  }
  return parts;
}

const minor = (ms: readonly Money[]): bigint[] => ms.map((m) => m.toMinor());
const texts = (ws: readonly ScaledDecimal[]): string[] => ws.map((w) => w.text);
const signedTotal = fc.tuple(allocationTotalCents(), fc.boolean()).map(([c, neg]) => (neg ? -c : c));
const anyAllocation = fc.oneof(
  fc.record({ totalCents: signedTotal, weights: weights() }),
  tieProneAllocation().map(({ totalCents, weights: ws }) => ({ totalCents: -totalCents, weights: ws })),
  tieProneAllocation(),
);

describe('allocate(total, weights) — largest remainder on whole cents (ORD-4)', () => {
  it('the parts sum exactly to the total, one part per weight, in the total’s currency', () => {
    fc.assert(
      fc.property(signedTotal, weights(), (t, ws) => {
        const parts = allocate(Money.fromMinor(t), texts(ws));
        expect(parts).toHaveLength(ws.length);
        expect(parts.every((p) => p.currency === 'CNY' && p.isWholeMinorUnits())).toBe(true);
        expect(minor(parts).reduce((a, b) => a + b, 0n)).toBe(t);
      }),
      runs,
    );
  });

  it('each part is the floor or the ceiling of its exact share total × wᵢ / Σw', () => {
    fc.assert(
      fc.property(signedTotal, weights(), (t, ws) => {
        const parts = minor(allocate(Money.fromMinor(t), texts(ws)));
        const dws = ws.map((w) => new Exact(w.text));
        const sum = dws.reduce((a, w) => a.plus(w), new Exact(0));
        parts.forEach((p, i) => {
          const share = sum.isZero() ? new Exact(t.toString()).div(ws.length) : new Exact(t.toString()).times(dws[i]!).div(sum);
          const part = new Exact(p.toString());
          expect(part.eq(share.floor()) || part.eq(share.ceil()), `part ${i}: ${p} vs share ${share.toString()}`).toBe(true);
        });
      }),
      runs,
    );
  });

  it('leftover cents go to the largest remainders, ties to the earlier part (same as an independent BigInt reference)', () => {
    fc.assert(
      fc.property(anyAllocation, ({ totalCents: t, weights: ws }) => {
        expect(minor(allocate(Money.fromMinor(t), texts(ws)))).toEqual(referenceAllocate(t, ws));
      }),
      runs,
    );
  });

  it('a part gets an extra cent only if every part with a larger remainder, or an equal one and an earlier place, gets one', () => {
    const tieAtCutoff = ({ totalCents, weights: ws }: { totalCents: bigint; weights: ScaledDecimal[] }): boolean => {
      const { rems, left } = exactShares(totalCents, ws);
      const sorted = [...rems].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0));
      return left > 0n && left < BigInt(ws.length) && sorted[Number(left) - 1] === sorted[Number(left)];
    };
    fc.assert(
      fc.property(tieProneAllocation().filter(tieAtCutoff), ({ totalCents, weights: ws }) => {
        const parts = minor(allocate(Money.fromMinor(totalCents), texts(ws)));
        const { floors, rems } = exactShares(totalCents, ws);
        const extra = parts.map((p, i) => p - floors[i]!);
        for (let i = 0; i < ws.length; i++) {
          for (let j = 0; j < ws.length; j++) {
            const iBeforeJ = rems[i]! > rems[j]! || (rems[i] === rems[j] && i < j);
            if (iBeforeJ && extra[j] === 1n) expect(extra[i], `part ${i} ranks before part ${j}`).toBe(1n);
          }
        }
        expect(minor(allocate(Money.fromMinor(totalCents), texts(ws)))).toEqual(referenceAllocate(totalCents, ws));
      }),
      runs,
    );
  });

  it('a zero weight gets nothing when some weight is positive', () => {
    fc.assert(
      fc.property(signedTotal, weights(), (t, ws) => {
        fc.pre(ws.some((w) => w.units > 0n));
        const parts = minor(allocate(Money.fromMinor(t), texts(ws)));
        ws.forEach((w, i) => {
          if (w.units === 0n) expect(parts[i]).toBe(0n);
        });
      }),
      runs,
    );
  });

  it('all weights zero: an equal split, parts differ by at most one cent, earlier parts take the extra', () => {
    fc.assert(
      fc.property(allocationTotalCents(), fc.integer({ min: 1, max: 20 }), (t, n) => {
        const parts = minor(
          allocate(
            Money.fromMinor(t),
            Array.from({ length: n }, () => '0'),
          ),
        );
        const base = t / BigInt(n);
        const extra = t % BigInt(n);
        parts.forEach((p, i) => expect(p).toBe(BigInt(i) < extra ? base + 1n : base));
      }),
      runs,
    );
  });

  it('a negative total mirrors the positive one: allocate(−t, w) = −allocate(t, w)', () => {
    fc.assert(
      fc.property(allocationTotalCents(), weights(), (t, ws) => {
        const positive = minor(allocate(Money.fromMinor(t), texts(ws)));
        const negative = minor(allocate(Money.fromMinor(-t), texts(ws)));
        expect(negative).toEqual(positive.map((p) => -p));
      }),
      runs,
    );
  });

  it('scaling every weight by the same factor changes nothing', () => {
    fc.assert(
      fc.property(signedTotal, weights(), fc.integer({ min: 2, max: 1000 }), (t, ws, k) => {
        const scaled = ws.map((w) => formatUnits(w.units * BigInt(k), w.scale));
        expect(minor(allocate(Money.fromMinor(t), scaled))).toEqual(minor(allocate(Money.fromMinor(t), texts(ws))));
      }),
      runs,
    );
  });
});

describe('allocate — hand examples', () => {
  const split = (total: string, ws: (string | number)[], currency = 'CNY'): string[] => allocate(Money.of(total, currency), ws).map((m) => m.toString());

  it('100.00 over [1, 1, 1] → 33.34, 33.33, 33.33', () => {
    expect(split('100.00', [1, 1, 1])).toEqual(['33.34', '33.33', '33.33']);
  });

  it('0.05 over [1, 1] → 0.03, 0.02', () => {
    expect(split('0.05', [1, 1])).toEqual(['0.03', '0.02']);
  });

  it('-0.05 over [1, 1] → -0.03, -0.02', () => {
    expect(split('-0.05', [1, 1])).toEqual(['-0.03', '-0.02']);
  });

  it('the largest remainder wins over position: 0.10 over [1, 2] → 0.03, 0.07', () => {
    // exact shares 3.33… and 6.66… cents: the one left cent goes to the second part (remainder 2/3)
    expect(split('0.10', [1, 2])).toEqual(['0.03', '0.07']);
  });

  it('ties go to the earlier part even when the shares differ in size: 0.08 over [1, 1, 10] → 0.01, 0.01, 0.06', () => {
    // exact shares 0.66…, 0.66…, 6.66… cents: floors 0, 0, 6; two cents left; all three remainders are 2/3
    expect(split('0.08', [1, 1, 10])).toEqual(['0.01', '0.01', '0.06']);
  });

  it('ties go to the earlier part for large totals too: 3704484382073.31 over [9, 2, 10]', () => {
    // in cents, T × wᵢ = 21 × floorᵢ + rᵢ with floors 158763616374570, 35280803638793, 176404018193967 and
    // remainders 9, 9, 3 (of 21): one cent left, parts 0 and 1 tie, part 0 takes it
    expect(split('3704484382073.31', [9, 2, 10])).toEqual(['1587636163745.71', '352808036387.93', '1764040181939.67']);
  });

  it('decimal weights (line amounts): 10.00 over [19.99, 0.01] → 10.00, 0.00', () => {
    // shares 999.5 and 0.5 cents: remainders tie at 1/2, the earlier part takes the cent
    expect(split('10.00', ['19.99', '0.01'])).toEqual(['10.00', '0.00']);
  });

  it('zero weights get nothing: 1.00 over [0, 1, 0, 3] → 0.00, 0.25, 0.00, 0.75', () => {
    expect(split('1.00', [0, 1, 0, 3])).toEqual(['0.00', '0.25', '0.00', '0.75']);
  });

  it('all weights zero: 0.10 over [0, 0, 0] → 0.04, 0.03, 0.03', () => {
    expect(split('0.10', [0, 0, 0])).toEqual(['0.04', '0.03', '0.03']);
  });

  it('whole yen for JPY: 100 over [1, 1, 1] → 34, 33, 33', () => {
    expect(split('100', [1, 1, 1], 'JPY')).toEqual(['34', '33', '33']);
  });

  it('refuses no weights, negative weights and totals that are not whole cents', () => {
    expect(() => allocate(Money.of('1.00'), [])).toThrow(new RangeError('allocate needs at least one weight'));
    expect(() => allocate(Money.of('1.00'), [1, -1])).toThrow(new RangeError('weights must be non-negative'));
    expect(() => allocate(Money.of('1.00'), ['0', '-0.0001'])).toThrow(new RangeError('weights must be non-negative'));
    expect(() => allocate(Money.of('1.005'), [1, 1])).toThrow(RangeError);
  });

  it('a weight written "-0" is a zero weight, not a negative one: 1.00 over [-0, 1] → 0.00, 1.00', () => {
    expect(split('1.00', ['-0', 1])).toEqual(['0.00', '1.00']);
    expect(split('0.03', ['-0', '-0'])).toEqual(['0.02', '0.01']);
  });

  it('a single weight takes the whole total; a zero total gives zeros in the total’s currency', () => {
    expect(split('12.34', ['0.5'])).toEqual(['12.34']);
    expect(split('0', [1, 2], 'USD')).toEqual(['0.00', '0.00']);
    expect(allocate(Money.of('0', 'USD'), [1, 2]).map((m) => m.currency)).toEqual(['USD', 'USD']);
  });
});
