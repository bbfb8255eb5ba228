import { CATALOG_STORE } from '../../../application/catalog/store.js';
import type { Persistence } from '../../../application/shared/persistence.js';
import { Brand } from '../../../domain/catalog/brand.js';
import { Category } from '../../../domain/catalog/category.js';
import { FrontCategory, type FrontCategoryMapping } from '../../../domain/catalog/front-category.js';
import { Spu } from '../../../domain/catalog/spu.js';
import { Money } from '../../../domain/shared/money.js';
import { aChildCategory, aRootCategory, at, phoneAttributes, sequentialIds, T0 } from '../../support/mothers.js';
import { inTx } from './support.js';

/**
 * A small catalog for the read side:
 *   Digital › Phones › Smartphones (PHONE1 3999 listed Mi, PHONE2 999 Android, a-phone3 1999 iOS black/blue,
 *   DUO1 7500 combo); phones come in black and white unless said otherwise
 *   Digital › Laptops (LAPTOP1 9999 Apple)
 * Codes are chosen so that code-point order (uppercase first) differs from a locale's order.
 */
export async function loadCatalog(p: Persistence): Promise<void> {
  const digital = aRootCategory('digital', 'Digital');
  const phones = aChildCategory(digital, 'phones', 'Phones');
  const smart = aChildCategory(phones, 'smartphones', 'Smartphones');
  smart.defineAttributes(phoneAttributes, false);
  const laptops = aChildCategory(digital, 'laptops', 'Laptops');
  const price = (p: string) => Money.of(p);
  const phone = (id: string, code: string, title: string, salePrice: string, more: { os?: string; brandId?: string; colors?: string[] } = {}) =>
    Spu.create({
      id,
      code,
      title,
      category: smart,
      brandId: more.brandId ?? null,
      attributes: { model: [code], ...(more.os ? { os: [more.os] } : {}) },
      salesAttributes: [
        { attributeId: 'color', values: more.colors ?? ['black', 'white'] },
        { attributeId: 'storage', values: ['128G'] },
      ],
      salePrice: price(salePrice),
      skuIds: sequentialIds(`${id}-sku`),
      tags: [{ kind: 'activity', name: 'New' }],
      now: T0,
    });
  const p1 = phone('p1', 'PHONE1', 'Phone One', '3999.00', { brandId: 'mi' });
  p1.list(at(1));
  const p2 = phone('p2', 'PHONE2', 'Budget phone', '999.00', { os: 'Android' });
  const p3 = phone('p3', 'a-phone3', 'Another Phone', '1999.00', { os: 'iOS', colors: ['black', 'blue'] });
  const duo = Spu.createCombo({
    id: 'duo',
    code: 'DUO1',
    title: 'Phone duo 100%',
    category: smart,
    brandId: null,
    attributes: { model: ['DUO'] },
    skuId: 'duo-sku',
    salePrice: price('7500.00'),
    components: [{ skuId: 'p1-sku-1', quantity: 2 }],
    now: T0,
  });
  const laptop = Spu.create({
    id: 'l1',
    code: 'LAPTOP1',
    title: 'Laptop Pro',
    category: laptops,
    brandId: 'apple',
    attributes: {},
    salesAttributes: [],
    salePrice: price('9999.00'),
    skuIds: sequentialIds('l1-sku'),
    now: T0,
  });
  await inTx(p, async (tx) => {
    for (const c of [digital, phones, smart, laptops]) await tx.use(CATALOG_STORE).categories.save(c);
    for (const b of [Brand.create('mi', { nameZh: '小米' }), Brand.create('apple', { nameZh: 'Apple' })]) await tx.use(CATALOG_STORE).brands.save(b);
    for (const s of [p1, p2, p3, duo, laptop]) await tx.use(CATALOG_STORE).spus.save(s);
  });
}

export async function frontCategory(p: Persistence, id: string, mappings: FrontCategoryMapping[]): Promise<void> {
  await inTx(p, (tx) => tx.use(CATALOG_STORE).frontCategories.save(FrontCategory.create(id, { name: id, mappings })));
}

export async function categories(p: Persistence, list: readonly { id: string; name: string; sort: number; parent?: string }[]): Promise<void> {
  await inTx(p, async (tx) => {
    for (const c of list) {
      const parent = c.parent ? await tx.use(CATALOG_STORE).categories.get(c.parent) : null;
      await tx.use(CATALOG_STORE).categories.save(Category.create({ id: c.id, name: c.name, parent, parentProductCount: 0, sort: c.sort, now: T0 }));
    }
  });
}
