import type { Zhongtai } from '../container/create-zhongtai.js';

/**
 * Demo stock policies, after the purchase receipts of the dispatch demo (which give every layer its
 * units): a low-stock threshold of 5 on every SKU (the blue phone, 6 units, is nearly sold out), and
 * 20 units of the 800g milk powder carved out for a flash sale. References make every step a no-op on
 * the next start (INV-5).
 */
export async function seedInventoryDemo(zt: Zhongtai): Promise<void> {
  const { items } = await zt.catalog.queries.searchSpus({}, { page: 1, size: 100 });
  for (const summary of items) {
    const spu = await zt.catalog.queries.spu(summary.id);
    for (const sku of spu?.kind === 'standard' ? spu.skus : []) {
      await zt.inventory.configureStock({ skuId: sku.id, lowStockThreshold: 5 });
      if (sku.code === 'MEADOW-GOLD-2-02') {
        await zt.inventory.changeStock({
          skuId: sku.id,
          reference: 'demo-flash-sale',
          operation: { kind: 'carve_out', quantity: 20, pool: 'demo-flash-sale' },
        });
      }
    }
  }
}
