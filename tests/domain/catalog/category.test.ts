import { describe, expect, it } from 'vitest';
import type { AttributeTemplate } from '../../../domain/catalog/attribute.js';
import { assertCanHaveChild, assertCanHoldProducts, assertDeletable, Category } from '../../../domain/catalog/category.js';
import { aCategoryChain, aChildCategory, aLeafCategory, aRootCategory, domainErrorOf, phoneAttributes, T0 } from '../../support/mothers.js';

const colour: AttributeTemplate = { id: 'color', name: 'Colour', kind: 'sales', required: true, input: 'single', options: ['red'] };

describe('Category tree (CAT-1)', () => {
  it('a root is level 1; a child records its parent and the path from the root', () => {
    const [root, child, grandChild] = aCategoryChain(3);
    expect(root!.level).toBe(1);
    expect(root!.parentId).toBeNull();
    expect(grandChild!.parentId).toBe(child!.id);
    expect(grandChild!.path).toEqual(['c1', 'c2', 'c3']);
    expect(grandChild!.level).toBe(3);
  });

  it('CAT-1: the tree has at most 4 levels — a level-4 category cannot get a child', () => {
    const chain = aCategoryChain(4);
    expect(chain[3]!.level).toBe(4);
    const e = domainErrorOf(() => aChildCategory(chain[3]!, 'c5'));
    expect(e.code).toBe('CATALOG.CATEGORY_TOO_DEEP');
    expect(e.details).toMatchObject({ parentId: 'c4' });
  });

  it('CAT-1: a category with products cannot get a child', () => {
    const leaf = aCategoryChain(2)[1]!;
    const e = domainErrorOf(() => Category.create({ id: 'x', name: 'Under a product leaf', parent: leaf, parentProductCount: 1, now: T0 }));
    expect(e.code).toBe('CATALOG.CATEGORY_HAS_PRODUCTS');
    expect(e.kind).toBe('conflict');
    expect(() => assertCanHaveChild(leaf, 0)).not.toThrow();
  });

  it('CAT-1: a category with products cannot be deleted', () => {
    const e = domainErrorOf(() => assertDeletable(aRootCategory(), false, 3));
    expect(e.code).toBe('CATALOG.CATEGORY_HAS_PRODUCTS');
    expect(e.kind).toBe('conflict');
    expect(e.details).toMatchObject({ productCount: 3 });
  });

  it('CAT-1: a category with children cannot be deleted', () => {
    const e = domainErrorOf(() => assertDeletable(aRootCategory(), true, 0));
    expect(e.code).toBe('CATALOG.CATEGORY_HAS_CHILDREN');
  });

  it('CAT-1: a leaf without products can be deleted', () => {
    expect(() => assertDeletable(aRootCategory(), false, 0)).not.toThrow();
  });

  it('CAT-1: products hang only on leaves', () => {
    expect(domainErrorOf(() => assertCanHoldProducts(aRootCategory(), true)).code).toBe('CATALOG.CATEGORY_NOT_LEAF');
    expect(() => assertCanHoldProducts(aRootCategory(), false)).not.toThrow();
  });

  it('records catalog.category.created with the name and the parent', () => {
    const root = aRootCategory('r', 'Digital');
    const child = Category.create({ id: 'k', name: '  Phones  ', parent: root, parentProductCount: 0, now: T0 });
    expect(child.name).toBe('Phones');
    const events = child.pullEvents();
    expect(events).toEqual([{ type: 'catalog.category.created', aggregateId: 'k', occurredAt: T0, payload: { name: 'Phones', parentId: 'r' } }]);
    expect(child.pullEvents()).toEqual([]);
  });

  it('a name has 1 to 60 characters', () => {
    expect(domainErrorOf(() => aRootCategory('r', '   ')).code).toBe('CATALOG.INVALID_NAME');
    expect(domainErrorOf(() => aRootCategory('r', 'x'.repeat(61))).code).toBe('CATALOG.INVALID_NAME');
    expect(aRootCategory('r', 'x'.repeat(60)).name).toHaveLength(60);
    const c = aRootCategory();
    c.rename('Home', 5);
    expect(c.name).toBe('Home');
    expect(c.toSnapshot().sort).toBe(5);
    expect(domainErrorOf(() => c.rename('')).code).toBe('CATALOG.INVALID_NAME');
    expect(c.name).toBe('Home');
  });
});

describe('Category attributes (CAT-1: attributes only on leaves)', () => {
  it('CAT-1: attributes are defined only on leaf categories', () => {
    const parent = aRootCategory();
    const e = domainErrorOf(() => parent.defineAttributes([colour], true));
    expect(e.code).toBe('CATALOG.CATEGORY_NOT_LEAF');
    expect(parent.attributes).toEqual([]);
  });

  it('CAT-1: a leaf that carries attribute templates cannot get a child (they would sit on a non-leaf)', () => {
    const leaf = aLeafCategory();
    const e = domainErrorOf(() => Category.create({ id: 'sub', name: 'Sub', parent: leaf, parentProductCount: 0, now: T0 }));
    expect(e.code).toBe('CATALOG.CATEGORY_HAS_ATTRIBUTES');
    leaf.defineAttributes([], false);
    expect(Category.create({ id: 'sub', name: 'Sub', parent: leaf, parentProductCount: 0, now: T0 }).path).toEqual([...leaf.path, 'sub']);
  });

  it('a leaf takes attribute templates of every kind and finds them by id', () => {
    const leaf = aRootCategory();
    leaf.defineAttributes(phoneAttributes, false);
    expect(leaf.attributes.map((a) => a.id)).toEqual(['color', 'storage', 'model', 'os', 'feature']);
    expect(leaf.attribute('model')?.kind).toBe('key');
    expect(leaf.attribute('missing')).toBeUndefined();
  });

  it('attribute ids and names are unique within a category', () => {
    const leaf = aRootCategory();
    expect(domainErrorOf(() => leaf.defineAttributes([colour, { ...colour, name: 'Other' }], false)).code).toBe('CATALOG.INVALID_ATTRIBUTE');
    expect(domainErrorOf(() => leaf.defineAttributes([colour, { ...colour, id: 'other' }], false)).code).toBe('CATALOG.INVALID_ATTRIBUTE');
  });

  it('a sales attribute is an option list, not free text; option inputs need distinct options', () => {
    const leaf = aRootCategory();
    const cases: AttributeTemplate[] = [
      { ...colour, input: 'text', options: [] },
      { ...colour, options: [] },
      { ...colour, options: ['red', 'red'] },
      { ...colour, name: '  ' },
    ];
    for (const bad of cases) {
      expect(domainErrorOf(() => leaf.defineAttributes([bad], false)).code).toBe('CATALOG.INVALID_ATTRIBUTE');
    }
    expect(leaf.attributes).toEqual([]);
  });
});
