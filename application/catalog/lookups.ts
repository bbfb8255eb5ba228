import type { Brand } from '../../domain/catalog/brand.js';
import type { Category } from '../../domain/catalog/category.js';
import { CATALOG_ERRORS } from '../../domain/catalog/errors.js';
import type { FrontCategory } from '../../domain/catalog/front-category.js';
import type { Spu } from '../../domain/catalog/spu.js';
import type { Transaction } from '../shared/unit-of-work.js';
import { CATALOG_STORE } from './store.js';

export async function requireCategory(tx: Transaction, id: string): Promise<Category> {
  const c = await tx.use(CATALOG_STORE).categories.get(id);
  if (!c) throw CATALOG_ERRORS.raise('CATEGORY_NOT_FOUND', `no category ${id}`, { categoryId: id });
  return c;
}

/** Every category of `ids` exists (CATALOG.CATEGORY_NOT_FOUND for the first that does not). */
export async function requireCategories(tx: Transaction, ids: readonly string[] | undefined): Promise<void> {
  for (const id of ids ?? []) await requireCategory(tx, id);
}

export async function requireBrand(tx: Transaction, id: string): Promise<Brand> {
  const b = await tx.use(CATALOG_STORE).brands.get(id);
  if (!b) throw CATALOG_ERRORS.raise('BRAND_NOT_FOUND', `no brand ${id}`, { brandId: id });
  return b;
}

export async function requireFrontCategory(tx: Transaction, id: string): Promise<FrontCategory> {
  const f = await tx.use(CATALOG_STORE).frontCategories.get(id);
  if (!f) throw CATALOG_ERRORS.raise('FRONT_CATEGORY_NOT_FOUND', `no front category ${id}`, { frontCategoryId: id });
  return f;
}

export async function requireSpu(tx: Transaction, id: string): Promise<Spu> {
  const s = await tx.use(CATALOG_STORE).spus.get(id);
  if (!s) throw CATALOG_ERRORS.raise('SPU_NOT_FOUND', `no product ${id}`, { spuId: id });
  return s;
}
