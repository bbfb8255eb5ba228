import type { Page, PageRequest } from '../shared/page.js';
import type { Brand } from './brand.js';
import type { Category } from './category.js';
import type { FrontCategory } from './front-category.js';
import type { Spu, SpuSnapshot, SpuStatus } from './spu.js';

/**
 * Repository ports read like collections. `save` is optimistic: it fails with
 * `CONCURRENCY.STALE_AGGREGATE` when the stored version moved since the aggregate was loaded.
 */
export interface Categories {
  get(id: string): Promise<Category | null>;
  save(category: Category): Promise<void>;
  remove(category: Category): Promise<void>;
  hasChildren(id: string): Promise<boolean>;
}

export interface Brands {
  get(id: string): Promise<Brand | null>;
  save(brand: Brand): Promise<void>;
}

export interface FrontCategories {
  get(id: string): Promise<FrontCategory | null>;
  save(frontCategory: FrontCategory): Promise<void>;
  remove(frontCategory: FrontCategory): Promise<void>;
}

export interface Spus {
  get(id: string): Promise<Spu | null>;
  /** The products found among these ids, in no particular order (one read for many: carts, checkout). */
  getMany(ids: readonly string[]): Promise<Spu[]>;
  /** The products holding any of these SKUs, in no particular order (one read: the cart and checkout look products up by SKU). */
  getManyBySkus(skuIds: readonly string[]): Promise<Spu[]>;
  save(spu: Spu): Promise<void>;
  /** Products whose category is this one (products hang only on leaves, so no descendants). */
  countInCategory(categoryId: string): Promise<number>;
  /** Which of these SKU codes other products already use. */
  takenSkuCodes(codes: readonly string[], exceptSpuId?: string): Promise<string[]>;
  codeTaken(code: string): Promise<boolean>;
  /** SKUs by id, with the kind of their product (combo components must be plain SKUs). */
  findSkus(ids: readonly string[]): Promise<{ skuId: string; spuId: string; kind: SpuSnapshot['kind'] }[]>;
  /** Products with a listing or unlisting time at or before `now`. */
  dueForSchedule(now: Date, limit: number): Promise<Spu[]>;
}

/** Search filter for products (list and search SPUs). */
export interface SpuSearch {
  /** Includes the category's descendants. */
  readonly categoryId?: string;
  readonly brandId?: string;
  readonly status?: SpuStatus;
  readonly minPrice?: string;
  readonly maxPrice?: string;
  /** Matched against the title and product code, case-insensitively. */
  readonly keyword?: string;
  /** Only products a front category maps to. */
  readonly frontCategoryId?: string;
}

export interface SpuSummary {
  readonly id: string;
  readonly code: string;
  readonly title: string;
  readonly categoryId: string;
  readonly brandId: string | null;
  readonly status: SpuStatus;
  readonly platformPrice: string;
  readonly skuCount: number;
  readonly tags: SpuSnapshot['tags'];
}

export interface CategoryNode {
  readonly id: string;
  readonly name: string;
  readonly parentId: string | null;
  readonly level: number;
  readonly sort: number;
  readonly attributes: ReturnType<Category['toSnapshot']>['attributes'];
  readonly children: CategoryNode[];
}

/** Read side of the catalog: views shaped for clients, answered without loading aggregates. */
export interface CatalogQueries {
  spu(id: string): Promise<SpuSnapshot | null>;
  searchSpus(filter: SpuSearch, page: PageRequest): Promise<Page<SpuSummary>>;
  categoryTree(): Promise<CategoryNode[]>;
  brands(page: PageRequest): Promise<Page<ReturnType<Brand['toSnapshot']>>>;
  frontCategories(): Promise<ReturnType<FrontCategory['toSnapshot']>[]>;
}
