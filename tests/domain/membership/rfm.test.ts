import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LEVELS, levelOf, percentileDisc, quantilesOf, thresholdsFrom, checkLevels } from '../../../domain/membership/levels.js';
import { checkoutDeduction, DEFAULT_POINTS_RULES, expiringPoints, endOfYear, expiryOf, signInPoints } from '../../../domain/membership/points.js';
import { computeRfm, DEFAULT_RFM_CONFIG, fellSharply, type OrderFact } from '../../../domain/membership/rfm.js';
import { checkGrowthRules, DEFAULT_GROWTH_RULES, orderGrowth } from '../../../domain/membership/growth.js';
import { Money } from '../../../domain/shared/money.js';

const DAY = 86_400_000;
const asOf = new Date('2026-01-01T00:00:00Z');
const order = (memberId: string, daysAgo: number, amount: string, i: number): OrderFact => ({
  orderId: `${memberId}-${i}`,
  memberId,
  paidAt: new Date(asOf.getTime() - daysAgo * DAY),
  amount,
  refunded: '0.00',
});
const orders = (memberId: string, days: number[], amount: string) => days.map((d, i) => order(memberId, d, amount, i));

/** The worked example of docs/contexts/membership.md, computed by hand there. */
export const TEN_MEMBERS: OrderFact[] = [
  ...orders('m01', [300], '10.00'),
  ...orders('m02', [200], '20.00'),
  ...orders('m03', [100, 150], '30.00'),
  ...orders('m04', [90, 95], '25.00'),
  ...orders('m05', [60, 70, 80], '100.00'),
  ...orders('m06', [50, 51, 52], '10.00'),
  ...orders('m07', [30, 31, 32, 33], '50.00'),
  ...orders('m08', [20, 21, 22, 23], '5.00'),
  ...orders('m09', [10, 11, 12, 13, 14], '200.00'),
  ...orders('m10', [5], '400.00'),
  order('m10', 400, '999.00', 9), // outside the 365-day window: counts for nothing but recency
  { ...order('m11', 1, '50.00', 0), refunded: '50.00' }, // fully refunded: not a paid order, not scored
];

describe('RFM in the domain', () => {
  it('a hand-computed example of 10 members: values, quintile scores by rank, and the eight-segment split by mean', () => {
    const scores = computeRfm(TEN_MEMBERS, asOf, DEFAULT_RFM_CONFIG);
    const table = Object.fromEntries(scores.map((s) => [s.memberId, [s.recencyDays, s.frequency, s.monetary, `${s.r}${s.f}${s.m}`, s.segment]]));
    expect(table).toEqual({
      m01: [300, 1, '10.00', '111', 'general_recall'],
      m02: [200, 1, '20.00', '111', 'general_recall'],
      m03: [100, 2, '60.00', '223', 'important_recall'],
      m04: [90, 2, '50.00', '223', 'important_recall'],
      m05: [60, 3, '300.00', '334', 'important_retention'],
      m06: [50, 3, '30.00', '332', 'general_retention'],
      m07: [30, 4, '200.00', '444', 'important_value'],
      m08: [20, 4, '20.00', '441', 'general_value'],
      m09: [10, 5, '1000.00', '555', 'important_value'],
      m10: [5, 1, '400.00', '515', 'important_development'],
    });
  });

  it('average M rounds half up to the cent; breakpoints score 1 + the breakpoints passed', () => {
    const facts = [order('a', 1, '10.00', 0), order('a', 2, '10.01', 1), order('b', 40, '100.00', 0)];
    const scores = computeRfm(facts, asOf, {
      ...DEFAULT_RFM_CONFIG,
      monetary: 'average',
      scoring: { kind: 'breakpoints', recency: [7, 30, 90, 180], frequency: [1, 2, 4, 8], monetary: ['10.00', '50.00', '100.00', '500.00'] },
    });
    expect(scores.map((s) => [s.memberId, s.monetary, s.r, s.f, s.m])).toEqual([
      ['a', '10.01', 5, 3, 2], // 20.01 / 2 = 10.005 → 10.01
      ['b', '100.00', 3, 2, 4],
    ]);
  });

  it('MBR-2: a fall of F by the configured share from at least the minimum raises a wake-up, a small fall does not', () => {
    expect(fellSharply(6, 3, DEFAULT_RFM_CONFIG)).toBe(true);
    expect(fellSharply(6, 4, DEFAULT_RFM_CONFIG)).toBe(false);
    expect(fellSharply(2, 0, DEFAULT_RFM_CONFIG)).toBe(false);
  });
});

