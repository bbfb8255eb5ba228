import type { Brand } from '../../domain/catalog/brand.js';
import type { Category } from '../../domain/catalog/category.js';
import type { FrontCategory } from '../../domain/catalog/front-category.js';
import type { Spu } from '../../domain/catalog/spu.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import type { Transaction } from '../shared/unit-of-work.js';

export async function requireCategory(tx: Transaction, id: string): Promise<Category> {
  const c = await tx.categories.get(id);
  if (!c) throw DomainError.notFound('CATALOG.CATEGORY_NOT_FOUND', `no category ${id}`, { categoryId: id });
  return c;
}

export async function requireBrand(tx: Transaction, id: string): Promise<Brand> {
  const b = await tx.brands.get(id);
  if (!b) throw DomainError.notFound('CATALOG.BRAND_NOT_FOUND', `no brand ${id}`, { brandId: id });
  return b;
}

export async function requireFrontCategory(tx: Transaction, id: string): Promise<FrontCategory> {
  const f = await tx.frontCategories.get(id);
  if (!f) throw DomainError.notFound('CATALOG.FRONT_CATEGORY_NOT_FOUND', `no front category ${id}`, { frontCategoryId: id });
  return f;
}

export async function requireSpu(tx: Transaction, id: string): Promise<Spu> {
  const s = await tx.spus.get(id);
  if (!s) throw DomainError.notFound('CATALOG.SPU_NOT_FOUND', `no product ${id}`, { spuId: id });
  return s;
}
