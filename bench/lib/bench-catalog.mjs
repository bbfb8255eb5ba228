// The catalog the order benches buy from: `skuCount` listed single-SKU products of the platform's shop at
// 10.90–99.90, no activities, no freight rules (free shipping), one warehouse (杭州仓, serving 浙江 in tier 1)
// holding 10,000,000 of each.
export const DISTRICT = '330106'; // 西湖区, served by the warehouse's tier 1 (浙江)
export const consignee = { name: '张三', phone: '13800000000', district: DISTRICT, address: '文三路 1 号' };

/** The benches' one warehouse, 杭州仓, serving 浙江 in tier 1; its id. */
export async function createBenchWarehouse(zt) {
  const created = await zt.dispatch.createWarehouse({
    code: 'HZ',
    name: '杭州仓',
    address: { region: DISTRICT, detail: '文三路 1 号' },
    contact: { name: '王仓管', phone: '0571-88880000' },
    type: 'self_run_regional',
    priority: 10,
    tiers: [{ tier: 1, regions: ['330000'], estimatedDeliveryDays: 1 }],
  });
  return created.id;
}

/** Seeds the catalog through the library; each SKU as `{ skuId, spuId, price }`. */
export async function seedCatalog(zt, skuCount) {
  const leaf = await zt.catalog.createCategory({ name: 'Goods' });
  const hz = await createBenchWarehouse(zt);
  const skus = new Array(skuCount);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < skuCount; i = next++) {
      const spu = await zt.catalog.createSpu({ code: `PO-${i}`, title: `Bench product ${i}`, categoryId: leaf.id, salePrice: `${10 + (i % 90)}.90` });
      await zt.catalog.changeListing({ spuId: spu.id, action: 'list' });
      const skuId = spu.skus[0].id;
      await zt.inventory.receivePurchase({
        warehouseId: hz,
        skuId,
        location: 'A-01-01',
        quantity: 10_000_000,
        fromInTransit: false,
        reference: `receipt-${i}`,
      });
      skus[i] = { skuId, spuId: spu.id, price: `${10 + (i % 90)}.90` };
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return skus;
}
