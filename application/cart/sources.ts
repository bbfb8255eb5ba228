import { findSpu, findSpusOfSkus } from '../catalog/index.js';
import type { CartActivities, CartCatalog, CartProduct, CartStock, ProductShops, SkuAvailability } from '../../domain/cart/ports.js';
import { servingActivities } from '../promotion/index.js';
import { sellableStock } from '../inventory/index.js';
import type { Transaction } from '../shared/unit-of-work.js';

/** The platform's own shop (自营): where the default policy puts products without a brand (decision 0014). */
export const PLATFORM_SHOP_ID = 'platform';

/**
 * The default `ProductShops` (decision 0014): a branded product is sold by its brand's shop (品牌旗舰店,
 * the shop id is the brand id), an unbranded one by the platform's self-run shop; no purchase limits.
 */
export const brandShops: ProductShops = {
  shopOf: (spu) => (spu.brandId !== null ? { shopId: spu.brandId, selfRun: false } : { shopId: PLATFORM_SHOP_ID, selfRun: true }),
  purchaseLimit: () => null,
};

/** What the cart reads of other contexts, scoped to one transaction. */
export interface CartSources {
  readonly catalog: CartCatalog;
  readonly stock: CartStock;
  readonly activities: CartActivities;
}

/** The cart's ports over the transaction: catalog (`spus`), sales-layer stock, the promotions serving now. */
export function cartSources(tx: Transaction, shops: ProductShops): CartSources {
  return {
    catalog: { products: (skuIds) => productsOf(tx, shops, skuIds) },
    stock: { availability: (products) => availabilityOf(tx, products) },
    activities: { serving: (now) => servingActivities(tx, now) },
  };
}

/**
 * The same sources, remembering within one transaction what they read (products and their stock, which
 * a cart change does not alter): a change and the view it answers read each SKU once.
 */
export function rememberingSources(sources: CartSources): CartSources {
  const products = new Map<string, CartProduct | null>();
  const stock = new Map<string, SkuAvailability>();
  return {
    catalog: {
      products: async (skuIds) => {
        const missing = [...new Set(skuIds)].filter((id) => !products.has(id));
        if (missing.length > 0) {
          const found = await sources.catalog.products(missing);
          for (const id of missing) products.set(id, found.get(id) ?? null);
        }
        return new Map(skuIds.flatMap((id) => (products.get(id) ? [[id, products.get(id)!] as const] : [])));
      },
    },
    stock: {
      availability: async (asked) => {
        const missing = asked.filter((p, i) => !stock.has(p.skuId) && asked.findIndex((q) => q.skuId === p.skuId) === i);
        if (missing.length > 0) for (const [id, a] of await sources.stock.availability(missing)) stock.set(id, a);
        return new Map(asked.flatMap((p) => (stock.has(p.skuId) ? [[p.skuId, stock.get(p.skuId)!] as const] : [])));
      },
    },
    activities: sources.activities,
  };
}

async function productsOf(tx: Transaction, shops: ProductShops, skuIds: readonly string[]): Promise<ReadonlyMap<string, CartProduct>> {
  const wanted = new Set(skuIds);
  const out = new Map<string, CartProduct>();
  for (const spu of await findSpusOfSkus(tx, [...wanted])) {
    for (const sku of spu.skus) {
      if (!wanted.has(sku.id)) continue;
      const skuId = sku.id;
      const spuId = spu.id;
      out.set(skuId, {
        skuId,
        skuCode: sku.code,
        spuId,
        title: spu.title,
        specs: sku.specs,
        kind: spu.kind,
        listed: spu.status === 'listed',
        salePrice: sku.salePrice,
        marketPrice: sku.marketPrice,
        categoryIds: spu.categoryPath,
        brandId: spu.brandId,
        tags: spu.tags.map((t) => t.name),
        purchaseLimit: shops.purchaseLimit(spu, skuId),
        ...shops.shopOf(spu),
      });
    }
  }
  return out;
}

/**
 * INV-1 sellable per SKU (0 without a stock record). A combo SKU has no stock of its own: it can sell
 * as many sets as its scarcest component allows, and is virtual only when every component is.
 */
async function availabilityOf(tx: Transaction, products: readonly CartProduct[]): Promise<ReadonlyMap<string, SkuAvailability>> {
  const cache = new Map<string, SkuAvailability>();
  // One read for the plain SKUs; combos read their components below (a cache miss reads one).
  const plain = products.filter((p) => p.kind !== 'combo').map((p) => p.skuId);
  for (const s of await sellableStock(tx, plain)) cache.set(s.skuId, { sellable: s.sellable, virtual: s.virtual });
  for (const skuId of plain) if (!cache.has(skuId)) cache.set(skuId, { sellable: 0, virtual: false });
  const of = async (skuId: string): Promise<SkuAvailability> => {
    let a = cache.get(skuId);
    if (!a) {
      const [s] = await sellableStock(tx, [skuId]);
      a = s ? { sellable: s.sellable, virtual: s.virtual } : { sellable: 0, virtual: false };
      cache.set(skuId, a);
    }
    return a;
  };
  const out = new Map<string, SkuAvailability>();
  for (const p of products) {
    if (p.kind !== 'combo') {
      out.set(p.skuId, await of(p.skuId));
      continue;
    }
    const spu = await findSpu(tx, p.spuId);
    const components = spu?.skus.find((k) => k.id === p.skuId)?.components ?? [];
    let sets = Number.POSITIVE_INFINITY;
    let virtual = components.length > 0;
    for (const c of components) {
      const a = await of(c.skuId);
      if (!a.virtual) {
        virtual = false;
        sets = Math.min(sets, Math.floor(Math.max(0, a.sellable) / c.quantity));
      }
    }
    out.set(p.skuId, { sellable: Number.isFinite(sets) ? sets : 0, virtual });
  }
  return out;
}
