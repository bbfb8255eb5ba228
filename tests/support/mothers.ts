/**
 * Object mothers: domain objects built directly through their factories (never through adapters),
 * with sensible defaults that a test overrides only where the rule under test cares.
 */
import type { AttributeTemplate } from '../../domain/catalog/attribute.js';
import { Brand, type BrandFields } from '../../domain/catalog/brand.js';
import { Category } from '../../domain/catalog/category.js';
import { FrontCategory, type FrontCategoryFields } from '../../domain/catalog/front-category.js';
import { Spu, type ComboComponent, type NewComboSpu, type NewSpu } from '../../domain/catalog/spu.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { Money } from '../../domain/shared/money.js';

export const T0 = new Date('2025-01-01T00:00:00.000Z');

/** `minutes` after T0. */
export const at = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);

/** Ids `prefix-1`, `prefix-2` … in call order. */
export function sequentialIds(prefix: string): () => string {
  let n = 0;
  return () => `${prefix}-${++n}`;
}

/** Runs `fn`, expects it to throw a DomainError and returns it (fails the test otherwise). */
export function domainErrorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw new Error(`expected a DomainError, got ${String(e)}`, { cause: e });
  }
  throw new Error('expected a DomainError, nothing was thrown');
}

export function aRootCategory(id = 'c1', name = 'Digital'): Category {
  return Category.create({ id, name, parent: null, parentProductCount: 0, now: T0 });
}

export function aChildCategory(parent: Category, id: string, name = `Category ${id}`): Category {
  return Category.create({ id, name, parent, parentProductCount: 0, now: T0 });
}

/** A chain root → … of `levels` categories; returns them from the root down. */
export function aCategoryChain(levels: number, prefix = 'c'): Category[] {
  const chain: Category[] = [aRootCategory(`${prefix}1`)];
  for (let i = 2; i <= levels; i++) chain.push(aChildCategory(chain[chain.length - 1]!, `${prefix}${i}`));
  return chain;
}

export const phoneAttributes: readonly AttributeTemplate[] = [
  { id: 'color', name: 'Colour', kind: 'sales', required: true, input: 'single', options: ['black', 'white', 'blue'] },
  { id: 'storage', name: 'Storage', kind: 'sales', required: true, input: 'single', options: ['128G', '256G'] },
  { id: 'model', name: 'Model', kind: 'key', required: true, input: 'text', options: [] },
  { id: 'os', name: 'Operating system', kind: 'product', required: false, input: 'single', options: ['Android', 'iOS'] },
  { id: 'feature', name: 'Features', kind: 'other', required: false, input: 'multi', options: ['NFC', '5G', 'eSIM'] },
];

/** A level-3 leaf category (Digital › Phones › Smartphones) carrying the given attribute templates. */
export function aLeafCategory(attributes: readonly AttributeTemplate[] = phoneAttributes, id = 'smartphones'): Category {
  const root = aRootCategory('digital', 'Digital');
  const phones = aChildCategory(root, 'phones', 'Phones');
  const leaf = aChildCategory(phones, id, 'Smartphones');
  leaf.defineAttributes(attributes, false);
  leaf.pullEvents();
  return leaf;
}

/** A phone: colour × storage (black/white × 128G/256G) at 3999.00, market price 4999.00. */
export function aPhoneSpu(overrides: Partial<NewSpu> = {}): Spu {
  return Spu.create({
    id: 'spu-phone',
    code: 'PHONE1',
    title: 'Phone One',
    category: aLeafCategory(),
    brandId: null,
    attributes: { model: ['P1'] },
    salesAttributes: [
      { attributeId: 'color', values: ['black', 'white'] },
      { attributeId: 'storage', values: ['128G', '256G'] },
    ],
    salePrice: Money.of('3999.00'),
    marketPrice: Money.of('4999.00'),
    skuIds: sequentialIds('sku'),
    now: T0,
    ...overrides,
  });
}

export const twoPhones: readonly ComboComponent[] = [
  { skuId: 'sku-1', quantity: 1 },
  { skuId: 'sku-2', quantity: 1 },
];

export function aComboSpu(overrides: Partial<NewComboSpu> = {}): Spu {
  return Spu.createCombo({
    id: 'spu-combo',
    code: 'DUO1',
    title: 'Phone duo',
    category: aLeafCategory(),
    brandId: null,
    attributes: { model: ['DUO'] },
    skuId: 'sku-combo',
    salePrice: Money.of('7500.00'),
    components: twoPhones,
    now: T0,
    ...overrides,
  });
}

export function aBrand(fields: Partial<BrandFields> = {}, id = 'brand-1'): Brand {
  return Brand.create(id, { nameZh: '小米', nameEn: 'Xiaomi', ...fields });
}

export function aFrontCategory(fields: Partial<FrontCategoryFields> = {}, id = 'fc-1'): FrontCategory {
  return FrontCategory.create(id, { name: 'New arrivals', ...fields });
}
