import type { Zhongtai } from '../container/create-zhongtai.js';
import { seedCartDemo } from './cart-demo.js';
import { seedCatalogDemo } from './catalog-demo.js';
import { seedDispatchDemo } from './dispatch-demo.js';
import { seedInventoryDemo } from './inventory-demo.js';
import { seedPromotionDemo } from './promotion-demo.js';
import { seedMembershipDemo } from './membership-demo.js';
import { seedOrderDemo } from './order-demo.js';

/**
 * The demo data of the contexts not yet moved into modules (issue #13), by context; a context that moved
 * seeds through its manifest's `demo`, in the order of `DEMO_ORDER`.
 */
const LEGACY: Readonly<Record<string, (zt: Zhongtai) => Promise<unknown>>> = {
  dispatch: seedDispatchDemo, // warehouses and purchase receipts: the stock of every layer
  inventory: seedInventoryDemo, // sales-layer policies and the flash-sale carve-out, on that stock
  promotion: seedPromotionDemo, // a published 满减, a flash sale on the carved-out milk powder, a group buy
  cart: seedCartDemo, // the demo member's cart: 3 lines from 2 shops
  membership: seedMembershipDemo, // the demo member's profile, points and growth; paid orders of twelve members and an RFM run
  ordering: seedOrderDemo, // the demo member's orders (with the fake channel only): one paid through it, one awaiting payment
};

/** Which context seeds when: each builds on the data of those before it. */
const DEMO_ORDER = ['dispatch', 'inventory', 'coupon', 'promotion', 'freight', 'cart', 'membership', 'ordering'] as const;

/** Loads the demo data of every context (catalog only on an empty catalog, warehouses only when there are none; the rest is idempotent). */
export async function seedDemo(zt: Zhongtai): Promise<{ catalog: boolean }> {
  const catalog = await seedCatalogDemo(zt);
  for (const name of DEMO_ORDER) {
    const context = zt.contexts.find((c) => c.name === name);
    if (context?.demo) await (context.demo as (zt: Zhongtai) => Promise<unknown>)(zt);
    else await LEGACY[name]?.(zt);
  }
  return { catalog: catalog.created };
}
