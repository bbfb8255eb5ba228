import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CouponTemplate, drawAmount, type CouponTemplateFields } from '../../../domain/coupon/coupon-template.js';
import { redemptionRate } from '../../../domain/coupon/statistics.js';
import { compileCoupon, type Channel } from '../../../domain/pricing/index.js';
import { Dec } from '../../../domain/shared/decimal.js';
import { isDomainError } from '../../../domain/shared/domain-error.js';
import { Money } from '../../../domain/shared/money.js';
import { formatUnits } from '../../support/arbitraries.js';
import { day, T0 } from './coupon-mothers.js';

const cents = (max = 1_000_000n) => fc.bigInt(0n, max).map((c) => formatUnits(c, 2));

/** Definitions of every kind, some valid and some not; the domain decides. */
const fieldsArb: fc.Arbitrary<CouponTemplateFields> = fc
  .record({
    kind: fc.constantFrom('cash', 'threshold', 'discount', 'random', 'shipping'),
    amount: cents(),
    threshold: cents(),
    percentOff: fc.integer({ min: 0, max: 12000 }).map((p) => formatUnits(BigInt(p), 2)),
    cap: fc.option(cents(), { nil: undefined }),
    min: cents(10_000n),
    max: cents(10_000n),
    relative: fc.boolean(),
    days: fc.integer({ min: 0, max: 40 }),
    startDay: fc.integer({ min: 0, max: 10 }),
    length: fc.integer({ min: -2, max: 20 }),
    channels: fc.subarray<Channel>(['app', 'h5', 'pc', 'mini_program']),
    withThreshold: fc.boolean(),
  })
  .map((r) => {
    const benefit =
      r.kind === 'cash'
        ? { amount: r.amount }
        : r.kind === 'threshold'
          ? { amount: r.amount, threshold: r.threshold }
          : r.kind === 'discount'
            ? { percentOff: r.percentOff, cap: r.cap, ...(r.withThreshold ? { threshold: r.threshold } : {}) }
            : r.kind === 'random'
              ? { randomRange: { min: r.min, max: r.max }, ...(r.withThreshold ? { threshold: r.threshold } : {}) }
              : { ...(r.withThreshold ? { threshold: r.threshold } : {}), amount: r.amount };
    return {
      name: `coupon ${r.kind}`,
      kind: r.kind,
      ...benefit,
      validity: r.relative ? { kind: 'relative', days: r.days } : { kind: 'fixed', from: day(r.startDay), until: day(r.startDay + r.length) },
      claimWindow: { startsAt: day(0), endsAt: day(5) },
      totalQuantity: 10,
      channels: r.channels,
    } as CouponTemplateFields;
  });

describe('coupon properties', () => {
  it('a random amount is whole cents within [min, max] for every range and every draw in [0, 1)', () => {
    fc.assert(
      fc.property(fc.bigInt(1n, 10n ** 9n), fc.bigInt(0n, 10n ** 6n), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (min, span, r) => {
        const range = { min: Money.fromMinor(min), max: Money.fromMinor(min + span) };
        const drawn = drawAmount(range, { next: () => r }).toMinor();
        expect(drawn >= min && drawn <= min + span).toBe(true);
      }),
    );
  });

  it('every definition the domain accepts hands out coupons the pricing engine compiles as they are; every one it refuses is COUPON.INVALID_TEMPLATE', () => {
    fc.assert(
      fc.property(fieldsArb, fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (fields, r) => {
        let t: CouponTemplate;
        try {
          t = CouponTemplate.create('tpl', fields, T0);
        } catch (e) {
          expect(isDomainError(e) && e.code === 'COUPON.INVALID_TEMPLATE' && typeof e.details.reason === 'string').toBe(true);
          return;
        }
        const s = t.toSnapshot();
        if (s.kind === 'threshold') expect(s.threshold!.compare(s.amount!)).toBeGreaterThanOrEqual(0);
        if (s.percentOff !== null) expect(new Dec(s.percentOff).gt(0) && new Dec(s.percentOff).lte(100)).toBe(true);
        const coupon = t.handOut({ couponId: 'c', memberId: 'm', at: T0, source: 'issue', isNewCustomer: true, random: { next: () => r } });
        const compiled = compileCoupon(coupon.toMemberCoupon(s), 'CNY');
        if (s.randomRange) {
          expect(compiled.face! >= s.randomRange.min.toMinor() && compiled.face! <= s.randomRange.max.toMinor()).toBe(true);
        }
        expect(coupon.toSnapshot().validFrom.getTime()).toBeLessThan(coupon.toSnapshot().validUntil.getTime());
      }),
      { numRuns: 500 },
    );
  });

  it('the redemption rate is used / issued to 4 places, between 0 and 1, and 0 when none were issued', () => {
    expect(redemptionRate(0, 0)).toBe('0.0000');
    expect(redemptionRate(1, 3)).toBe('0.3333');
    expect(redemptionRate(2, 3)).toBe('0.6667');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 ** 8 }), fc.double({ min: 0, max: 1, noNaN: true }), (issued, share) => {
        const used = Math.floor(issued * share);
        const rate = new Dec(redemptionRate(used, issued));
        expect(rate.gte(0) && rate.lte(1)).toBe(true);
        expect(rate.minus(new Dec(used).div(issued)).abs().lte('0.00005')).toBe(true);
      }),
    );
  });
});
