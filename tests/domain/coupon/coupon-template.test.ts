import { describe, expect, it } from 'vitest';
import { CouponTemplate, handOutRejection, type CouponTemplateFields } from '../../../domain/coupon/coupon-template.js';
import { compileCoupon } from '../../../domain/pricing/index.js';
import { Money } from '../../../domain/shared/money.js';
import { domainErrorOf } from '../../support/mothers.js';
import { aTemplate, day, seededRandom, T0, thresholdFields } from './coupon-mothers.js';

const create = (overrides: Partial<CouponTemplateFields>) => () => CouponTemplate.create('tpl-x', thresholdFields(overrides), T0);
const handOut = (t: CouponTemplate, at: Date, o: { source?: 'claim' | 'issue'; isNewCustomer?: boolean; random?: () => number } = {}) =>
  t.handOut({
    couponId: 'c-1',
    memberId: 'm-1',
    at,
    source: o.source ?? 'claim',
    isNewCustomer: o.isNewCustomer ?? true,
    random: { next: o.random ?? (() => 0.5) },
  });

describe('coupon template definition (spec §6)', () => {
  it('a valid threshold coupon: defaults (platform, public, everyone, limit 1 → 2 here) and the created event', () => {
    const t = CouponTemplate.create('tpl-1', thresholdFields(), T0);
    expect(t.toSnapshot()).toMatchObject({
      id: 'tpl-1',
      kind: 'threshold',
      issuer: { kind: 'platform' },
      scope: { kind: 'platform' },
      visibility: 'public',
      audience: 'all',
      status: 'active',
      stacking: 'shared',
      priority: 0,
      channels: [],
      version: 0,
    });
    expect(t.toSnapshot().amount!.toString()).toBe('20.00');
    expect(t.pullEvents().map((e) => e.type)).toEqual(['coupon.template.created']);
  });

  it('a shop issuer scopes the coupon to its own shop by default', () => {
    const t = CouponTemplate.create(
      'tpl-s',
      thresholdFields({ kind: 'discount', amount: undefined, threshold: '100.00', percentOff: '10', cap: '30.00', issuer: { kind: 'shop', shopId: 'shop-9' } }),
      T0,
    );
    expect(t.toSnapshot().scope).toEqual({ kind: 'shop', ids: ['shop-9'] });
    expect(t.toSnapshot().percentOff).toBe('10');
  });

  it.each<[string, Partial<CouponTemplateFields>, string, string]>([
    ['a discount above 100 %', { kind: 'discount', amount: undefined, threshold: undefined, percentOff: '120' }, 'percentOff', 'PERCENT_OUT_OF_RANGE'],
    ['a discount of 0 %', { kind: 'discount', amount: undefined, threshold: undefined, percentOff: '0' }, 'percentOff', 'PERCENT_OUT_OF_RANGE'],
    ['a percentage with 3 decimals', { kind: 'discount', amount: undefined, threshold: undefined, percentOff: '12.345' }, 'percentOff', 'TOO_MANY_DECIMALS'],
    ['a threshold below the discount', { threshold: '10.00' }, 'threshold', 'THRESHOLD_BELOW_DISCOUNT'],
    [
      'a random threshold below the largest amount',
      { kind: 'random', amount: undefined, threshold: '5.00', randomRange: { min: '1.00', max: '8.00' } },
      'threshold',
      'THRESHOLD_BELOW_DISCOUNT',
    ],
    [
      'a random range upside down',
      { kind: 'random', amount: undefined, threshold: undefined, randomRange: { min: '9.00', max: '1.00' } },
      'randomRange',
      'RANGE_INVERTED',
    ],
    [
      'a random range from zero',
      { kind: 'random', amount: undefined, threshold: undefined, randomRange: { min: '0.00', max: '1.00' } },
      'randomRange',
      'ZERO_DISCOUNT',
    ],
    ['a cash coupon with a threshold', { kind: 'cash' }, 'threshold', 'NOT_FOR_KIND'],
    ['a threshold coupon without a threshold', { threshold: undefined }, 'threshold', 'MISSING'],
    ['a discount coupon without a percentage', { kind: 'discount', amount: undefined, threshold: undefined }, 'percentOff', 'MISSING'],
    ['a zero face value', { amount: '0.00' }, 'amount', 'ZERO_DISCOUNT'],
    ['a negative amount', { amount: '-5.00' }, 'amount', 'NEGATIVE_AMOUNT'],
    ['fractions of a cent', { amount: '5.001' }, 'amount', 'TOO_MANY_DECIMALS'],
    ['not an amount', { amount: 'five' }, 'amount', 'NOT_AN_AMOUNT'],
    ['a claim window that ends before it starts', { claimWindow: { startsAt: day(5), endsAt: day(1) } }, 'claimWindow', 'EMPTY_WINDOW'],
    ['a claim window that ends when it starts', { claimWindow: { startsAt: day(5), endsAt: day(5) } }, 'claimWindow', 'EMPTY_WINDOW'],
    ['a fixed validity that ends before it starts', { validity: { kind: 'fixed', from: day(10), until: day(2) } }, 'validity', 'EMPTY_WINDOW'],
    [
      'a claim window opening after the validity ended',
      { validity: { kind: 'fixed', from: day(0), until: day(3) }, claimWindow: { startsAt: day(3), endsAt: day(9) } },
      'claimWindow',
      'CLAIM_AFTER_VALIDITY',
    ],
    ['a relative validity of 0 days', { validity: { kind: 'relative', days: 0 } }, 'validity', 'INVALID_DAYS'],
    ['an invalid date', { claimWindow: { startsAt: new Date('nope'), endsAt: day(1) } }, 'claimWindow', 'INVALID_DATE'],
    ['a total quantity of 0', { totalQuantity: 0 }, 'totalQuantity', 'INVALID_QUANTITY'],
    ['a fractional total quantity', { totalQuantity: 1.5 }, 'totalQuantity', 'INVALID_QUANTITY'],
    ['a per-member limit of 0', { perMemberLimit: 0 }, 'perMemberLimit', 'INVALID_LIMIT'],
    ['an empty name', { name: '  ' }, 'name', 'INVALID_NAME'],
    ['a shop coupon over the whole platform', { issuer: { kind: 'shop', shopId: 's1' }, scope: { kind: 'platform' } }, 'scope', 'SCOPE_OUTSIDE_SHOP'],
    ['a shop coupon over another shop', { issuer: { kind: 'shop', shopId: 's1' }, scope: { kind: 'shop', ids: ['s2'] } }, 'scope', 'SCOPE_OUTSIDE_SHOP'],
    ['a scope without ids', { scope: { kind: 'brand', ids: [] } }, 'scope', 'EMPTY_SCOPE'],
    ['an unknown channel', { channels: ['fax' as never] }, 'channels', 'UNKNOWN_CHANNEL'],
    ['an unknown kind', { kind: 'gift' as never }, 'kind', 'UNKNOWN_KIND'],
    ['an unknown visibility', { visibility: 'secret' as never }, 'visibility', 'UNKNOWN_VISIBILITY'],
  ])('%s is COUPON.INVALID_TEMPLATE with the field and reason', (_what, overrides, field, reason) => {
    const e = domainErrorOf(create(overrides));
    expect([e.code, e.kind, e.details]).toEqual(['COUPON.INVALID_TEMPLATE', 'invalid', { field, reason }]);
  });

  it('stop is recorded once; stopping again changes nothing', () => {
    const t = aTemplate();
    expect(t.stop(day(1))).toBe(true);
    expect(t.stop(day(2))).toBe(false);
    expect(t.pullEvents().map((e) => e.type)).toEqual(['coupon.template.stopped']);
    expect(t.status).toBe('stopped');
  });
});

