// The coupon rules of the pricing engine, on domain/pricing/coupon.ts directly (decision 0027): CPN-1's
// recommendation and its tie-breaks, what makes a coupon usable on an order (CPN-1: time, channel, scope,
// threshold), what each kind deducts (spec §6), and the checks of a coupon's definition.
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  compileCoupon,
  COUPON_SCOPE_KINDS,
  faceDeduction,
  planRejection,
  recommendCoupon,
  staticRejection,
  type CompiledCoupon,
  type CouponCandidate,
  type MemberCoupon,
} from '../../../domain/pricing/coupon.js';
import type { ScopedLine } from '../../../domain/pricing/scope.js';
import { Money } from '../../../domain/shared/money.js';
import { domainErrorOf } from '../../support/mothers.js';
import { AFTER, BEFORE, coupon, NOW } from './pricing-mothers.js';

const compile = (id: string, fields: Parameters<typeof coupon>[1]): CompiledCoupon => compileCoupon(coupon(id, fields), 'CNY');
const reasonOf = (fields: Partial<MemberCoupon>, id = 'c') => {
  const e = domainErrorOf(() => compileCoupon({ ...coupon(id, { kind: 'cash', amount: '1.00' }), ...fields } as MemberCoupon, 'CNY'));
  expect(e.code).toBe('PRICING.INVALID_COUPON');
  return e.details as { reason: string; field: string; couponId: unknown };
};
const candidate = (couponId: string, deduction: bigint, scopeRank = 6, priority = 0): CouponCandidate => ({ couponId, deduction, scopeRank, priority });
const scoped = (over: Partial<ScopedLine> = {}): ScopedLine => ({
  skuId: 'sku-a',
  productId: 'spu-a',
  categoryIds: ['c-tea'],
  brandId: 'b1',
  shopId: 'shop-a',
  selfRun: false,
  tags: [],
  ...over,
});

