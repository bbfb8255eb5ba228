import type { Zhongtai } from '../container/create-zhongtai.js';

/**
 * Demo stock: every SKU of the demo catalog gets a stock record and an inbound receipt; the phone in
 * blue is nearly sold out (threshold 5), and 20 units of the 800g milk powder are carved out for a
 * flash sale. References make every step a no-op on the next start (INV-5).
 */
export async function seedInventoryDemo(zt: Zhongtai): Promise<void> {
  const { items } = await zt.catalog.queries.searchSpus({}, { page: 1, size: 100 });
  for (const summary of items) {
    const spu = await zt.catalog.queries.spu(summary.id);
    for (const sku of spu?.kind === 'standard' ? spu.skus : []) {
      const scarce = sku.specs.color === '蓝 Blue';
      await zt.inventory.configureStock({ skuId: sku.id, lowStockThreshold: 5 });
      await zt.inventory.changeStock({
        skuId: sku.id,
        reference: `demo-receipt-${sku.code}`,
        operation: { kind: 'increase', quantity: scarce ? 6 : 200 },
      });
      if (sku.code === 'MEADOW-GOLD-2-02') {
        await zt.inventory.changeStock({ skuId: sku.id, reference: 'demo-flash-sale', operation: { kind: 'carve_out', quantity: 20 } });
      }
    }
  }
}
