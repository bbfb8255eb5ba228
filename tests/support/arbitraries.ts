/**
 * fast-check arbitraries for domain properties. Amounts are built from integer minor units (bigint)
 * so that no JavaScript float ever enters a generated value; weights and factors are decimal strings
 * built from integers and a scale, so tests can compute exact references with BigInt.
 */
import fc from 'fast-check';
import type { AttributeTemplate } from '../../domain/catalog/attribute.js';
import { Money } from '../../domain/shared/money.js';

export const MAX_CENTS = 10n ** 15n;

/** Integer cents in [−10^15, 10^15], biased towards small values and the bounds. */
export const cents = (): fc.Arbitrary<bigint> =>
  fc.oneof(
    { arbitrary: fc.bigInt(-MAX_CENTS, MAX_CENTS), weight: 3 },
    { arbitrary: fc.bigInt(-1_000n, 1_000n), weight: 2 },
    { arbitrary: fc.constantFrom(0n, 1n, -1n, MAX_CENTS, -MAX_CENTS), weight: 1 },
  );

export const nonNegativeCents = (): fc.Arbitrary<bigint> =>
  fc.oneof({ arbitrary: fc.bigInt(0n, MAX_CENTS), weight: 3 }, { arbitrary: fc.bigInt(0n, 1_000n), weight: 2 });

export const money = (currency = 'CNY'): fc.Arbitrary<Money> => cents().map((c) => Money.fromMinor(c, currency));

/** Formats integer units as a plain decimal string with `scale` fraction digits, without Decimal. */
export function formatUnits(units: bigint, scale: number): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const digits = abs.toString().padStart(scale + 1, '0');
  const intPart = digits.slice(0, digits.length - scale);
  const frac = digits.slice(digits.length - scale);
  return `${negative ? '-' : ''}${intPart}${scale > 0 ? `.${frac}` : ''}`;
}

/** A decimal given as integer units and a scale: value = units / 10^scale. */
export interface ScaledDecimal {
  readonly units: bigint;
  readonly scale: number;
  readonly text: string;
}

export const scaledDecimal = (min: bigint, max: bigint, maxScale: number): fc.Arbitrary<ScaledDecimal> =>
  fc.tuple(fc.bigInt(min, max), fc.integer({ min: 0, max: maxScale })).map(([units, scale]) => ({ units, scale, text: formatUnits(units, scale) }));

/**
 * One non-negative weight as a decimal string. Small integers and zeros are frequent on purpose:
 * they make equal remainders (ties) and zero weights common.
 */
export const weight = (): fc.Arbitrary<ScaledDecimal> =>
  fc.oneof(
    { arbitrary: scaledDecimal(0n, 12n, 0), weight: 4 },
    { arbitrary: fc.constant<ScaledDecimal>({ units: 0n, scale: 0, text: '0' }), weight: 1 },
    { arbitrary: scaledDecimal(0n, 1_000_000n, 4), weight: 2 },
    { arbitrary: scaledDecimal(0n, 10n ** 12n, 2), weight: 1 },
  );

export const weights = (maxLength = 12): fc.Arbitrary<ScaledDecimal[]> => fc.array(weight(), { minLength: 1, maxLength });

/** Totals for allocation: many small ones (where ties between parts are common) and large ones. */
export const allocationTotalCents = (): fc.Arbitrary<bigint> =>
  fc.oneof(
    { arbitrary: fc.bigInt(0n, 200n), weight: 3 },
    { arbitrary: fc.bigInt(0n, 1_000_000n), weight: 1 },
    { arbitrary: fc.bigInt(0n, MAX_CENTS), weight: 2 },
  );

/**
 * Small totals over small whole weights: equal remainders (ties) at the cut-off between the parts that
 * get an extra cent and those that do not are common here, between shares of different sizes too.
 */
export const tieProneAllocation = (): fc.Arbitrary<{ totalCents: bigint; weights: ScaledDecimal[] }> =>
  fc.tuple(fc.bigInt(0n, 300n), fc.array(scaledDecimal(0n, 30n, 0), { minLength: 2, maxLength: 8 })).map(([totalCents, ws]) => ({ totalCents, weights: ws }));

const optionText = fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 6 }).filter((s) => s.trim() === s && s.length > 0);

/** A sales attribute template (option list) with 1 to `maxOptions` distinct options. */
export const salesAttributeTemplate = (id: string, maxOptions = 5): fc.Arbitrary<AttributeTemplate> =>
  fc.uniqueArray(optionText, { minLength: 1, maxLength: maxOptions }).map((options) => ({
    id,
    name: `Attribute ${id}`,
    kind: 'sales' as const,
    required: false,
    input: 'single' as const,
    options,
  }));

/**
 * Sales attribute templates for a leaf category together with the values a product picks from each
 * (a non-empty subset, in a shuffled order). The product of the value counts stays ≤ 600 (MAX_SKUS).
 */
export const salesAttributesWithValues = (
  maxAttributes = 3,
): fc.Arbitrary<{ templates: AttributeTemplate[]; chosen: { attributeId: string; values: string[] }[] }> =>
  fc
    .integer({ min: 1, max: maxAttributes })
    .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => salesAttributeTemplate(`s${i + 1}`))))
    .chain((templates) =>
      fc.tuple(...templates.map((t) => fc.shuffledSubarray([...t.options], { minLength: 1 }))).map((picked) => ({
        templates,
        chosen: templates.map((t, i) => ({ attributeId: t.id, values: picked[i]! })),
      })),
    );

/** Positive prices in whole cents up to 99 999 999.99 (the catalog's maximum). */
export const priceCents = (): fc.Arbitrary<bigint> => fc.bigInt(1n, 9_999_999_999n);
