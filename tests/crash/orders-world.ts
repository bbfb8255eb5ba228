// What the crash and fault tests (and their child processes) share: the shop they seed (two shops, so
// every order splits, ORD-5), the carts their clients fill, and what an acknowledged order is. The check
// of the database afterwards is in ./orders-check.ts (it needs vitest; the children must not import it).
import type { Zhongtai } from '../../adapters/container/create-zhongtai.js';

/** An order the caller was told was placed: its answer, and what it ordered. */
export interface Acknowledged {
  readonly memberId: string;
  readonly orderId: string;
  readonly payable: string;
  readonly children: readonly { readonly orderId: string; readonly payable: string }[];
  /** What was in the cart, hence in the order: SKU → quantity. */
  readonly lines: Readonly<Record<string, number>>;
}

export interface Skus {
  readonly shopA: readonly string[];
  readonly platform: readonly string[];
}

/** Two shops (brand A with freight free over 69.00, else 10.00; the platform at 6.00), one warehouse in Zhejiang, stock of everything. */
export async function seedTwoShops(zt: Zhongtai): Promise<{ shopA: string[]; platform: string[] }> {
  const leaf = await zt.catalog.createCategory({ name: 'Goods' });
  const brandA = (await zt.catalog.createBrand({ nameZh: '甲 A' })).id;
  const hz = (
    await zt.dispatch.createWarehouse({
      code: 'HZ',
      name: '杭州仓',
      address: { region: '330106', detail: '文三路 1 号' },
      contact: { name: '王仓管', phone: '0571-88880000' },
      type: 'self_run_regional',
      priority: 10,
      tiers: [{ tier: 1, regions: ['330000'], estimatedDeliveryDays: 1 }],
    } as Parameters<Zhongtai['dispatch']['createWarehouse']>[0])
  ).id;
  const product = async (code: string, price: string, brandId: string | null) => {
    const spu = await zt.catalog.createSpu({ code, title: `Product ${code}`, categoryId: leaf.id, salePrice: price, ...(brandId ? { brandId } : {}) });
    await zt.catalog.changeListing({ spuId: spu.id, action: 'list' });
    const skuId = spu.skus[0]!.id;
    await zt.inventory.receivePurchase({ warehouseId: hz, skuId, location: 'A-01-01', quantity: 100_000, fromInTransit: false, reference: `receipt-${code}` });
    return skuId;
  };
  const shopA = [];
  for (let i = 0; i < 6; i++) shopA.push(await product(`A${i}`, `${19 + 7 * i}.90`, brandA));
  const platform = [];
  for (let i = 0; i < 4; i++) platform.push(await product(`P${i}`, `${9 + 11 * i}.50`, null));
  await zt.freight.setShopSettings({
    shopId: brandA,
    mode: 'mixed',
    combination: 'sum',
    shopTemplate: { defaultRate: { fee: '10.00', freeOver: '69.00' } },
  } as Parameters<Zhongtai['freight']['setShopSettings']>[0]);
  await zt.freight.setShopSettings({
    shopId: 'platform',
    mode: 'shop',
    combination: 'sum',
    shopTemplate: { defaultRate: { fee: '6.00', freeOver: '999.00' } },
  } as Parameters<Zhongtai['freight']['setShopSettings']>[0]);
  return { shopA, platform };
}

/** A cart of three lines from two shops (so the order splits), 1–3 of each. */
export function randomLines(skus: Skus): Record<string, number> {
  const pick = (from: readonly string[]) => from[Math.floor(Math.random() * from.length)]!;
  const lines: Record<string, number> = {};
  const a = pick(skus.shopA);
  for (const skuId of [a, pick(skus.shopA.filter((s) => s !== a)), pick(skus.platform)]) lines[skuId] = 1 + Math.floor(Math.random() * 3);
  return lines;
}

export const sumLines = (lines: readonly { skuId: string; quantity: number }[]) => {
  const out: Record<string, number> = {};
  for (const l of lines) out[l.skuId] = (out[l.skuId] ?? 0) + l.quantity;
  return out;
};