describe('levels', () => {
  it('the level is a monotone function of growth', () => {
    fc.assert(fc.property(fc.nat(100_000), fc.nat(100_000), (a, b) => (a <= b ? levelOf(a, DEFAULT_LEVELS) <= levelOf(b, DEFAULT_LEVELS) : true)));
  });

  it('thresholds out of order or not starting at 0 are refused', () => {
    for (const thresholds of [
      [0, 100, 100],
      [0, 300, 200],
    ]) {
      expect(() => checkLevels({ thresholds })).toThrow(expect.objectContaining({ code: 'MEMBERSHIP.THRESHOLDS_OUT_OF_ORDER' }));
    }
    for (const thresholds of [
      [10, 20],
      [0, 1.5],
    ]) {
      expect(() => checkLevels({ thresholds })).toThrow(expect.objectContaining({ code: 'MEMBERSHIP.INVALID_THRESHOLDS' }));
    }
  });

  it('proposed thresholds put the target shares of members below each level and always rise', () => {
    const growth = Array.from({ length: 100 }, (_, i) => i * 10).sort((a, b) => a - b);
    const q = quantilesOf([50, 30, 15, 5]);
    const t = thresholdsFrom(q.map((x) => percentileDisc(growth, x)));
    expect(t.thresholds).toEqual([0, 490, 790, 940]);
    expect(growth.filter((g) => levelOf(g, t) === 1)).toHaveLength(49); // percentile_disc: the 50th value starts level 2
    expect(thresholdsFrom([0, 0, 0]).thresholds).toEqual([0, 1, 2, 3]);
  });
});

describe('growth and points rules', () => {
  it('a rule with a negative factor or grant is refused', () => {
    expect(() => checkGrowthRules({ ...DEFAULT_GROWTH_RULES, orderFactor: '-1' })).toThrow(expect.objectContaining({ code: 'MEMBERSHIP.INVALID_RULE' }));
    expect(() => checkGrowthRules({ ...DEFAULT_GROWTH_RULES, review: -20 })).toThrow(expect.objectContaining({ code: 'MEMBERSHIP.INVALID_RULE' }));
    expect(orderGrowth(Money.of('199.99'), '1.5')).toBe(299);
  });

  it('sign-in bonus on every 7th consecutive day; earnings of year Y expire at the end of Y+1 (UTC+8)', () => {
    expect([1, 6, 7, 14].map((d) => signInPoints(DEFAULT_POINTS_RULES, d))).toEqual([5, 5, 25, 25]);
    expect(expiryOf(DEFAULT_POINTS_RULES, new Date('2025-12-31T17:00:00Z'))).toEqual(endOfYear(2027)); // already 2026 in China
    expect(endOfYear(2026).toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  it('expiry is first in, first out: debits use the oldest points first', () => {
    const cutoff = endOfYear(2026);
    const entries = [
      { delta: 100, expiresAt: cutoff },
      { delta: 50, expiresAt: endOfYear(2027) },
      { delta: -70, expiresAt: null },
    ];
    expect(expiringPoints(entries, cutoff, 80)).toBe(30);
    expect(expiringPoints(entries, cutoff, 10)).toBe(10);
  });

  it('a checkout deduction is capped at the share of the payable and split over the lines by their payable', () => {
    const lines = [
      { lineId: 'a', payable: Money.of('60.00') },
      { lineId: 'b', payable: Money.of('40.00') },
    ];
    const d = checkoutDeduction(DEFAULT_POINTS_RULES, 4999, Money.of('100.00'), lines);
    expect(d.value.toString()).toBe('49.99');
    expect(d.perLine).toEqual({ a: 2999, b: 2000 }); // 2999.4 and 1999.6: the larger remainder takes the last point
    expect(() => checkoutDeduction(DEFAULT_POINTS_RULES, 5001, Money.of('100.00'), lines)).toThrow(
      expect.objectContaining({ code: 'MEMBERSHIP.DEDUCTION_OVER_CAP' }),
    );
  });
});
