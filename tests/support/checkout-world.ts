import type { Persistence } from '../../application/shared/persistence.js';
import type { CheckoutPoints } from '../../application/checkout/index.js';
import { createZhongtai, type Zhongtai } from '../../adapters/container/create-zhongtai.js';
import type { Clock } from '../../domain/shared/ports.js';
import type { OrderingModuleOptions } from '../../adapters/container/ordering.js';
import { fakePaymentChannel } from '../../adapters/channels/payment/fake-channel.js';
import { R, tierInput, warehouseFields } from '../domain/dispatch/dispatch-mothers.js';
import { at } from './mothers.js';

/** Points for everybody: 5,000 held, 100 points = 1.00, at most 50 % of the goods after coupons. */
export const fivethousandPoints: CheckoutPoints = { pointsOf: async () => ({ balance: 5000, ratio: { points: 100, amount: '1.00' }, maxPercent: '50' }) };

export const SHANGHAI = '310000';
export const HUANGPU = '310101';

export interface CheckoutWorld {
  readonly zt: Zhongtai;
  readonly now: Date;
  readonly brandA: string;
  readonly brandB: string;
  /** A1 100.00 and A2 60.00 (shop A, 满300减40 on the shop; mixed freight "free over 69.00, else 10.00"); A2 only in the Shanghai warehouse. */
  readonly skus: { a1: string; a2: string; b1: string; p1: string; p2: string; u1: string };
  readonly warehouses: { hz: string; sh: string };
  /** Coupon ids of member m1: platform 满500减50, shop B's 5.00 shipping coupon; m2's platform coupon. */
  readonly coupons: { platform: string; shipping: string; others: string };
  /** The coupon templates (to claim more): platform 满500减50, shop B's shipping coupon. */
  readonly templates: { platform: string; shipping: string };
  readonly activityId: string;
}

/**
 * Three shops for checkout: brand A (A1 100.00, A2 60.00; 满300减40 on the shop; mixed freight, free
 * over 69.00), brand B (B1 50.00; per piece: first 8.00, each further 2.00) and the platform (P1
 * 400.00 milk powder, cross-border; P2 9.90; shop template 6.00, free over 999.00). Warehouses: HZ
 * (tier 1 Zhejiang) holds A1, B1, P1, P2; SH (tier 1 Shanghai, tier 2 Zhejiang) holds A2. Member m1
 * holds a platform 满500减50 and shop B's 5.00 shipping coupon; m2 a platform coupon. Payments go
 * through the fake channel (`channel: 'fake'`).
 */
export async function checkoutWorld(options: { persistence?: Persistence; clock?: Clock; ordering?: OrderingModuleOptions } = {}): Promise<CheckoutWorld> {
  const now = at(10);
  const zt = createZhongtai({
    clock: options.clock ?? { now: () => now },
    ...(options.persistence ? { persistence: options.persistence } : {}),
    checkout: { points: fivethousandPoints },
    // Orders are paid through the fake channel, asked for by name (decision 0019).
    ordering: { channels: [fakePaymentChannel()], ...options.ordering },
  });
  return populateCheckoutWorld(zt, now);
}

