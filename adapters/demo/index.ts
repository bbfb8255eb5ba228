import type { Zhongtai } from '../container/create-zhongtai.js';
import { seedCartDemo } from './cart-demo.js';
import { seedCatalogDemo } from './catalog-demo.js';
import { seedCouponDemo } from './coupon-demo.js';
import { seedDispatchDemo } from './dispatch-demo.js';
import { seedFreightDemo } from './freight-demo.js';
import { seedInventoryDemo } from './inventory-demo.js';
import { seedPromotionDemo } from './promotion-demo.js';
import { seedMembershipDemo } from './membership-demo.js';
import { seedOrderDemo } from './order-demo.js';

/** Loads the demo data of every context (catalog only on an empty catalog, warehouses only when there are none; the rest is idempotent). */
export async function seedDemo(zt: Zhongtai): Promise<{ catalog: boolean }> {
  const catalog = await seedCatalogDemo(zt);
  await seedDispatchDemo(zt); // warehouses and purchase receipts: the stock of every layer
  await seedInventoryDemo(zt); // sales-layer policies and the flash-sale carve-out, on that stock
  await seedCouponDemo(zt); // 满199减20, a shop's discount coupon, a hidden new-customer coupon
  await seedPromotionDemo(zt); // a published 满减, a flash sale on the carved-out milk powder, a group buy
  await seedFreightDemo(zt); // per-piece and per-weight (remote regions) templates, the shop's "free over 69.00, else 10.00"
  await seedCartDemo(zt); // the demo member's cart: 3 lines from 2 shops
  await seedMembershipDemo(zt); // the demo member's profile, points and growth; paid orders of twelve members and an RFM run
  await seedOrderDemo(zt); // the demo member's orders (with the fake channel only): one paid through it, one awaiting payment
  return { catalog: catalog.created };
}