describe('handing out (claim and issue policies)', () => {
  it('a relative validity runs N days from the claim; a fixed one is the template’s', () => {
    const rel = handOut(aTemplate(), day(2)).toSnapshot();
    expect([rel.validFrom, rel.validUntil]).toEqual([day(2), day(32)]);
    const fixed = handOut(aTemplate({ validity: { kind: 'fixed', from: day(1), until: day(20) } }), day(2)).toSnapshot();
    expect([fixed.validFrom, fixed.validUntil]).toEqual([day(1), day(20)]);
    expect(fixed.state).toBe('available');
  });

  it.each<[string, Partial<CouponTemplateFields>, Date, 'claim' | 'issue', boolean, string | null]>([
    ['a member claims a hidden template', { visibility: 'hidden' }, day(1), 'claim', true, 'COUPON.NOT_CLAIMABLE'],
    ['staff issue a hidden template', { visibility: 'hidden' }, day(1), 'issue', true, null],
    ['a claim before the window', { claimWindow: { startsAt: day(2), endsAt: day(5) } }, day(1), 'claim', true, 'COUPON.CLAIM_WINDOW_CLOSED'],
    ['a claim at the end of the window', { claimWindow: { startsAt: day(2), endsAt: day(5) } }, day(5), 'claim', true, 'COUPON.CLAIM_WINDOW_CLOSED'],
    ['staff issue outside the window', { claimWindow: { startsAt: day(2), endsAt: day(5) } }, day(6), 'issue', true, null],
    [
      'anything after a fixed validity ended',
      { validity: { kind: 'fixed', from: day(0), until: day(3) }, claimWindow: { startsAt: day(0), endsAt: day(9) } },
      day(4),
      'issue',
      true,
      'COUPON.CLAIM_WINDOW_CLOSED',
    ],
    ['an old customer claims a new-customer coupon', { audience: 'new_customers' }, day(1), 'claim', false, 'COUPON.NEW_CUSTOMERS_ONLY'],
    ['a new customer claims it', { audience: 'new_customers' }, day(1), 'claim', true, null],
  ])('%s', (_what, overrides, at, source, isNewCustomer, code) => {
    const rejection = handOutRejection(aTemplate(overrides).toSnapshot(), { at, source, isNewCustomer });
    expect(rejection?.code ?? null).toBe(code);
  });

  it('a stopped template hands out nothing', () => {
    const t = aTemplate();
    t.stop(day(1));
    expect(domainErrorOf(() => handOut(t, day(1), { source: 'issue' })).code).toBe('COUPON.TEMPLATE_STOPPED');
  });

  it('a random amount is drawn from the injected source, in whole cents within [min, max], reproducibly', () => {
    const t = aTemplate({ kind: 'random', amount: undefined, threshold: undefined, randomRange: { min: '1.00', max: '9.99' } });
    expect(
      handOut(t, day(1), { random: () => 0 })
        .toSnapshot()
        .amount!.toString(),
    ).toBe('1.00');
    expect(
      handOut(t, day(1), { random: () => 0.999999999 })
        .toSnapshot()
        .amount!.toString(),
    ).toBe('9.99');
    const draw = (seed: number) => {
      const r = seededRandom(seed);
      return Array.from({ length: 5 }, () =>
        t
          .handOut({ couponId: 'c', memberId: 'm', at: day(1), source: 'claim', isNewCustomer: true, random: r })
          .toSnapshot()
          .amount!.toString(),
      );
    };
    expect(draw(7)).toEqual(draw(7));
    expect(() => handOut(t, day(1), { random: () => 1 })).toThrow(RangeError);
  });

  it('toMemberCoupon gives the engine’s MemberCoupon, which the engine compiles as is', () => {
    const t = aTemplate({ channels: ['app'], priority: 3 });
    const coupon = handOut(t, day(1));
    const mc = coupon.toMemberCoupon(t.toSnapshot());
    expect(mc).toEqual({
      id: 'c-1',
      name: '满199减20',
      kind: 'threshold',
      issuer: { kind: 'platform' },
      scope: { kind: 'platform' },
      amount: Money.of('20.00'),
      threshold: Money.of('199.00'),
      validFrom: day(1),
      validUntil: day(31),
      channels: ['app'],
      stacking: 'shared',
      priority: 3,
    });
    expect(compileCoupon(mc, 'CNY').face).toBe(2000n);
    expect(coupon.pullEvents().map((e) => e.type)).toEqual(['coupon.claimed']);
  });
});
