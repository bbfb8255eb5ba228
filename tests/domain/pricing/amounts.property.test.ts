import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateCents, money, roundedDiscount } from '../../../domain/pricing/amounts.js';
import { Dec } from '../../../domain/shared/decimal.js';
import { allocate } from '../../../domain/shared/allocation.js';
import { Money } from '../../../domain/shared/money.js';

const runs = { numRuns: 1000 };
const weightsArb = fc.array(
  fc.oneof({ arbitrary: fc.constant(0n), weight: 2 }, { arbitrary: fc.bigInt(1n, 50n), weight: 2 }, { arbitrary: fc.bigInt(1n, 10n ** 12n), weight: 1 }),
  { minLength: 1, maxLength: 12 },
);

describe('the engine’s money helpers keep to the shared kernel', () => {
  it('allocateCents gives exactly what the shared allocate gives (zero weights left out, cache or not)', () => {
    const cache = new Map<string, bigint[]>();
    fc.assert(
      fc.property(fc.bigInt(0n, 10n ** 13n), weightsArb, (total, ws) => {
        const shared = allocate(Money.fromMinor(total), ws.map(String)).map((m) => m.toMinor());
        expect(allocateCents(total, ws, 'CNY')).toEqual(shared);
        expect(allocateCents(total, ws, 'CNY', cache)).toEqual(shared);
        expect(allocateCents(total, ws, 'CNY', cache)).toEqual(shared); // a second time, from the cache
      }),
      runs,
    );
  });

  it('money(c) equals Money.fromMinor(c), in CNY, JPY and KWD, either sign', () => {
    fc.assert(
      fc.property(fc.bigInt(-(10n ** 15n), 10n ** 15n), fc.constantFrom('CNY', 'JPY', 'KWD'), (c, cur) => {
        const m = money(c, cur);
        expect(m.equals(Money.fromMinor(c, cur))).toBe(true);
        expect(m.toString()).toBe(Money.fromMinor(c, cur).toString());
      }),
      runs,
    );
  });

  it('roundedDiscount is base × rate rounded half-up to the cent, checked in integers', () => {
    fc.assert(
      fc.property(fc.bigInt(0n, 10n ** 12n), fc.integer({ min: 1, max: 1000 }), (base, tenths) => {
        // base fen × tenths / 1000, half-up: (2 × base × tenths + 1000) / 2000 in integers
        const expected = (2n * base * BigInt(tenths) + 1000n) / 2000n;
        expect(roundedDiscount(base, new Dec(tenths).div(1000), 'CNY')).toBe(expected);
      }),
      runs,
    );
  });
});
