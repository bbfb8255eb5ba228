import type { Zhongtai } from '../container/create-zhongtai.js';

/**
 * Demo warehouses and their stock: a self-run central warehouse in Hangzhou, a regional one in Guangzhou,
 * and the milk-powder brand's own supplier warehouse in Shanghai (created only when there is no warehouse
 * yet), stocked by purchase receipts (see `receiveDemoStock`). Phones in blue are only in Guangzhou and
 * black ones not there, so a black and a blue phone to Hangzhou split into two shipments (DSP-1 (6)).
 */
export async function seedDispatchDemo(zt: Zhongtai): Promise<{ created: boolean }> {
  const created = await createDemoWarehouses(zt);
  await receiveDemoStock(zt);
  return { created };
}

async function createDemoWarehouses(zt: Zhongtai): Promise<boolean> {
  if ((await zt.dispatch.listWarehouses()).length > 0) return false;
  const d = zt.dispatch;

  await d.createWarehouse({
    code: 'HZ-CENTRAL',
    name: '杭州中心仓 Hangzhou central',
    type: 'self_run_central',
    priority: 1,
    address: { region: '330110', detail: '余杭区仓前街道 1 号' },
    contact: { name: '陈仓管', phone: '0571-88000001' },
    tiers: [
      { tier: 1, regions: ['330000'], estimatedDeliveryDays: 1 }, // 浙江
      { tier: 2, regions: ['320000', '310000'], estimatedDeliveryDays: 2 }, // 江苏, 上海
      { tier: 3, regions: ['340000', '360000', '350000', '110000', '370000'], estimatedDeliveryDays: 4 }, // 安徽, 江西, 福建, 北京, 山东
    ],
  });
  await d.createWarehouse({
    code: 'GZ-REGIONAL',
    name: '广州区域仓 Guangzhou regional',
    type: 'self_run_regional',
    priority: 1,
    address: { region: '440106', detail: '天河区黄埔大道 8 号' },
    contact: { name: '李仓管', phone: '020-88000002' },
    tiers: [
      { tier: 1, regions: ['440000'], estimatedDeliveryDays: 1 }, // 广东
      { tier: 2, regions: ['450000', '460000', '430000', '350000'], estimatedDeliveryDays: 2 }, // 广西, 海南, 湖南, 福建
      { tier: 3, regions: ['330000', '320000', '310000', '510000', '500000'], estimatedDeliveryDays: 4 }, // 浙江, 江苏, 上海, 四川, 重庆
    ],
  });
  await d.createWarehouse({
    code: 'MEADOW-SH',
    name: '牧场上海供应商仓 Meadow supplier',
    type: 'supplier',
    priority: 5,
    address: { region: '310115', detail: '浦东新区外高桥保税区 6 号' },
    contact: { name: '张经理', phone: '021-88000003' },
    tiers: [
      { tier: 1, regions: ['310000'], estimatedDeliveryDays: 1 }, // 上海
      { tier: 2, regions: ['320000', '330000'], estimatedDeliveryDays: 2 }, // 江苏, 浙江
      { tier: 3, regions: ['110000', '120000', '440000'], estimatedDeliveryDays: 3 }, // 北京, 天津, 广东
    ],
  });

  return true;
}

/**
 * Purchase receipts (采购入库) into the demo warehouses, at location `A-01-01`: every layer gets its
 * stock from them (warehouse, dispatch and sales). Hangzhou: every phone but the blue ones (100) and the
 * milk powder (50); Guangzhou: the white phones (30) and the blue ones (6, nearly sold out); the supplier:
 * the milk powder (500). The references make every receipt a no-op on the next start (INV-5).
 */
async function receiveDemoStock(zt: Zhongtai): Promise<void> {
  const byCode = new Map((await zt.dispatch.listWarehouses()).map((w) => [w.code, w.id]));
  const receive = async (warehouseCode: string, sku: { id: string; code: string }, quantity: number) => {
    const warehouseId = byCode.get(warehouseCode);
    if (!warehouseId) return;
    await zt.inventory.receivePurchase({
      skuId: sku.id,
      warehouseId,
      location: 'A-01-01',
      quantity,
      fromInTransit: false,
      reference: `demo-receipt-${warehouseCode}-${sku.code}`,
    });
  };
  const { items } = await zt.catalog.queries.searchSpus({}, { page: 1, size: 100 });
  for (const summary of items) {
    const spu = await zt.catalog.queries.spu(summary.id);
    if (spu?.kind !== 'standard') continue;
    const milk = spu.code.startsWith('MEADOW');
    for (const sku of spu.skus) {
      const colour = sku.specs.color;
      if (colour !== '蓝 Blue') await receive('HZ-CENTRAL', sku, milk ? 50 : 100);
      if (colour === '白 White') await receive('GZ-REGIONAL', sku, 30);
      if (colour === '蓝 Blue') await receive('GZ-REGIONAL', sku, 6);
      if (milk) await receive('MEADOW-SH', sku, 500);
    }
  }
}