export async function populateCheckoutWorld(zt: Zhongtai, now: Date): Promise<CheckoutWorld> {
  const leaf = await zt.catalog.createCategory({ name: 'Goods' });
  const brandA = (await zt.catalog.createBrand({ nameZh: '甲 A' })).id;
  const brandB = (await zt.catalog.createBrand({ nameZh: '乙 B' })).id;
  const hz = (await zt.dispatch.createWarehouse(warehouseFields('HZ', { tiers: [tierInput(1, [R.zhejiang]), tierInput(2, [SHANGHAI])] }))).id;
  const sh = (
    await zt.dispatch.createWarehouse(
      warehouseFields('SH', { address: { region: HUANGPU, detail: '南京路 1 号' }, tiers: [tierInput(1, [SHANGHAI]), tierInput(2, [R.zhejiang])] }),
    )
  ).id;
  const product = async (code: string, price: string, brandId: string | null, warehouseId: string | null, listed = true) => {
    const spu = await zt.catalog.createSpu({ code, title: `Product ${code}`, categoryId: leaf.id, salePrice: price, ...(brandId ? { brandId } : {}) });
    if (listed) await zt.catalog.changeListing({ spuId: spu.id, action: 'list' });
    const skuId = spu.skus[0]!.id;
    if (warehouseId)
      await zt.inventory.receivePurchase({ warehouseId, skuId, location: 'A-01-01', quantity: 100, fromInTransit: false, reference: `receipt-${code}` });
    return skuId;
  };
  const skus = {
    a1: await product('A1', '100.00', brandA, hz),
    a2: await product('A2', '60.00', brandA, sh),
    b1: await product('B1', '50.00', brandB, hz),
    p1: await product('P1', '400.00', null, hz),
    p2: await product('P2', '9.90', null, hz),
    u1: await product('U1', '20.00', brandB, hz, false),
  };
  const a = await zt.promotions.createActivity({
    name: '店铺满300减40',
    rule: { kind: 'full_reduction', rule: { mode: 'tiered', tiers: [{ threshold: '300.00', off: '40.00' }] } },
    scope: { kind: 'shops', ids: [brandA] },
    startsAt: at(0),
    endsAt: at(24 * 60),
  } as Parameters<Zhongtai['promotions']['createActivity']>[0]);
  await zt.promotions.submitActivity({ activityId: a.id, by: 'alice' });
  await zt.promotions.approveActivity({ activityId: a.id, by: 'bob' });

  const rate = (firstUnits: number, firstPrice: string, additionalUnits: number, additionalPrice: string) => ({
    firstUnits,
    firstPrice,
    additionalUnits,
    additionalPrice,
  });
  await zt.freight.setShopSettings({
    shopId: brandA,
    mode: 'mixed',
    combination: 'sum',
    shopTemplate: { defaultRate: { fee: '10.00', freeOver: '69.00' } },
  } as Parameters<Zhongtai['freight']['setShopSettings']>[0]);
  const byPiece = await zt.freight.createTemplate({
    shopId: brandB,
    name: 'by piece',
    chargeBy: 'piece',
    defaultRate: rate(1, '8.00', 1, '2.00'),
  } as Parameters<Zhongtai['freight']['createTemplate']>[0]);
  await zt.freight.assignTemplate({ templateId: byPiece.id, skuIds: [skus.b1] });
  await zt.freight.setShopSettings({
    shopId: 'platform',
    mode: 'shop',
    combination: 'sum',
    shopTemplate: { defaultRate: { fee: '6.00', freeOver: '999.00' } },
  } as Parameters<Zhongtai['freight']['setShopSettings']>[0]);

  const template = (fields: Record<string, unknown>) =>
    zt.coupons.createTemplate({
      validity: { kind: 'relative', days: 30 },
      claimWindow: { startsAt: at(0), endsAt: at(60 * 24) },
      totalQuantity: 1000,
      ...fields,
    } as Parameters<Zhongtai['coupons']['createTemplate']>[0]);
  const claim = async (templateId: string, memberId: string) =>
    (await zt.coupons.claim({ templateId, memberId })) as unknown as { id: string } | { coupon: { id: string } };
  const idOf = (c: { id: string } | { coupon: { id: string } }) => ('coupon' in c ? c.coupon.id : c.id);
  const platform = await template({ name: '满500减50', kind: 'threshold', amount: '50.00', threshold: '500.00' });
  const shipping = await template({ name: 'B 运费券 5', kind: 'shipping', amount: '5.00', issuer: { kind: 'shop', shopId: brandB } });
  const coupons = {
    platform: idOf(await claim(platform.id, 'm1')),
    shipping: idOf(await claim(shipping.id, 'm1')),
    others: idOf(await claim(platform.id, 'm2')),
  };
  return { zt, now, brandA, brandB, skus, warehouses: { hz, sh }, coupons, templates: { platform: platform.id, shipping: shipping.id }, activityId: a.id };
}

/** m1's cart of the worked example: A1 × 3, A2 × 1, B1 × 2, P1 × 2, P2 × 1 (five lines, three shops). */
export async function fillCart(w: CheckoutWorld, memberId = 'm1'): Promise<void> {
  const owner = { kind: 'member' as const, id: memberId };
  for (const [skuId, quantity] of [
    [w.skus.a1, 3],
    [w.skus.a2, 1],
    [w.skus.b1, 2],
    [w.skus.p1, 2],
    [w.skus.p2, 1],
  ] as const) {
    await w.zt.cart.add({ owner, skuId, quantity });
  }
}
