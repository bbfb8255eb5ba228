import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Spu } from '../../../domain/catalog/spu.js';
import { Money } from '../../../domain/shared/money.js';
import { priceCents, salesAttributesWithValues } from '../../support/arbitraries.js';
import { aLeafCategory, domainErrorOf, sequentialIds, T0 } from '../../support/mothers.js';

/** Mixed-radix counting: combination k picks value ⌊k / (product of the later sizes)⌋ mod size of each list. */
function expectedSpecs(chosen: readonly { attributeId: string; values: readonly string[] }[]): Record<string, string>[] {
  const sizes = chosen.map((c) => c.values.length);
  const total = sizes.reduce((a, b) => a * b, 1);
  return Array.from({ length: total }, (_, k) => {
    const specs: Record<string, string> = {};
    let rest = k;
    for (let i = chosen.length - 1; i >= 0; i--) {
      specs[chosen[i]!.attributeId] = chosen[i]!.values[rest % sizes[i]!]!;
      rest = Math.floor(rest / sizes[i]!);
    }
    return specs;
  });
}

describe('Spu — SKU generation is the full cartesian product of the sales attribute values', () => {
  it('one SKU per combination, every combination once, unique codes and ids, default prices', () => {
    fc.assert(
      fc.property(salesAttributesWithValues(), priceCents(), ({ templates, chosen }, saleCents) => {
        const salePrice = Money.fromMinor(saleCents);
        const spu = Spu.create({
          id: 'spu',
          code: 'GEN',
          title: 'Generated',
          category: aLeafCategory(templates),
          brandId: null,
          attributes: {},
          salesAttributes: chosen,
          salePrice,
          skuIds: sequentialIds('sku'),
          now: T0,
        });
        const skus = spu.skus;
        const expected = expectedSpecs(chosen);
        expect(skus.map((s) => s.specs)).toEqual(expected);
        expect(new Set(skus.map((s) => JSON.stringify(s.specs))).size).toBe(expected.length);
        expect(new Set(skus.map((s) => s.code)).size).toBe(skus.length);
        expect(new Set(skus.map((s) => s.id)).size).toBe(skus.length);
        for (const sku of skus) {
          expect(Object.keys(sku.specs).sort()).toEqual(chosen.map((c) => c.attributeId).sort());
          expect(sku.salePrice.equals(salePrice)).toBe(true);
          expect(sku.components).toEqual([]);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('giving two different combinations the same code is always rejected', () => {
    fc.assert(
      fc.property(
        salesAttributesWithValues().filter(({ chosen }) => chosen.reduce((n, c) => n * c.values.length, 1) >= 2),
        fc.nat(),
        fc.nat(),
        ({ templates, chosen }, i, j) => {
          const all = expectedSpecs(chosen);
          const a = i % all.length;
          const b = (a + 1 + (j % (all.length - 1))) % all.length;
          const e = domainErrorOf(() =>
            Spu.create({
              id: 'spu',
              code: 'GEN',
              title: 'Generated',
              category: aLeafCategory(templates),
              brandId: null,
              attributes: {},
              salesAttributes: chosen,
              salePrice: Money.of('1.00'),
              skus: [
                { specs: all[a]!, code: 'CLASH' },
                { specs: all[b]!, code: 'CLASH' },
              ],
              skuIds: sequentialIds('sku'),
              now: T0,
            }),
          );
          expect(e.code).toBe('CATALOG.DUPLICATE_SKU_CODE');
        },
      ),
      { numRuns: 1000 },
    );
  });
});
