import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rememberingSources, type CartSources } from '../../application/cart/sources.js';
import type { CartProduct, SkuAvailability } from '../../domain/cart/ports.js';

/** A catalog of SKUs s0…s7 where the odd ones do not exist, and stock by SKU; every id each call asks for is recorded. */
function recordingSources(): { sources: CartSources; productAsks: string[]; stockAsks: string[] } {
  const productAsks: string[] = [];
  const stockAsks: string[] = [];
  const product = (skuId: string) => ({ skuId, spuId: `spu-${skuId}`, kind: 'standard' }) as unknown as CartProduct;
  const sources: CartSources = {
    catalog: {
      products: async (ids) => {
        productAsks.push(...ids);
        return new Map(ids.filter((id) => Number(id.slice(1)) % 2 === 0).map((id) => [id, product(id)]));
      },
    },
    stock: {
      availability: async (products) => {
        stockAsks.push(...products.map((p) => p.skuId));
        return new Map(products.map((p): [string, SkuAvailability] => [p.skuId, { sellable: Number(p.skuId.slice(1)) * 10, virtual: false }]));
      },
    },
    activities: { serving: async () => [] },
  };
  return { sources, productAsks, stockAsks };
}

const sku = fc.integer({ min: 0, max: 7 }).map((i) => `s${i}`);
const ask = fc.oneof(
  fc.record({ kind: fc.constant('products' as const), ids: fc.array(sku, { maxLength: 6 }) }),
  fc.record({ kind: fc.constant('stock' as const), ids: fc.array(sku, { maxLength: 6 }) }),
);

// Issue #14: a cart change and the view it answers read each SKU once in their transaction.
describe('rememberingSources', () => {
  it('answers every sequence of asks exactly as the sources do, and asks the sources for each SKU at most once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(ask, { maxLength: 12 }), async (asks) => {
        const plain = recordingSources();
        const recorded = recordingSources();
        const remembering = rememberingSources(recorded.sources);
        for (const a of asks) {
          if (a.kind === 'products') {
            const want = await plain.sources.catalog.products(a.ids);
            const got = await remembering.catalog.products(a.ids);
            expect([...got.entries()].sort()).toEqual([...want.entries()].sort());
          } else {
            const products = [...(await plain.sources.catalog.products(a.ids)).values()];
            const want = await plain.sources.stock.availability(products);
            const got = await remembering.stock.availability(products);
            expect([...got.entries()].sort()).toEqual([...want.entries()].sort());
          }
        }
        expect(new Set(recorded.productAsks).size).toBe(recorded.productAsks.length);
        expect(new Set(recorded.stockAsks).size).toBe(recorded.stockAsks.length);
      }),
    );
  });
});
