import type { Zhongtai } from '../container/create-zhongtai.js';

/**
 * Demo catalog: a small department store a newcomer can browse at once — a 3-level category tree with
 * attribute templates, brands linked to categories, products with generated SKUs, a combo, front
 * categories (one by attribute value), one product scheduled to list in an hour.
 */
export async function seedCatalogDemo(zt: Zhongtai): Promise<{ created: boolean }> {
  const existing = await zt.catalog.queries.categoryTree();
  if (existing.length > 0) return { created: false };
  const c = zt.catalog;

  const digital = await c.createCategory({ name: '数码 Digital', sort: 1 });
  const phones = await c.createCategory({ name: '手机 Phones', parentId: digital.id });
  const smartphones = await c.createCategory({ name: '智能手机 Smartphones', parentId: phones.id });
  const food = await c.createCategory({ name: '食品 Food', sort: 2 });
  const infant = await c.createCategory({ name: '母婴 Infant', parentId: food.id });
  const milk = await c.createCategory({ name: '奶粉 Milk powder', parentId: infant.id });

  await c.updateCategory({
    categoryId: smartphones.id,
    attributes: [
      { id: 'model', name: '型号 Model', kind: 'key', required: true, input: 'text', options: [] },
      { id: 'color', name: '颜色 Colour', kind: 'sales', required: true, input: 'single', options: ['黑 Black', '白 White', '蓝 Blue'] },
      { id: 'storage', name: '存储 Storage', kind: 'sales', required: true, input: 'single', options: ['128GB', '256GB', '512GB'] },
      { id: 'network', name: '网络 Network', kind: 'product', required: false, input: 'multi', options: ['5G', '4G', 'WiFi 7'] },
    ],
  });
  await c.updateCategory({
    categoryId: milk.id,
    attributes: [
      { id: 'stage', name: '段位 Stage', kind: 'key', required: true, input: 'single', options: ['1段', '2段', '3段'] },
      { id: 'origin', name: '产地 Origin', kind: 'product', required: false, input: 'single', options: ['中国', '荷兰', '新西兰'] },
      { id: 'size', name: '规格 Size', kind: 'sales', required: true, input: 'single', options: ['400g', '800g'] },
    ],
  });

  const nova = await c.createBrand({ nameZh: '新星', nameEn: 'Nova', origin: 'CN', categoryIds: [digital.id] });
  const meadow = await c.createBrand({ nameZh: '牧场', nameEn: 'Meadow', origin: 'NZ', categoryIds: [food.id] });

  const phone = await c.createSpu({
    code: 'NOVA-X1',
    title: 'Nova X1 5G 智能手机',
    description: 'A demo phone: 3 colours × 2 storage sizes make 6 SKUs.',
    categoryId: smartphones.id,
    brandId: nova.id,
    attributes: { model: ['X1'], network: ['5G', 'WiFi 7'] },
    salesAttributes: [
      { attributeId: 'color', values: ['黑 Black', '白 White', '蓝 Blue'] },
      { attributeId: 'storage', values: ['128GB', '256GB'] },
    ],
    salePrice: '3999.00',
    marketPrice: '4299.00',
    skus: [
      { specs: { color: '黑 Black', storage: '256GB' }, salePrice: '4499.00', marketPrice: '4799.00' },
      { specs: { color: '白 White', storage: '256GB' }, salePrice: '4499.00', marketPrice: '4799.00' },
      { specs: { color: '蓝 Blue', storage: '256GB' }, salePrice: '4599.00', marketPrice: '4899.00' },
    ],
    tags: [
      { kind: 'service', name: '七天无理由退货' },
      { kind: 'performance', name: '热卖' },
    ],
  });
  const milkPowder = await c.createSpu({
    code: 'MEADOW-GOLD-2',
    title: 'Meadow Gold 2段 婴儿配方奶粉',
    categoryId: milk.id,
    brandId: meadow.id,
    attributes: { stage: ['2段'], origin: ['新西兰'] },
    salesAttributes: [{ attributeId: 'size', values: ['400g', '800g'] }],
    skus: [
      { specs: { size: '400g' }, salePrice: '168.00', marketPrice: '198.00' },
      { specs: { size: '800g' }, salePrice: '298.00', marketPrice: '358.00' },
    ],
    tags: [{ kind: 'activity', name: '跨境 Cross-border' }],
  });
  const lite = await c.createSpu({
    code: 'NOVA-LITE',
    title: 'Nova Lite 4G 手机',
    categoryId: smartphones.id,
    brandId: nova.id,
    attributes: { model: ['Lite'], network: ['4G'] },
    salesAttributes: [
      { attributeId: 'color', values: ['黑 Black'] },
      { attributeId: 'storage', values: ['128GB'] },
    ],
    salePrice: '1299.00',
  });
  const bundle = await c.createComboSpu({
    code: 'MEADOW-DUO',
    title: 'Meadow Gold 2段 双罐装 (800g × 2)',
    categoryId: milk.id,
    brandId: meadow.id,
    attributes: { stage: ['2段'] },
    salePrice: '568.00',
    marketPrice: '596.00',
    components: [{ skuId: milkPowder.skus.find((s) => s.specs.size === '800g')!.id, quantity: 2 }],
  });
  for (const spu of [phone, milkPowder, bundle]) await c.changeListing({ spuId: spu.id, action: 'list' });
  await c.changeListing({ spuId: lite.id, action: 'schedule', listAt: new Date(Date.now() + 3_600_000) });

  await c.createFrontCategory({ name: '手机通讯', sort: 1, mappings: [{ kind: 'category', categoryId: phones.id }] });
  await c.createFrontCategory({
    name: '新西兰奶粉',
    sort: 2,
    mappings: [{ kind: 'attribute', categoryId: milk.id, attributeId: 'origin', value: '新西兰' }],
  });
  await c.createFrontCategory({ name: 'Nova 品牌馆', sort: 3, mappings: [{ kind: 'brand', brandId: nova.id }] });
  return { created: true };
}
