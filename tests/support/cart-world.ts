import { brandShops } from '../../application/cart/sources.js';
import type { Persistence } from '../../application/shared/persistence.js';
import { createZhongtai, type Zhongtai } from '../../adapters/container/create-zhongtai.js';
import type { ProductShops } from '../../domain/cart/ports.js';
import type { Clock } from '../../domain/shared/ports.js';

/** The SKUs of the cart world, by name. */
export interface CartSkus {
  /** Brand A, 100.00, 1,000 in stock. */
  readonly a1: string;
  /** Brand A, 30.00, only 3 in stock. */
  readonly a2: string;
  /** Brand B, 50.00, 1,000 in stock, purchase limit 5. */
  readonly b1: string;
  /** No brand (the platform's self-run shop), 9.90, virtual (never out of stock). */
  readonly p1: string;
  /** Brand B, 20.00, never listed. */
  readonly u1: string;
  /** Brand B, 15.00, listed, no stock at all. */
  readonly z1: string;
}

export interface CartWorld {
  readonly zt: Zhongtai;
  readonly skus: CartSkus;
  readonly brandA: string;
  readonly brandB: string;
  /** SKU → shop, as the default policy (decision 0014) says. */
  readonly shopOf: Readonly<Record<keyof CartSkus, string>>;
}

/** A clock the test moves by hand; `tick()` moves it one second on. */
export class SteppingClock implements Clock {
  constructor(private current = new Date('2026-11-22T08:00:00.000Z')) {}
  now(): Date {
    return this.current;
  }
  tick(ms = 1000): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/**
 * A small shop world on a persistence: two brand shops (A, B), the platform's shop, six SKUs with
 * stock as `CartSkus` says; B1 carries a purchase limit of 5 (through the `ProductShops` policy).
 */
export async function cartWorld(options: { persistence?: Persistence; clock?: Clock } = {}): Promise<CartWorld> {
  const limits = new Map<string, number>();
  const shops: ProductShops = { shopOf: brandShops.shopOf, purchaseLimit: (_spu, skuId) => limits.get(skuId) ?? null };
  const zt = createZhongtai({ ...options, cart: { shops } });
  const world = await populateCartWorld(zt);
  limits.set(world.skus.b1, 5);
  return world;
}

/** The catalog and stock of the cart world on a ready `Zhongtai` (its shop policy decides purchase limits). */
export async function populateCartWorld(zt: Zhongtai): Promise<CartWorld> {
  const leaf = await zt.catalog.createCategory({ name: 'Goods' });
  const brandA = (await zt.catalog.createBrand({ nameZh: '甲 A' })).id;
  const brandB = (await zt.catalog.createBrand({ nameZh: '乙 B' })).id;
  const product = async (code: string, price: string, brandId: string | null, stock: number | 'virtual', listed = true) => {
    const spu = await zt.catalog.createSpu({ code, title: `Product ${code}`, categoryId: leaf.id, salePrice: price, ...(brandId ? { brandId } : {}) });
    if (listed) await zt.catalog.changeListing({ spuId: spu.id, action: 'list' });
    const skuId = spu.skus[0]!.id;
    await zt.inventory.configureStock({ skuId, virtual: stock === 'virtual' });
    if (typeof stock === 'number' && stock > 0)
      await zt.inventory.changeStock({ skuId, reference: `receipt-${code}`, operation: { kind: 'increase', quantity: stock } });
    return skuId;
  };
  const skus: CartSkus = {
    a1: await product('A1', '100.00', brandA, 1000),
    a2: await product('A2', '30.00', brandA, 3),
    b1: await product('B1', '50.00', brandB, 1000),
    p1: await product('P1', '9.90', null, 'virtual'),
    u1: await product('U1', '20.00', brandB, 1000, false),
    z1: await product('Z1', '15.00', brandB, 0),
  };
  return { zt, skus, brandA, brandB, shopOf: { a1: brandA, a2: brandA, b1: brandB, p1: 'platform', u1: brandB, z1: brandB } };
}
