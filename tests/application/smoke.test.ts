import { describe, expect, it } from 'vitest';
import { createZhongtai } from '../../index.js';

describe('catalog through the facade on memory', () => {
  it('creates a tree, a product with generated SKUs, and finds it', async () => {
    const zt = createZhongtai();
    const root = await zt.catalog.createCategory({ name: 'Phones' });
    const leaf = await zt.catalog.createCategory({ name: 'Smartphones', parentId: root.id });
    await zt.catalog.updateCategory({
      categoryId: leaf.id,
      attributes: [
        { id: 'color', name: 'Colour', kind: 'sales', required: true, input: 'single', options: ['black', 'white'] },
        { id: 'storage', name: 'Storage', kind: 'sales', required: true, input: 'single', options: ['128G', '256G'] },
        { id: 'model', name: 'Model', kind: 'key', required: true, input: 'text', options: [] },
      ],
    });
    const spu = await zt.catalog.createSpu({
      code: 'PHONE1',
      title: 'Phone One',
      categoryId: leaf.id,
      attributes: { model: ['P1'] },
      salesAttributes: [
        { attributeId: 'color', values: ['black', 'white'] },
        { attributeId: 'storage', values: ['128G', '256G'] },
      ],
      salePrice: '3999.00',
      skus: [{ specs: { color: 'white', storage: '256G' }, salePrice: '4599.00' }],
    });
    expect(spu.skus).toHaveLength(4);
    const found = await zt.catalog.queries.searchSpus({ categoryId: root.id }, { page: 1, size: 10 });
    expect(found.items.map((s) => s.platformPrice)).toEqual(['3999.00']);
    await expect(zt.catalog.deleteCategory({ categoryId: leaf.id })).rejects.toMatchObject({ code: 'CATALOG.CATEGORY_HAS_PRODUCTS' });
  });
});
