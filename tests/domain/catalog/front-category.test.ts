import { describe, expect, it } from 'vitest';
import { FrontCategory } from '../../../domain/catalog/front-category.js';
import { aFrontCategory, at, domainErrorOf } from '../../support/mothers.js';

describe('FrontCategory (前台类目, CAT-2)', () => {
  it('is created visible, unscheduled, without mappings', () => {
    const fc = FrontCategory.create('f1', { name: ' Deals ' });
    expect(fc.toSnapshot()).toEqual({
      id: 'f1',
      name: 'Deals',
      parentId: null,
      sort: 0,
      visible: true,
      visibleFrom: null,
      visibleUntil: null,
      mappings: [],
      version: 0,
    });
    expect(fc.isShownAt(at(0))).toBe(true);
  });

  it('CAT-2: maps to back-end categories, a leaf category + attribute value, brands and products', () => {
    const mappings = [
      { kind: 'category', categoryId: 'phones' },
      { kind: 'category', categoryId: 'tablets' },
      { kind: 'attribute', categoryId: 'smartphones', attributeId: 'color', value: 'white' },
      { kind: 'brand', brandId: 'b1' },
      { kind: 'spu', spuId: 's1' },
    ] as const;
    expect(aFrontCategory({ mappings }).mappings).toEqual(mappings);
  });

  it('CAT-2: a hidden front category is not shown, whatever its schedule', () => {
    const fc = aFrontCategory({ visible: false });
    expect(fc.isShownAt(at(0))).toBe(false);
    fc.update({ visible: true });
    expect(fc.isShownAt(at(0))).toBe(true);
  });

  it('CAT-2: a scheduled front category is shown only inside [visibleFrom, visibleUntil)', () => {
    const fc = aFrontCategory({ visibleFrom: at(10), visibleUntil: at(20) });
    expect(fc.isShownAt(at(9))).toBe(false);
    expect(fc.isShownAt(at(10))).toBe(true);
    expect(fc.isShownAt(at(19))).toBe(true);
    expect(fc.isShownAt(new Date(at(20).getTime() - 1))).toBe(true);
    expect(fc.isShownAt(at(20))).toBe(false);
  });

  it('CAT-2: an open-ended schedule has one bound only', () => {
    expect(aFrontCategory({ visibleFrom: at(10) }).isShownAt(at(1_000_000))).toBe(true);
    expect(aFrontCategory({ visibleFrom: at(10) }).isShownAt(at(9))).toBe(false);
    expect(aFrontCategory({ visibleUntil: at(10) }).isShownAt(at(-1_000_000))).toBe(true);
    expect(aFrontCategory({ visibleUntil: at(10) }).isShownAt(at(10))).toBe(false);
  });

  it('visibleUntil must come after visibleFrom (CATALOG.INVALID_SCHEDULE), on create and on update', () => {
    expect(domainErrorOf(() => aFrontCategory({ visibleFrom: at(10), visibleUntil: at(10) })).code).toBe('CATALOG.INVALID_SCHEDULE');
    expect(domainErrorOf(() => aFrontCategory({ visibleFrom: at(10), visibleUntil: at(5) })).code).toBe('CATALOG.INVALID_SCHEDULE');
    const fc = aFrontCategory({ visibleFrom: at(10) });
    expect(domainErrorOf(() => fc.update({ visibleUntil: at(1) })).code).toBe('CATALOG.INVALID_SCHEDULE');
    expect(fc.toSnapshot().visibleUntil).toBeNull();
  });

  it('CAT-2: the schedule can be cleared with null; undefined fields are left as they are', () => {
    const fc = aFrontCategory({ visibleFrom: at(10), visibleUntil: at(20), sort: 3 });
    fc.update({ visibleFrom: null, visibleUntil: undefined, name: 'Renamed' });
    expect(fc.toSnapshot()).toMatchObject({ name: 'Renamed', visibleFrom: null, visibleUntil: at(20), sort: 3 });
    expect(fc.isShownAt(at(0))).toBe(true);
  });

  it('a front category cannot be its own parent; a name has 1 to 60 characters', () => {
    expect(domainErrorOf(() => aFrontCategory({ parentId: 'fc-1' }, 'fc-1')).code).toBe('CATALOG.INVALID_PARENT');
    const fc = aFrontCategory({}, 'fc-2');
    expect(domainErrorOf(() => fc.update({ parentId: 'fc-2' })).code).toBe('CATALOG.INVALID_PARENT');
    expect(domainErrorOf(() => fc.update({ name: ' ' })).code).toBe('CATALOG.INVALID_NAME');
    expect(domainErrorOf(() => aFrontCategory({ name: 'x'.repeat(61) })).code).toBe('CATALOG.INVALID_NAME');
    fc.update({ parentId: 'fc-1' });
    expect(fc.toSnapshot().parentId).toBe('fc-1');
  });
});
