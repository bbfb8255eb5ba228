import type { Zhongtai } from '../container/create-zhongtai.js';

/** The subject of the member token `zhongtai serve` prints in demo mode (adapters/cli/main.ts). */
import { DEMO_MEMBER_ID } from './members.js';

export { DEMO_MEMBER_ID };

/** The demo cart: SKU code → quantity, from two shops (the Nova and Meadow brand shops, decision 0014). */
const DEMO_LINES: readonly (readonly [string, number])[] = [
  ['NOVA-X1-01', 1], // a black 128GB phone
  ['MEADOW-GOLD-2-01', 2], // 400g formula
  ['MEADOW-GOLD-2-02', 1], // 800g formula (flash sale)
];

/**
 * Fills the demo member's cart with three lines from two shops, once: a cart that was ever saved (even
 * emptied since by the member) is left alone. Runs after the catalog, stock and promotion demos.
 */
export async function seedCartDemo(zt: Zhongtai): Promise<void> {
  const owner = { kind: 'member' as const, id: DEMO_MEMBER_ID };
  if ((await zt.cart.view({ owner })).version > 0) return;
  const skus = new Map<string, string>();
  const { items } = await zt.catalog.queries.searchSpus({ status: 'listed' }, { page: 1, size: 100 });
  for (const summary of items) {
    for (const sku of (await zt.catalog.queries.spu(summary.id))?.skus ?? []) skus.set(sku.code, sku.id);
  }
  for (const [code, quantity] of DEMO_LINES) {
    const skuId = skus.get(code);
    if (skuId) await zt.cart.add({ owner, skuId, quantity });
  }
}
