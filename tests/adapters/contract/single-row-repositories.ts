import { CATALOG_STORE } from '../../../application/catalog/store.js';
import { describe, expect, it } from 'vitest';
import { Brand } from '../../../domain/catalog/brand.js';
import { Category } from '../../../domain/catalog/category.js';
import { FrontCategory } from '../../../domain/catalog/front-category.js';
import { aBrand, aChildCategory, aFrontCategory, aLeafCategory, aRootCategory, at } from '../../support/mothers.js';
import { codeOf, inTx, plain, type CurrentPersistence } from './support.js';

/** Categories, Brands, FrontCategories: collection-like, optimistic on save. */
export function singleRowRepositoryContract(current: CurrentPersistence): void {
  describe('Categories', () => {
    it('saves a new category at version 1 and reads back the same snapshot', async () => {
      const leaf = aLeafCategory();
      await inTx(current(), (tx) => tx.use(CATALOG_STORE).categories.save(leaf));
      expect(leaf.version).toBe(1);
      const found = await inTx(current(), (tx) => tx.use(CATALOG_STORE).categories.get(leaf.id));
      expect(found).toBeInstanceOf(Category);
      expect(plain(found!.toSnapshot())).toEqual(plain(leaf.toSnapshot()));
    });

    it('updates a category loaded at the stored version, and bumps the version', async () => {
      await inTx(current(), (tx) => tx.use(CATALOG_STORE).categories.save(aRootCategory('c1', 'Digital')));
      await inTx(current(), async (tx) => {
        const c = (await tx.use(CATALOG_STORE).categories.get('c1'))!;
        c.rename('Electronics', 5);
        await tx.use(CATALOG_STORE).categories.save(c);
        expect(c.version).toBe(2);
      });
      const c = await inTx(current(), (tx) => tx.use(CATALOG_STORE).categories.get('c1'));
      expect(c!.toSnapshot()).toMatchObject({ name: 'Electronics', sort: 5, version: 2 });
    });

    it('CONCURRENCY.STALE_AGGREGATE: a copy loaded before someone else saved cannot be saved', async () => {
      await inTx(current(), (tx) => tx.use(CATALOG_STORE).categories.save(aRootCategory('c1')));
      const mine = (await inTx(current(), (tx) => tx.use(CATALOG_STORE).categories.get('c1')))!;
      const theirs = (await inTx(current(), (tx) => tx.use(CATALOG_STORE).categories.get('c1')))!;
      theirs.rename('Theirs');
      await inTx(current(), (tx) => tx.use(CATALOG_STORE).categories.save(theirs));
      mine.rename('Mine');
      expect(await codeOf(inTx(current(), (tx) => tx.use(CATALOG_STORE).categories.save(mine)))).toBe('CONCURRENCY.STALE_AGGREGATE');
      expect((await inTx(current(), (tx) => tx.use(CATALOG_STORE).categories.get('c1')))!.name).toBe('Theirs');
    });

    it('CONCURRENCY.STALE_AGGREGATE: creating an id that exists is stale too', async () => {
      await inTx(current(), (tx) => tx.use(CATALOG_STORE).categories.save(aRootCategory('c1')));
      expect(await codeOf(inTx(current(), (tx) => tx.use(CATALOG_STORE).categories.save(aRootCategory('c1'))))).toBe('CONCURRENCY.STALE_AGGREGATE');
    });

    it('removes a category and knows which categories have children', async () => {
      const root = aRootCategory('root');
      const child = aChildCategory(root, 'child');
      await inTx(current(), async (tx) => {
        await tx.use(CATALOG_STORE).categories.save(root);
        await tx.use(CATALOG_STORE).categories.save(child);
      });
      expect(await inTx(current(), (tx) => tx.use(CATALOG_STORE).categories.hasChildren('root'))).toBe(true);
      expect(await inTx(current(), (tx) => tx.use(CATALOG_STORE).categories.hasChildren('child'))).toBe(false);
      await inTx(current(), (tx) => tx.use(CATALOG_STORE).categories.remove(child));
      expect(await inTx(current(), (tx) => tx.use(CATALOG_STORE).categories.get('child'))).toBeNull();
      expect(await inTx(current(), (tx) => tx.use(CATALOG_STORE).categories.hasChildren('root'))).toBe(false);
    });

    it('reads its own writes inside the transaction', async () => {
      await inTx(current(), async (tx) => {
        await tx.use(CATALOG_STORE).categories.save(aRootCategory('c1'));
        expect((await tx.use(CATALOG_STORE).categories.get('c1'))?.version).toBe(1);
        expect(await tx.use(CATALOG_STORE).categories.get('nope')).toBeNull();
      });
    });
  });

  describe('Brands', () => {
    it('round-trips every field, nulls and category links included', async () => {
      const full = aBrand({ nameEn: 'Xiaomi', logoUrl: 'https://x/logo.png', origin: 'CN', categoryIds: ['phones', 'laptops'] }, 'b1');
      const bare = Brand.create('b2', { nameZh: '无名' });
      await inTx(current(), async (tx) => {
        await tx.use(CATALOG_STORE).brands.save(full);
        await tx.use(CATALOG_STORE).brands.save(bare);
      });
      for (const b of [full, bare]) {
        const found = await inTx(current(), (tx) => tx.use(CATALOG_STORE).brands.get(b.id));
        expect(found!.toSnapshot()).toEqual(b.toSnapshot());
      }
    });

    it('is optimistic: a stale copy is rejected, a fresh one saved', async () => {
      await inTx(current(), (tx) => tx.use(CATALOG_STORE).brands.save(aBrand({}, 'b1')));
      const stale = (await inTx(current(), (tx) => tx.use(CATALOG_STORE).brands.get('b1')))!;
      await inTx(current(), async (tx) => {
        const b = (await tx.use(CATALOG_STORE).brands.get('b1'))!;
        b.update({ status: 'disabled' });
        await tx.use(CATALOG_STORE).brands.save(b);
      });
      stale.update({ nameEn: 'Stale' });
      expect(await codeOf(inTx(current(), (tx) => tx.use(CATALOG_STORE).brands.save(stale)))).toBe('CONCURRENCY.STALE_AGGREGATE');
      expect((await inTx(current(), (tx) => tx.use(CATALOG_STORE).brands.get('b1')))!.toSnapshot()).toMatchObject({ status: 'disabled', version: 2 });
    });
  });

  describe('FrontCategories', () => {
    it('round-trips mappings and the visibility schedule (Dates stay Dates)', async () => {
      const fc = aFrontCategory(
        {
          parentId: 'fc-root',
          sort: 3,
          visible: false,
          visibleFrom: at(10),
          visibleUntil: at(70),
          mappings: [
            { kind: 'category', categoryId: 'phones' },
            { kind: 'attribute', categoryId: 'smartphones', attributeId: 'os', value: 'Android' },
            { kind: 'brand', brandId: 'b1' },
            { kind: 'spu', spuId: 's1' },
          ],
        },
        'fc-1',
      );
      await inTx(current(), (tx) => tx.use(CATALOG_STORE).frontCategories.save(fc));
      const found = (await inTx(current(), (tx) => tx.use(CATALOG_STORE).frontCategories.get('fc-1')))!;
      expect(found).toBeInstanceOf(FrontCategory);
      expect(found.toSnapshot()).toEqual(fc.toSnapshot());
      expect(found.toSnapshot().visibleFrom).toBeInstanceOf(Date);
    });

    it('removes, and is optimistic on save', async () => {
      await inTx(current(), (tx) => tx.use(CATALOG_STORE).frontCategories.save(aFrontCategory({}, 'fc-1')));
      const stale = (await inTx(current(), (tx) => tx.use(CATALOG_STORE).frontCategories.get('fc-1')))!;
      await inTx(current(), async (tx) => {
        const f = (await tx.use(CATALOG_STORE).frontCategories.get('fc-1'))!;
        f.update({ name: 'Renamed' });
        await tx.use(CATALOG_STORE).frontCategories.save(f);
      });
      expect(await codeOf(inTx(current(), (tx) => tx.use(CATALOG_STORE).frontCategories.save(stale)))).toBe('CONCURRENCY.STALE_AGGREGATE');
      await inTx(current(), async (tx) => tx.use(CATALOG_STORE).frontCategories.remove((await tx.use(CATALOG_STORE).frontCategories.get('fc-1'))!));
      expect(await inTx(current(), (tx) => tx.use(CATALOG_STORE).frontCategories.get('fc-1'))).toBeNull();
    });
  });
}
