import { describe, expect, it } from 'vitest';
import { Brand } from '../../../domain/catalog/brand.js';
import { aBrand, domainErrorOf } from '../../support/mothers.js';

describe('Brand (品牌)', () => {
  it('is created enabled, with optional fields empty and no category links', () => {
    const brand = Brand.create('b1', { nameZh: '  华为 ' });
    expect(brand.toSnapshot()).toEqual({
      id: 'b1',
      nameZh: '华为',
      nameEn: null,
      logoUrl: null,
      origin: null,
      status: 'enabled',
      categoryIds: [],
      version: 0,
    });
  });

  it('a Chinese name of 1 to 60 characters is required, on create and on update', () => {
    expect(domainErrorOf(() => aBrand({ nameZh: ' ' })).code).toBe('CATALOG.INVALID_NAME');
    expect(domainErrorOf(() => aBrand({ nameZh: '名'.repeat(61) })).code).toBe('CATALOG.INVALID_NAME');
    const brand = aBrand();
    expect(domainErrorOf(() => brand.update({ nameZh: '' })).code).toBe('CATALOG.INVALID_NAME');
    expect(brand.toSnapshot().nameZh).toBe('小米');
  });

  it('links to categories 1–1, 1–n or n–1; a category listed twice is kept once', () => {
    expect(aBrand({ categoryIds: ['phones', 'tablets', 'phones'] }).categoryIds).toEqual(['phones', 'tablets']);
  });

  it('a brand linked to no category may be used in any category', () => {
    expect(aBrand().allowsCategoryPath(['digital', 'phones', 'smartphones'])).toBe(true);
  });

  it('a linked brand may be used in a linked category and its descendants, and nowhere else', () => {
    const brand = aBrand({ categoryIds: ['phones'] });
    expect(brand.allowsCategoryPath(['digital', 'phones'])).toBe(true);
    expect(brand.allowsCategoryPath(['digital', 'phones', 'smartphones'])).toBe(true);
    expect(brand.allowsCategoryPath(['digital', 'laptops'])).toBe(false);
    expect(brand.allowsCategoryPath(['digital'])).toBe(false);
  });

  it('update changes only the given fields; null clears an optional field', () => {
    const brand = aBrand({ origin: 'CN', logoUrl: 'https://example.com/mi.png' });
    brand.update({ status: 'disabled', nameEn: undefined, logoUrl: null });
    expect(brand.status).toBe('disabled');
    expect(brand.toSnapshot()).toMatchObject({ nameZh: '小米', nameEn: 'Xiaomi', origin: 'CN', logoUrl: null });
  });

  it('restore keeps a snapshot as it is; markSaved moves the version', () => {
    const snapshot = aBrand().toSnapshot();
    const restored = Brand.restore({ ...snapshot, version: 7 });
    expect(restored.version).toBe(7);
    restored.markSaved(8);
    expect(restored.version).toBe(8);
    expect(restored.toSnapshot()).toEqual({ ...snapshot, version: 8 });
  });
});
