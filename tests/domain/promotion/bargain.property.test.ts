import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Activity } from '../../../domain/promotion/activity.js';
import { Bargain, bargainCuts } from '../../../domain/promotion/bargain.js';
import type { DomainError } from '../../../domain/shared/domain-error.js';
import type { Money } from '../../../domain/shared/money.js';
import { formatUnits } from '../../support/arbitraries.js';
import { at } from '../../support/mothers.js';
import { aBargain } from './promotion-mothers.js';

const RUNS = { numRuns: 1_000 };

/** Bargain terms: helpers 1–100, a cut total of at least one cent per helper (small and huge totals alike). */
const terms = fc
  .record({
    helpers: fc.integer({ min: 1, max: 100 }),
    extra: fc.oneof(fc.bigInt(0n, 50n), fc.bigInt(0n, 100_000n), fc.bigInt(0n, 10n ** 14n)),
    seed: fc.string({ maxLength: 40 }),
  })
  .map(({ helpers, extra, seed }) => ({ helpers, total: BigInt(helpers) + extra, seed }));

describe('bargain cuts (砍价, spec §5): a pure function of the seed', () => {
  it('properties: the cuts of every helper sum exactly to original − floor, each ≥ 0.01, the price stops at the floor', () => {
    fc.assert(
      fc.property(terms, ({ helpers, total, seed }) => {
        const cuts = bargainCuts(total, helpers, seed);
        expect(cuts).toHaveLength(helpers);
        expect(cuts.every((c) => c >= 1n)).toBe(true);
        expect(cuts.reduce((a, c) => a + c, 0n)).toBe(total);
        // The running price (original − cuts so far) stays above the floor until the last helper, who lands on it.
        let cut = 0n;
        cuts.forEach((c, i) => {
          cut += c;
          if (i < helpers - 1) expect(cut).toBeLessThan(total);
        });
        expect(cut).toBe(total);
      }),
      RUNS,
    );
  });

  it('properties: each cut is random within [0.01, twice the mean of what is left] (二倍均值), never taking a later helper’s cent', () => {
    fc.assert(
      fc.property(terms, ({ helpers, total, seed }) => {
        let remaining = total;
        bargainCuts(total, helpers, seed).forEach((c, i) => {
          const left = BigInt(helpers - i);
          if (left > 1n) {
            expect(c).toBeLessThanOrEqual((2n * remaining) / left);
            expect(remaining - c).toBeGreaterThanOrEqual(left - 1n);
          }
          remaining -= c;
        });
      }),
      RUNS,
    );
  });

  it('properties: reproducible — the same seed and terms always give the same cuts', () => {
    fc.assert(
      fc.property(terms, ({ helpers, total, seed }) => {
        expect(bargainCuts(total, helpers, seed)).toEqual(bargainCuts(total, helpers, seed));
      }),
      RUNS,
    );
  });

  it('the seed matters: different seeds give different schedules (almost always)', () => {
    const schedules = new Set(Array.from({ length: 50 }, (_, i) => bargainCuts(10_000n, 10, `seed-${i}`).join(',')));
    expect(schedules.size).toBeGreaterThan(45);
    expect(bargainCuts(5n, 5, 'x')).toEqual([1n, 1n, 1n, 1n, 1n]);
    expect(() => bargainCuts(4n, 5, 'x')).toThrow(RangeError);
  });

  it('properties: a Bargain helped by any sequence of helpers (repeats included) never goes below the floor, lands on it exactly at the last helper, and then refuses more', () => {
    const arb = fc.record({
      floor: fc.bigInt(0n, 100_000n),
      helpers: fc.integer({ min: 1, max: 30 }),
      extra: fc.bigInt(0n, 1_000_000n),
      seed: fc.string({ maxLength: 12 }),
      visits: fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 80 }),
    });
    fc.assert(
      fc.property(arb, ({ floor, helpers, extra, seed, visits }) => {
        const original = floor + BigInt(helpers) + extra;
        const price = (c: bigint) => formatUnits(c, 2);
        const activity = Activity.create('b', aBargain({}, { originalPrice: price(original), floorPrice: price(floor), maxHelpers: helpers }), at(0));
        activity.submit(at(0), { by: 'mia' });
        activity.approve(at(0), { by: 'rex' });
        const b = Bargain.start({ id: 'bg', activity, memberId: 'm', seed, now: at(1) });
        const firstCut = new Map<number, Money>();
        for (const v of visits) {
          const before = b.currentPrice;
          const helped = firstCut.size;
          let result: { help: { cut: Money }; replayed: boolean } | DomainError;
          try {
            result = b.help(`h${v}`, at(2));
          } catch (e) {
            result = e as DomainError;
          }
          if (firstCut.has(v)) {
            expect(result).toMatchObject({ replayed: true, help: { cut: firstCut.get(v) } });
            expect(b.currentPrice).toEqual(before);
          } else if (helped === helpers) {
            expect((result as DomainError).code).toBe('PROMOTION.BARGAIN_COMPLETE');
          } else {
            const r = result as { help: { cut: Money }; replayed: boolean };
            expect(r.replayed).toBe(false);
            expect(r.help.cut.toMinor()).toBeGreaterThanOrEqual(1n);
            firstCut.set(v, r.help.cut);
          }
          expect(b.currentPrice.toMinor()).toBeGreaterThanOrEqual(floor);
          expect(b.currentPrice.toMinor() === floor).toBe(firstCut.size === helpers);
        }
        const s = b.toSnapshot();
        expect(s.status).toBe(s.helps.length === helpers ? 'complete' : 'open');
      }),
      RUNS,
    );
  });

  it('a bargain refuses help after its deadline (BARGAIN_EXPIRED), capped by the activity end', () => {
    const activity = Activity.create('b', aBargain({ endsAt: at(60) }), at(0));
    activity.submit(at(0), { by: 'mia' });
    activity.approve(at(0), { by: 'rex' });
    const b = Bargain.start({ id: 'bg', activity, memberId: 'm', seed: 's', now: at(1) });
    expect(b.toSnapshot().deadline).toEqual(at(60));
    expect(() => b.help('h', at(60))).toThrow(expect.objectContaining({ code: 'PROMOTION.BARGAIN_EXPIRED' }));
    expect(() => Bargain.start({ id: 'bg2', activity, memberId: 'm', seed: 's', now: at(60) })).toThrow(
      expect.objectContaining({ code: 'PROMOTION.NOT_ACTIVE' }),
    );
  });
});
