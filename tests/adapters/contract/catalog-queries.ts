import { CATALOG_QUERIES } from '../../../application/catalog/read-model.js';
import { CATALOG_STORE } from '../../../application/catalog/store.js';
import { describe, expect, it } from 'vitest';
import type { SpuSearch } from '../../../domain/catalog/ports.js';
import { Brand } from '../../../domain/catalog/brand.js';
import { aPhoneSpu } from '../../support/mothers.js';
import { categories, frontCategory, loadCatalog } from './catalog-fixture.js';
import { inTx, plain, type CurrentPersistence } from './support.js';

/** CatalogQueries: the read side, over committed data. */
export function catalogQueriesContract(current: CurrentPersistence): void {
  const codes = async (filter: SpuSearch, page = 1, size = 20) =>
    (await current().readModel(CATALOG_QUERIES).searchSpus(filter, { page, size })).items.map((s) => s.code);

  describe('CatalogQueries', () => {
    it('is the catalog’s read model: served by the persistence, built once and the same ever after (issue #13)', () => {
      expect(current().provides(CATALOG_QUERIES)).toBe(true);
      expect(current().readModel(CATALOG_QUERIES)).toBe(current().readModel(CATALOG_QUERIES));
    });

    it('spu(id): the snapshot as saved (Money, Dates, SKU order), null when missing', async () => {
      const spu = aPhoneSpu();
      await inTx(current(), (tx) => tx.use(CATALOG_STORE).spus.save(spu));
      const found = await current().readModel(CATALOG_QUERIES).spu(spu.id);
      expect(plain(found)).toEqual(plain(spu.toSnapshot()));
      expect(found!.skus[3]!.marketPrice!.toString()).toBe('4999.00');
      expect(found!.updatedAt).toEqual(spu.toSnapshot().updatedAt);
      expect(await current().readModel(CATALOG_QUERIES).spu('missing')).toBeNull();
    });

    it('searchSpus: every product ordered by code point, with summaries', async () => {
      await loadCatalog(current());
      const page = await current().readModel(CATALOG_QUERIES).searchSpus({}, { page: 1, size: 20 });
      expect(page.items.map((s) => s.code)).toEqual(['DUO1', 'LAPTOP1', 'PHONE1', 'PHONE2', 'a-phone3']);
      expect(page.total).toBe(5);
      expect(page.items.find((s) => s.code === 'PHONE1')).toEqual({
        id: 'p1',
        code: 'PHONE1',
        title: 'Phone One',
        categoryId: 'smartphones',
        brandId: 'mi',
        status: 'listed',
        platformPrice: '3999.00',
        skuCount: 2,
        tags: [{ kind: 'activity', name: 'New' }],
      });
    });

    it('searchSpus filters: category with descendants, brand, status, price band, keyword', async () => {
      await loadCatalog(current());
      expect(await codes({ categoryId: 'digital' })).toHaveLength(5);
      expect(await codes({ categoryId: 'phones' })).toEqual(['DUO1', 'PHONE1', 'PHONE2', 'a-phone3']);
      expect(await codes({ categoryId: 'laptops' })).toEqual(['LAPTOP1']);
      expect(await codes({ brandId: 'apple' })).toEqual(['LAPTOP1']);
      expect(await codes({ status: 'listed' })).toEqual(['PHONE1']);
      expect(await codes({ minPrice: '1999.00', maxPrice: '7500' })).toEqual(['DUO1', 'PHONE1', 'a-phone3']);
      expect(await codes({ minPrice: '1999.01' })).toEqual(['DUO1', 'LAPTOP1', 'PHONE1']);
      expect(await codes({ keyword: 'PHONE' })).toEqual(['DUO1', 'PHONE1', 'PHONE2', 'a-phone3']);
      expect(await codes({ keyword: 'laptop1' })).toEqual(['LAPTOP1']);
      expect(await codes({ keyword: '100%' })).toEqual(['DUO1']);
      expect(await codes({ keyword: '%' })).toEqual(['DUO1']); // a wildcard character is matched literally
      expect(await codes({ keyword: 'o_e' })).toEqual([]);
      expect(await codes({ categoryId: 'phones', status: 'draft', maxPrice: '2000' })).toEqual(['PHONE2', 'a-phone3']);
    });

    it('searchSpus by front category: any mapping — category, attribute value, brand, product', async () => {
      await loadCatalog(current());
      await frontCategory(current(), 'laptops', [{ kind: 'category', categoryId: 'laptops' }]);
      await frontCategory(current(), 'android', [{ kind: 'attribute', categoryId: 'smartphones', attributeId: 'os', value: 'Android' }]);
      await frontCategory(current(), 'mixed', [
        { kind: 'brand', brandId: 'mi' },
        { kind: 'spu', spuId: 'p3' },
        { kind: 'attribute', categoryId: 'laptops', attributeId: 'os', value: 'Android' },
      ]);
      await frontCategory(current(), 'white', [{ kind: 'attribute', categoryId: 'smartphones', attributeId: 'color', value: 'white' }]);
      await frontCategory(current(), 'empty', []);
      expect(await codes({ frontCategoryId: 'laptops' })).toEqual(['LAPTOP1']);
      expect(await codes({ frontCategoryId: 'android' })).toEqual(['PHONE2']);
      expect(await codes({ frontCategoryId: 'mixed' })).toEqual(['PHONE1', 'a-phone3']);
      expect(await codes({ frontCategoryId: 'mixed', status: 'draft' })).toEqual(['a-phone3']);
      expect(await codes({ frontCategoryId: 'white' })).toEqual(['PHONE1', 'PHONE2']); // a sales attribute value of a SKU
      expect(await codes({ frontCategoryId: 'empty' })).toEqual([]);
      expect(await codes({ frontCategoryId: 'missing' })).toEqual([]);
    });

    it('searchSpus pages: size, page and the total, also past the last page', async () => {
      await loadCatalog(current());
      const second = await current().readModel(CATALOG_QUERIES).searchSpus({}, { page: 2, size: 2 });
      expect(second).toMatchObject({ page: 2, size: 2, total: 5 });
      expect(second.items.map((s) => s.code)).toEqual(['PHONE1', 'PHONE2']);
      const beyond = await current().readModel(CATALOG_QUERIES).searchSpus({ categoryId: 'phones' }, { page: 9, size: 2 });
      expect(beyond).toEqual({ items: [], page: 9, size: 2, total: 4 });
      expect(await current().readModel(CATALOG_QUERIES).searchSpus({ brandId: 'none' }, { page: 1, size: 2 })).toEqual({
        items: [],
        page: 1,
        size: 2,
        total: 0,
      });
    });

    it('categoryTree: nested, siblings by sort then name by code point', async () => {
      await categories(current(), [
        { id: 'z', name: 'apple', sort: 0 },
        { id: 'a', name: 'Zoo', sort: 0 },
        { id: 'first', name: 'zzz', sort: -1 },
        { id: 'z-1', name: 'Leaf', sort: 0, parent: 'z' },
        { id: 'z-1-1', name: 'Deep', sort: 0, parent: 'z-1' },
      ]);
      const tree = await current().readModel(CATALOG_QUERIES).categoryTree();
      expect(tree.map((n) => n.id)).toEqual(['first', 'a', 'z']);
      expect(tree[2]).toMatchObject({ name: 'apple', level: 1, parentId: null, children: [{ id: 'z-1', level: 2, children: [{ id: 'z-1-1', level: 3 }] }] });
    });

    it('brands: by Chinese name then id, by code point, paged', async () => {
      await inTx(current(), async (tx) => {
        for (const [id, nameZh] of [
          ['b3', '小米'],
          ['b2', 'apple'],
          ['b1', 'Apple'],
          ['b0', '华为'],
          ['b4', 'apple'],
        ] as const) {
          await tx.use(CATALOG_STORE).brands.save(Brand.create(id, { nameZh }));
        }
      });
      const all = await current().readModel(CATALOG_QUERIES).brands({ page: 1, size: 10 });
      expect(all.items.map((b) => b.id)).toEqual(['b1', 'b2', 'b4', 'b0', 'b3']);
      expect(all.items[0]).toEqual({ id: 'b1', nameZh: 'Apple', nameEn: null, logoUrl: null, origin: null, status: 'enabled', categoryIds: [], version: 1 });
      expect(await current().readModel(CATALOG_QUERIES).brands({ page: 2, size: 2 })).toMatchObject({ total: 5, items: [{ id: 'b4' }, { id: 'b0' }] });
      expect(await current().readModel(CATALOG_QUERIES).brands({ page: 4, size: 2 })).toEqual({ items: [], page: 4, size: 2, total: 5 });
    });

    it('frontCategories: every one, by sort then id', async () => {
      await frontCategory(current(), 'b', []);
      await frontCategory(current(), 'B', [{ kind: 'brand', brandId: 'mi' }]);
      await frontCategory(current(), 'a', []);
      const list = await current().readModel(CATALOG_QUERIES).frontCategories();
      expect(list.map((f) => f.id)).toEqual(['B', 'a', 'b']);
      expect(list[0]).toMatchObject({ name: 'B', mappings: [{ kind: 'brand', brandId: 'mi' }], visibleFrom: null, version: 1 });
    });
  });
}
