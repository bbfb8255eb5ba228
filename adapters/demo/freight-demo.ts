import type { Zhongtai } from '../container/create-zhongtai.js';

/** The shop the demo freight belongs to (自营, self-run). */
export const DEMO_FREIGHT_SHOP = 'zhongtai-self';

/** Provinces the weight template charges more for (偏远地区): 内蒙古, 西藏, 青海, 宁夏, 新疆. */
const REMOTE = ['150000', '540000', '630000', '640000', '650000'];

/**
 * Demo freight of the self-run shop, created only when the shop has no template yet (so a second run
 * changes nothing): a per-piece template for the phones (first piece 8.00, each further piece 2.00,
 * free from 2 pieces AND 199.00), a per-weight template for the milk powder with a remote-region rule
 * (first kg 12.00, each further kg started 5.00; remote: 25.00 and 15.00), and the shop template
 * "free over 69.00, else 10.00" in mixed mode (FRT-1), templates combined by sum.
 */
export async function seedFreightDemo(zt: Zhongtai): Promise<{ created: boolean }> {
  const f = zt.freight;
  if ((await f.listTemplates({ shopId: DEMO_FREIGHT_SHOP })).length > 0) return { created: false };
  const byPiece = await f.createTemplate({
    shopId: DEMO_FREIGHT_SHOP,
    name: '按件 phones by piece',
    chargeBy: 'piece',
    defaultRate: { firstUnits: 1, firstPrice: '8.00', additionalUnits: 1, additionalPrice: '2.00' },
    freeRules: [{ minQuantity: 2, minAmount: '199.00', combine: 'and' }],
  });
  const byWeight = await f.createTemplate({
    shopId: DEMO_FREIGHT_SHOP,
    name: '按重量 milk powder by weight',
    chargeBy: 'weight',
    defaultRate: { firstUnits: 1, firstPrice: '12.00', additionalUnits: 1, additionalPrice: '5.00' },
    regionRates: [{ regions: REMOTE, rate: { firstUnits: 1, firstPrice: '25.00', additionalUnits: 1, additionalPrice: '15.00' } }],
  });
  await f.setShopSettings({
    shopId: DEMO_FREIGHT_SHOP,
    mode: 'mixed',
    combination: 'sum',
    shopTemplate: { defaultRate: { fee: '10.00', freeOver: '69.00' } },
    carrierCost: { chargeBy: 'weight', defaultRate: { firstUnits: 1, firstPrice: '6.00', additionalUnits: 1, additionalPrice: '2.00' } },
  });
  const { items } = await zt.catalog.queries.searchSpus({}, { page: 1, size: 100 });
  for (const summary of items) {
    const spu = await zt.catalog.queries.spu(summary.id);
    if (spu?.kind !== 'standard') continue;
    const skuIds = spu.skus.map((s) => s.id);
    if (skuIds.length === 0) continue;
    await f.assignTemplate({ templateId: spu.code.startsWith('MEADOW') ? byWeight.id : byPiece.id, skuIds });
  }
  return { created: true };
}
