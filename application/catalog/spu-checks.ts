import type { Category } from '../../domain/catalog/category.js';
import { assertCanHoldProducts } from '../../domain/catalog/category.js';
import { CATALOG_ERRORS } from '../../domain/catalog/errors.js';
import type { NewSpuBase, Spu, Tag } from '../../domain/catalog/spu.js';
import { Money } from '../../domain/shared/money.js';
import type { Transaction } from '../shared/unit-of-work.js';
import { requireBrand, requireCategory } from './lookups.js';
import { CATALOG_STORE } from './store.js';

/** What every new product (plain or combo) is given: where it hangs, its brand, its attribute values and tags. */
export interface SpuBase {
  readonly code?: string;
  readonly title: string;
  readonly description?: string;
  readonly categoryId: string;
  readonly brandId?: string | null;
  /** Key, product and other attribute values by attribute id. */
  readonly attributes?: Readonly<Record<string, readonly string[]>>;
  readonly tags?: readonly Tag[];
}

/** A decimal string ("199.00") as Money; absent stays absent. */
export const price = (p: string | undefined): Money | undefined => (p === undefined ? undefined : Money.parse(p));
/** A market price: null clears it. */
export const optionalPrice = (p: string | null | undefined): Money | null | undefined => (p === null ? null : price(p));

/** Where a new product may hang and which brand it may carry (CAT-1, brand–category links). */
export async function placement(tx: Transaction, cmd: SpuBase): Promise<{ category: Category; brandId: string | null }> {
  const category = await requireCategory(tx, cmd.categoryId);
  assertCanHoldProducts(category, await tx.use(CATALOG_STORE).categories.hasChildren(category.id));
  if (!cmd.brandId) return { category, brandId: null };
  const brand = await requireBrand(tx, cmd.brandId);
  if (brand.status !== 'enabled' || !brand.allowsCategoryPath(category.path)) {
    throw CATALOG_ERRORS.raise('BRAND_NOT_ALLOWED', `brand ${brand.id} is disabled or not linked to category ${category.id}`, {
      brandId: brand.id,
      categoryId: category.id,
    });
  }
  return { category, brandId: brand.id };
}

/** The product code and its SKU codes are used by no other product (SPU-1, SKU-1). */
export async function assertCodesFree(tx: Transaction, spu: Spu): Promise<void> {
  const spus = tx.use(CATALOG_STORE).spus;
  if (await spus.codeTaken(spu.toSnapshot().code)) {
    throw CATALOG_ERRORS.raise('DUPLICATE_SPU_CODE', `product code ${spu.toSnapshot().code} is taken`);
  }
  const taken = await spus.takenSkuCodes(
    spu.skus.map((s) => s.code),
    spu.id,
  );
  if (taken.length > 0) {
    throw CATALOG_ERRORS.raise('DUPLICATE_SKU_CODE', `SKU code ${taken.join(', ')} is taken`, { codes: taken });
  }
}

/** What a new product of `cmd` is made of, plain or combo, once placed (`placement`). */
export function newSpuBase(cmd: SpuBase, id: string, placed: { category: Category; brandId: string | null }, now: Date): NewSpuBase {
  return {
    id,
    code: cmd.code ?? defaultCode(id),
    title: cmd.title,
    description: cmd.description,
    category: placed.category,
    brandId: placed.brandId,
    attributes: cmd.attributes ?? {},
    tags: cmd.tags,
    now,
  };
}

/** The code of a product created without one: `P` and the last 12 hex digits of its id, upper-cased. */
function defaultCode(id: string): string {
  return `P${id.replace(/-/g, '').slice(-12).toUpperCase()}`;
}
