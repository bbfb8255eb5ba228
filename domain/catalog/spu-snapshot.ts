import type { Money } from '../shared/money.js';
import type { Category } from './category.js';

// The shapes of a product (SPU) and its SKUs: its snapshot and what creating one takes (the aggregate is `Spu`, spu.ts).

export const SPU_STATUSES = ['draft', 'listed', 'unlisted'] as const;
export type SpuStatus = (typeof SPU_STATUSES)[number];

export const TAG_KINDS = ['activity', 'service', 'performance'] as const;
export type TagKind = (typeof TAG_KINDS)[number];
export interface Tag {
  readonly kind: TagKind;
  readonly name: string;
}

export interface ComboComponent {
  readonly skuId: string;
  readonly quantity: number;
}

export interface SkuSnapshot {
  readonly id: string;
  readonly code: string;
  /** Sales attribute id → chosen option; empty for a SPU without sales attributes. */
  readonly specs: Readonly<Record<string, string>>;
  readonly salePrice: Money;
  readonly marketPrice: Money | null;
  /** Components of a combo SKU (组合SKU); empty for a plain SKU. */
  readonly components: readonly ComboComponent[];
}

export interface SalesAttributeValues {
  readonly attributeId: string;
  readonly values: readonly string[];
}

export interface SpuSnapshot {
  readonly id: string;
  readonly code: string;
  readonly title: string;
  readonly description: string;
  readonly categoryId: string;
  /** Ids from the category root to the leaf: search by category includes descendants. */
  readonly categoryPath: readonly string[];
  readonly brandId: string | null;
  readonly kind: 'standard' | 'combo';
  /** Key, product and other attribute values by attribute id. */
  readonly attributes: Readonly<Record<string, readonly string[]>>;
  readonly salesAttributes: readonly SalesAttributeValues[];
  readonly skus: readonly SkuSnapshot[];
  readonly tags: readonly Tag[];
  readonly status: SpuStatus;
  readonly listAt: Date | null;
  readonly unlistAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly version: number;
}

/** Prices given for one combination of sales attribute values (or the SPU's defaults). */
export interface SkuDraft {
  readonly specs: Readonly<Record<string, string>>;
  readonly code?: string;
  readonly salePrice?: Money;
  readonly marketPrice?: Money | null;
}

/** What every new product is made of, plain or combo. */
export interface NewSpuBase {
  readonly id: string;
  readonly code: string;
  readonly title: string;
  readonly description?: string;
  readonly category: Category;
  readonly brandId: string | null;
  readonly attributes: Readonly<Record<string, readonly string[]>>;
  readonly tags?: readonly Tag[];
  readonly now: Date;
}

export interface NewSpu extends NewSpuBase {
  readonly salesAttributes: readonly SalesAttributeValues[];
  readonly salePrice?: Money;
  readonly marketPrice?: Money | null;
  readonly skus?: readonly SkuDraft[];
  /** Makes one id per generated SKU, in generation order. */
  readonly skuIds: () => string;
}

export interface NewComboSpu extends NewSpuBase {
  readonly skuId: string;
  readonly skuCode?: string;
  readonly salePrice: Money;
  readonly marketPrice?: Money | null;
  readonly components: readonly ComboComponent[];
}
