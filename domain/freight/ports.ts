import type { FreightTemplate } from './template.js';
import type { ShopFreightSettings } from './shop-settings.js';

/**
 * Port: the per-item freight templates, read like a collection. `save` is optimistic: it fails with
 * `CONCURRENCY.STALE_AGGREGATE` when the stored version moved since the template was loaded.
 */
export interface FreightTemplates {
  get(id: string): Promise<FreightTemplate | null>;
  /** The templates among `ids` that exist (any order). */
  getMany(ids: readonly string[]): Promise<FreightTemplate[]>;
  save(template: FreightTemplate): Promise<void>;
  /** A shop's templates by name, then id (code-unit order); every template without a shop filter. */
  list(filter?: { readonly shopId?: string }): Promise<FreightTemplate[]>;
}

/** Port: each shop's freight settings (mode, combination, shop template, carrier costs); optimistic like templates. */
export interface ShopFreightSettingsRepository {
  /** The stored settings, or null when the shop never set any. */
  get(shopId: string): Promise<ShopFreightSettings | null>;
  save(settings: ShopFreightSettings): Promise<void>;
}

/**
 * Port: which per-item template each SKU uses (a small table of the freight context; the catalog is
 * not touched). A SKU has at most one template.
 */
export interface SkuFreightTemplates {
  /** `{ skuId: templateId }` for the SKUs that have one; the others are absent. */
  templatesOf(skuIds: readonly string[]): Promise<Record<string, string>>;
  /** Gives every SKU the template, or takes their template away (null). */
  assign(skuIds: readonly string[], templateId: string | null): Promise<void>;
  /** The SKUs using a template, in code-unit order. */
  skusOf(templateId: string): Promise<string[]>;
}