describe('CPN-1 recommendation: the coupon that deducts most; ties → narrower scope, then higher priority, then smaller id', () => {
  it('the largest deduction wins whatever its scope, priority or id', () => {
    expect(recommendCoupon([candidate('a', 500n, 0, 9), candidate('z', 501n, 6, -9)])).toBe('z');
    expect(recommendCoupon([candidate('z', 501n, 6, -9), candidate('a', 500n, 0, 9)])).toBe('z');
  });

  it('equal deductions: the narrower scope (sku < product < category < brand < shop < self-run < platform)', () => {
    expect(COUPON_SCOPE_KINDS).toEqual(['sku', 'product', 'category', 'brand', 'shop', 'self_run', 'platform']);
    expect(recommendCoupon([candidate('wide', 500n, 6, 9), candidate('narrow', 500n, 0, 0)])).toBe('narrow');
    expect(recommendCoupon([candidate('narrow', 500n, 0, 0), candidate('wide', 500n, 6, 9)])).toBe('narrow');
  });

  it('equal deductions and scopes: the higher priority', () => {
    expect(recommendCoupon([candidate('a', 500n, 2, 1), candidate('b', 500n, 2, 3)])).toBe('b');
    expect(recommendCoupon([candidate('b', 500n, 2, 3), candidate('a', 500n, 2, 1)])).toBe('b');
  });

  it('equal deductions, scopes and priorities: the smaller id, in any order', () => {
    expect(recommendCoupon([candidate('c-2', 500n), candidate('c-1', 500n)])).toBe('c-1');
    expect(recommendCoupon([candidate('c-1', 500n), candidate('c-2', 500n)])).toBe('c-1');
  });

  it('none when nothing deducts anything (or there is nothing)', () => {
    expect(recommendCoupon([])).toBeNull();
    expect(recommendCoupon([candidate('zero', 0n, 0, 9)])).toBeNull();
    expect(recommendCoupon([candidate('zero', 0n, 0, 9), candidate('one', 1n)])).toBe('one');
    expect(recommendCoupon([candidate('one', 1n), candidate('zero', 0n, 0, 9)])).toBe('one');
  });

  it('property: the pick is the first of the candidates sorted by (deduction desc, scope asc, priority desc, id asc), in any input order', () => {
    const cand = fc.record({
      couponId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
      deduction: fc.bigInt(0n, 4n),
      scopeRank: fc.integer({ min: 0, max: 3 }),
      priority: fc.integer({ min: -2, max: 2 }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(cand, { selector: (c) => c.couponId, maxLength: 6 }), fc.infiniteStream(fc.nat()), (cs, shuffle) => {
        const best = cs
          .filter((c) => c.deduction > 0n)
          .sort((x, y) =>
            x.deduction !== y.deduction
              ? x.deduction > y.deduction
                ? -1
                : 1
              : x.scopeRank !== y.scopeRank
                ? x.scopeRank - y.scopeRank
                : x.priority !== y.priority
                  ? y.priority - x.priority
                  : x.couponId < y.couponId
                    ? -1
                    : 1,
          )[0];
        const order = cs
          .map((c) => ({ c, k: shuffle.next().value }))
          .sort((x, y) => x.k - y.k)
          .map((x) => x.c);
        expect(recommendCoupon(order)).toBe(best?.couponId ?? null);
      }),
      { numRuns: 500 },
    );
  });
});

describe('CPN-1: whether a coupon can be used on this order', () => {
  // built in each test (not at collection time) so mutation testing attributes its code to the tests
  let c: CompiledCoupon;
  beforeEach(() => {
    c = compile('c', { kind: 'cash', amount: '5.00', validFrom: BEFORE, validUntil: AFTER, channels: ['app'] });
  });

  it('valid on [validFrom, validUntil): NOT_STARTED before, EXPIRED from validUntil on', () => {
    expect(staticRejection(c, new Date(BEFORE.getTime() - 1), 'app', 1, 0n)).toBe('NOT_STARTED');
    expect(staticRejection(c, BEFORE, 'app', 1, 0n)).toBeNull();
    expect(staticRejection(c, new Date(AFTER.getTime() - 1), 'app', 1, 0n)).toBeNull();
    expect(staticRejection(c, AFTER, 'app', 1, 0n)).toBe('EXPIRED');
  });

  it('WRONG_CHANNEL outside its channels; OUT_OF_SCOPE with no line in scope; a shipping coupon on free shipping is NO_FREIGHT', () => {
    expect(staticRejection(c, NOW, 'pc', 1, 0n)).toBe('WRONG_CHANNEL');
    expect(staticRejection(c, NOW, 'app', 0, 0n)).toBe('OUT_OF_SCOPE');
    const ship = compile('s', { kind: 'shipping' });
    expect(staticRejection(ship, NOW, 'app', 1, 0n)).toBe('NO_FREIGHT');
    expect(staticRejection(ship, NOW, 'app', 1, 1n)).toBeNull();
    expect(staticRejection(c, NOW, 'app', 1, 0n)).toBeNull();
  });

  it('the threshold is judged on the scope’s amount after activities: 199.99 < 200.00 is BELOW_THRESHOLD, 200.00 is enough', () => {
    const t = compile('t', { kind: 'threshold', threshold: '200.00', amount: '20.00' });
    expect(planRejection(t, 19999n)).toBe('BELOW_THRESHOLD');
    expect(planRejection(t, 20000n)).toBeNull();
  });

  it('nothing left to take from is NOTHING_TO_DEDUCT, except for a shipping coupon (it takes from the freight)', () => {
    expect(planRejection(c, 0n)).toBe('NOTHING_TO_DEDUCT');
    expect(planRejection(c, 1n)).toBeNull();
    expect(planRejection(compile('s', { kind: 'shipping' }), 0n)).toBeNull();
  });
});

describe('spec §6: what each kind takes off before it meets what is left', () => {
  it('cash, threshold and random: the face value', () => {
    expect(faceDeduction(compile('a', { kind: 'cash', amount: '5.00' }), 100n, 0n, 'CNY')).toBe(500n);
    expect(faceDeduction(compile('b', { kind: 'threshold', amount: '20.00', threshold: '199.00' }), 100n, 0n, 'CNY')).toBe(2000n);
    expect(faceDeduction(compile('c', { kind: 'random', amount: '6.66' }), 100n, 0n, 'CNY')).toBe(666n);
  });

  it('discount: its rate of the base rounded half-up once, capped — 15 % of 33.33 = 5.00; of 200.00 = 30.00 capped to 20.00; uncapped 30.00', () => {
    const capped = compile('d', { kind: 'discount', percentOff: '15', cap: '20.00' });
    expect(capped.cap).toBe(2000n);
    expect(faceDeduction(capped, 3333n, 0n, 'CNY')).toBe(500n);
    expect(faceDeduction(capped, 20000n, 0n, 'CNY')).toBe(2000n);
    expect(faceDeduction(capped, 13333n, 0n, 'CNY')).toBe(2000n);
    expect(faceDeduction(compile('u', { kind: 'discount', percentOff: '15' }), 20000n, 0n, 'CNY')).toBe(3000n);
  });

  it('shipping: the freight up to its amount, or all of it without one', () => {
    expect(faceDeduction(compile('s', { kind: 'shipping', amount: '10.00' }), 0n, 1200n, 'CNY')).toBe(1000n);
    expect(faceDeduction(compile('s', { kind: 'shipping', amount: '10.00' }), 0n, 800n, 'CNY')).toBe(800n);
    expect(faceDeduction(compile('s', { kind: 'shipping' }), 0n, 1200n, 'CNY')).toBe(1200n);
  });
});

describe('a compiled coupon: scope, slot and defaults', () => {
  it('defaults: named by its id, shared, priority 0, no threshold; the amounts in cents', () => {
    const c = compile('c-9', { kind: 'threshold', amount: '20.00', threshold: '199.00' });
    expect(c).toMatchObject({
      id: 'c-9',
      name: 'c-9',
      kind: 'threshold',
      shopId: null,
      scopeKind: 'platform',
      scopeRank: 6,
      exclusive: false,
      priority: 0,
      face: 2000n,
      threshold: 19900n,
      rate: null,
      percent: null,
      cap: null,
    });
    expect(compile('n', { kind: 'cash', amount: '1.00', name: '新人券', stacking: 'exclusive', priority: 7 })).toMatchObject({
      name: '新人券',
      exclusive: true,
      priority: 7,
      threshold: 0n,
    });
    const d = compile('d', { kind: 'discount', percentOff: '12.5' });
    expect([d.rate?.toString(), d.percent?.toString()]).toEqual(['0.125', '12.5']);
  });

  it('each scope kind covers its own lines, ranked narrowest first', () => {
    const covers = (scope: MemberCoupon['scope'], line: ScopedLine) => compile('c', { kind: 'cash', amount: '1.00', scope }).covers(line);
    expect(covers({ kind: 'platform' }, scoped())).toBe(true);
    expect([covers({ kind: 'self_run' }, scoped({ selfRun: true })), covers({ kind: 'self_run' }, scoped())]).toEqual([true, false]);
    expect([covers({ kind: 'sku', ids: ['sku-a'] }, scoped()), covers({ kind: 'sku', ids: ['sku-b'] }, scoped())]).toEqual([true, false]);
    expect([covers({ kind: 'product', ids: ['spu-a'] }, scoped()), covers({ kind: 'product', ids: ['sku-a'] }, scoped())]).toEqual([true, false]);
    expect([covers({ kind: 'category', ids: ['c-x', 'c-tea'] }, scoped()), covers({ kind: 'category', ids: ['c-x'] }, scoped())]).toEqual([true, false]);
    expect([covers({ kind: 'brand', ids: ['b1'] }, scoped()), covers({ kind: 'brand', ids: ['b1'] }, scoped({ brandId: null }))]).toEqual([true, false]);
    expect([covers({ kind: 'shop', ids: ['shop-a'] }, scoped()), covers({ kind: 'shop', ids: ['shop-b'] }, scoped())]).toEqual([true, false]);
    expect(
      COUPON_SCOPE_KINDS.map(
        (kind) => compile('c', { kind: 'cash', amount: '1.00', scope: kind === 'platform' || kind === 'self_run' ? { kind } : { kind, ids: ['x'] } }).scopeRank,
      ),
    ).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('a shop’s coupon covers its own shop’s lines only, whatever its scope names', () => {
    const c = compile('c', { kind: 'cash', amount: '1.00', issuer: { kind: 'shop', shopId: 'shop-a' }, scope: { kind: 'category', ids: ['c-tea'] } });
    expect(c.shopId).toBe('shop-a');
    expect(c.covers(scoped())).toBe(true);
    expect(c.covers(scoped({ shopId: 'shop-b' }))).toBe(false);
    expect(c.covers(scoped({ categoryIds: ['c-cup'] }))).toBe(false);
  });
});

describe('a coupon’s definition (PRICING.INVALID_COUPON with the field and reason)', () => {
  it('id, kind, priority, stacking, channels, validity', () => {
    expect(reasonOf({ id: '' })).toMatchObject({ field: 'id', reason: 'MISSING' });
    expect(reasonOf({ id: 42 as never })).toMatchObject({ field: 'id', reason: 'MISSING' });
    expect(reasonOf({ kind: 'voucher' as never })).toMatchObject({ field: 'kind', reason: 'UNKNOWN_KIND' });
    expect(reasonOf({ priority: 1.5 })).toMatchObject({ field: 'priority', reason: 'NOT_AN_INTEGER' });
    expect(reasonOf({ stacking: 'maybe' as never })).toMatchObject({ field: 'stacking', reason: 'UNKNOWN_STACKING' });
    expect(reasonOf({ channels: ['tv' as never] })).toMatchObject({ field: 'channels', reason: 'UNKNOWN_CHANNEL' });
    expect(reasonOf({ validFrom: '2025-01-01' as never })).toMatchObject({ field: 'validity', reason: 'INVALID_DATE' });
    expect(reasonOf({ validUntil: undefined as never })).toMatchObject({ field: 'validity', reason: 'INVALID_DATE' });
    expect(reasonOf({ validFrom: AFTER, validUntil: BEFORE })).toMatchObject({ field: 'validity', reason: 'EMPTY_WINDOW' });
  });

  it('no coupon at all (null from a caller) is a rejection of its id, not a crash', () => {
    for (const nothing of [null, undefined]) {
      const e = domainErrorOf(() => compileCoupon(nothing as never, 'CNY'));
      expect(e).toMatchObject({ code: 'PRICING.INVALID_COUPON', details: { reason: 'MISSING', field: 'id', couponId: undefined } });
      expect(e.message).toBe('coupon undefined: invalid id (MISSING)');
    }
  });

  it('the message names the coupon, the field and the reason', () => {
    const e = domainErrorOf(() => compileCoupon({ ...coupon('c-7', { kind: 'cash', amount: '0.00' }) }, 'CNY'));
    expect(e.message).toBe('coupon "c-7": invalid amount (ZERO_DISCOUNT)');
    expect(e.details).toEqual({ reason: 'ZERO_DISCOUNT', couponId: 'c-7', field: 'amount' });
  });

  it('issuer and scope: a known issuer; a known scope kind with ids where it takes them; a shop reaches only its own shop', () => {
    expect(reasonOf({ issuer: { kind: 'mall' } as never })).toMatchObject({ field: 'issuer', reason: 'UNKNOWN_ISSUER' });
    expect(reasonOf({ issuer: undefined as never })).toMatchObject({ field: 'issuer', reason: 'UNKNOWN_ISSUER' });
    expect(reasonOf({ issuer: { kind: 'shop', shopId: '' } })).toMatchObject({ field: 'issuer', reason: 'UNKNOWN_ISSUER' });
    expect(reasonOf({ scope: { kind: 'galaxy' } as never })).toMatchObject({ field: 'scope', reason: 'UNKNOWN_SCOPE' });
    expect(reasonOf({ scope: undefined as never })).toMatchObject({ field: 'scope', reason: 'UNKNOWN_SCOPE' });
    expect(reasonOf({ scope: { kind: 'sku', ids: [] } })).toMatchObject({ field: 'scope', reason: 'EMPTY_SCOPE' });
    expect(reasonOf({ scope: { kind: 'sku', ids: 'sku-a' as never } })).toMatchObject({ field: 'scope', reason: 'EMPTY_SCOPE' });
    const shop = { kind: 'shop', shopId: 's' } as const;
    expect(reasonOf({ issuer: shop, scope: { kind: 'self_run' } })).toMatchObject({ field: 'scope', reason: 'SCOPE_OUTSIDE_SHOP' });
    expect(reasonOf({ issuer: shop, scope: { kind: 'shop', ids: ['s', 't'] } })).toMatchObject({ field: 'scope', reason: 'SCOPE_OUTSIDE_SHOP' });
    expect(compile('ok', { kind: 'cash', amount: '1.00', issuer: shop, scope: { kind: 'shop', ids: ['s'] } }).scopeKind).toBe('shop');
    expect(compile('ok', { kind: 'cash', amount: '1.00', issuer: shop, scope: { kind: 'sku', ids: ['x'] } }).scopeKind).toBe('sku');
  });

  it('amounts: whole cents, not negative, in the order’s currency (Money or text)', () => {
    expect(reasonOf({ amount: '1.001' })).toMatchObject({ field: 'amount' });
    expect(reasonOf({ amount: '-1.00' })).toMatchObject({ field: 'amount' });
    expect(reasonOf({ amount: Money.of('1.00', 'USD') })).toMatchObject({ field: 'amount', reason: 'CURRENCY_MISMATCH' });
    expect(compileCoupon(coupon('m', { kind: 'cash', amount: Money.of('3.50') }), 'CNY').face).toBe(350n);
    expect(reasonOf({ kind: 'threshold', amount: '5.00', threshold: 'lots' })).toMatchObject({ field: 'threshold', reason: 'NOT_AN_AMOUNT' });
  });

  it('cash: a face value above zero and no threshold', () => {
    expect(reasonOf({ kind: 'cash', amount: undefined })).toMatchObject({ field: 'amount', reason: 'ZERO_DISCOUNT' });
    expect(reasonOf({ kind: 'cash', amount: '0.00' })).toMatchObject({ field: 'amount', reason: 'ZERO_DISCOUNT' });
    expect(reasonOf({ kind: 'cash', amount: '5.00', threshold: '0.01' })).toMatchObject({ field: 'threshold', reason: 'CASH_HAS_NO_THRESHOLD' });
    expect(compile('ok', { kind: 'cash', amount: '5.00', threshold: '0.00' }).threshold).toBe(0n);
  });

  it('threshold and random: a face value above zero; the threshold, where there is one (always for threshold), at least the face value', () => {
    for (const kind of ['threshold', 'random'] as const) {
      expect(reasonOf({ kind, amount: undefined, threshold: '10.00' })).toMatchObject({ field: 'amount', reason: 'ZERO_DISCOUNT' });
      expect(reasonOf({ kind, amount: '0.00', threshold: '10.00' })).toMatchObject({ field: 'amount', reason: 'ZERO_DISCOUNT' });
      expect(reasonOf({ kind, amount: '10.01', threshold: '10.00' })).toMatchObject({ field: 'threshold', reason: 'THRESHOLD_BELOW_DISCOUNT' });
      expect(compile('ok', { kind, amount: '10.00', threshold: '10.00' }).threshold).toBe(1000n);
    }
    // a threshold coupon with no threshold (0) is below any face value; a random one without a threshold is fine
    expect(reasonOf({ kind: 'threshold', amount: '5.00', threshold: undefined })).toMatchObject({ field: 'threshold', reason: 'THRESHOLD_BELOW_DISCOUNT' });
    expect(compile('ok', { kind: 'random', amount: '5.00' }).threshold).toBe(0n);
  });

  it('discount: a percentage in (0, 100], an optional cap above zero', () => {
    expect(reasonOf({ kind: 'discount', amount: undefined })).toMatchObject({ field: 'percentOff', reason: 'MISSING' });
    expect(reasonOf({ kind: 'discount', amount: undefined, percentOff: '0' })).toMatchObject({ field: 'percentOff', reason: 'PERCENT_OUT_OF_RANGE' });
    expect(reasonOf({ kind: 'discount', amount: undefined, percentOff: 'ten' })).toMatchObject({ field: 'percentOff', reason: 'NOT_A_PERCENTAGE' });
    expect(reasonOf({ kind: 'discount', amount: undefined, percentOff: '10', cap: '0.00' })).toMatchObject({ field: 'cap', reason: 'ZERO_CAP' });
    expect(reasonOf({ kind: 'discount', amount: undefined, percentOff: '10', cap: '-1.00' })).toMatchObject({ field: 'cap' });
    expect(compile('ok', { kind: 'discount', percentOff: '100', cap: '0.01' }).cap).toBe(1n);
  });

  it('shipping: an amount, if any, above zero', () => {
    expect(reasonOf({ kind: 'shipping', amount: '0.00' })).toMatchObject({ field: 'amount', reason: 'ZERO_DISCOUNT' });
    expect(compile('ok', { kind: 'shipping' }).face).toBeNull();
    expect(compile('ok', { kind: 'shipping', amount: '8.00' }).face).toBe(800n);
  });
});
