// Issue #12 finding 3, decision 0020: every whole number the stores keep in an `int` column is checked
// against what the column holds, in the domain and application too (an embedder bypasses the HTTP
// schemas): any value past the bound is refused with the input's own stable code, any value within it
// passes that check.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createZhongtai, type Zhongtai } from '../../adapters/container/create-zhongtai.js';
import { isDomainError } from '../../domain/shared/domain-error.js';
import { INT32_MAX, INT32_MIN, isWholeIn, wholeNumber } from '../../domain/shared/integers.js';
import { MAX_QUANTITY } from '../../domain/shared/quantity.js';

const codeOf = (run: () => Promise<unknown>) =>
  Promise.resolve()
    .then(run)
    .then(
      () => null,
      (e) => (isDomainError(e) ? e.code : `NOT A DOMAIN ERROR: ${String(e)}`),
    );

/** Whole numbers in [min, max], biased to the bounds. */
const within = (min: number, max: number) => fc.oneof(fc.integer({ min, max }), fc.constantFrom(min, max));
/** Numbers past [min, max] on either side (up to the safe range), and non-numbers that are not whole. */
const past = (min: number, max: number) =>
  fc.oneof(
    fc.integer({ min: max + 1, max: Number.MAX_SAFE_INTEGER }),
    fc.constantFrom(max + 1, 2 ** 31, 2 ** 53, Number.MAX_SAFE_INTEGER, Infinity, NaN, min - 1),
    ...(min > Number.MIN_SAFE_INTEGER ? [fc.integer({ min: Number.MIN_SAFE_INTEGER, max: min - 1 })] : []),
  );

describe('the int32 helpers', () => {
  it('isWholeIn and wholeNumber accept exactly the whole numbers in [INT32_MIN, INT32_MAX]', () => {
    fc.assert(fc.property(within(INT32_MIN, INT32_MAX), (n) => isWholeIn(n) && wholeNumber(n, 'X.BAD', 'n') === n));
    fc.assert(
      fc.property(fc.oneof(past(INT32_MIN, INT32_MAX), fc.double({ noInteger: true }), fc.constant(-(2 ** 31) - 1)), (n) => {
        expect(isWholeIn(n)).toBe(false);
        expect(() => wholeNumber(n, 'X.BAD', 'n')).toThrow(expect.objectContaining({ code: 'X.BAD', kind: 'invalid' }));
      }),
    );
  });
});

describe('inputs that land in an int column, through the library (no HTTP schema in front)', () => {
  let zt: Zhongtai;
  let skuId: string;
  let n = 0;
  beforeAll(async () => {
    zt = createZhongtai();
    const leaf = await zt.catalog.createCategory({ name: 'Tea' });
    skuId = (await zt.catalog.createSpu({ title: 'Longjing', categoryId: leaf.id, salePrice: '128.00' })).skus[0]!.id;
    await zt.membership.register({ memberId: 'm1' });
  });

  /** [what, min, max, code, call, zero refused too]. */
  const entries: [string, number, number, string, (zt: Zhongtai, v: number) => Promise<unknown>, boolean?][] = [
    ['category sort', INT32_MIN, INT32_MAX, 'CATALOG.INVALID_SORT', (z, v) => z.catalog.createCategory({ name: `c${n++}`, sort: v })],
    ['front category sort', INT32_MIN, INT32_MAX, 'CATALOG.INVALID_SORT', (z, v) => z.catalog.createFrontCategory({ name: `f${n++}`, sort: v })],
    ['oversell allowance', 0, INT32_MAX, 'INVENTORY.INVALID_POLICY', (z, v) => z.inventory.configureStock({ skuId, oversellAllowance: v })],
    ['low-stock threshold', 0, INT32_MAX, 'INVENTORY.INVALID_POLICY', (z, v) => z.inventory.configureStock({ skuId, lowStockThreshold: v })],
    [
      'sales-layer inbound quantity',
      1,
      MAX_QUANTITY,
      'QUANTITY.INVALID',
      (z, v) => z.inventory.changeStock({ skuId, reference: `in-${n++}`, operation: { kind: 'increase', quantity: v } }),
    ],
    // Signed changes by hand: 0 is refused too (a change changes something).
    [
      'points changed by hand',
      -INT32_MAX,
      INT32_MAX,
      'MEMBERSHIP.INVALID_AMOUNT',
      (z, v) => z.membership.adjustPoints({ memberId: 'm1', delta: v, operator: 't', reason: 'r', reference: `p${n++}` }),
      true,
    ],
    [
      'growth changed by hand',
      -INT32_MAX,
      INT32_MAX,
      'MEMBERSHIP.INVALID_AMOUNT',
      (z, v) => z.membership.adjustGrowth({ memberId: 'm1', delta: v, operator: 't', reason: 'r', reference: `g${n++}` }),
      true,
    ],
    [
      'purchase-limit units taken',
      1,
      MAX_QUANTITY,
      'PROMOTION.INVALID_QUANTITY',
      (z, v) => z.promotions.consumePurchaseLimit({ activityId: 'a1', memberId: 'm1', reference: `o${n++}`, quantity: v }),
    ],
    [
      'points spent',
      1,
      INT32_MAX,
      'MEMBERSHIP.INVALID_AMOUNT',
      (z, v) => z.membership.spendPoints({ memberId: 'm1', purpose: 'mall', reference: `s${n++}`, points: v }),
    ],
  ];

  for (const [what, min, max, code, call, nonZero = false] of entries) {
    it(`${what}: any value past [${min}, ${max}] is ${code}; any value within passes that check`, async () => {
      await fc.assert(
        fc.asyncProperty(nonZero ? fc.oneof(past(min, max), fc.constant(0)) : past(min, max), async (v) => {
          expect([v, await codeOf(() => call(zt, v))]).toEqual([v, code]);
        }),
        { numRuns: 40 },
      );
      await fc.assert(
        fc.asyncProperty(
          within(min, max).filter((v) => !nonZero || v !== 0),
          async (v) => {
            expect([v, await codeOf(() => call(zt, v))]).not.toEqual([v, code]);
          },
        ),
        { numRuns: 40 },
      );
    });
  }
});
