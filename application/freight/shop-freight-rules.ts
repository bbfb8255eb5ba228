import type { ShopFreightRules } from '../../domain/freight/quote-input.js';
import { defaultShopFreightSettings } from '../../domain/freight/shop-settings.js';
import type { Transaction } from '../shared/unit-of-work.js';
import { FREIGHT_STORE } from './store.js';

/**
 * Published (checkout loads it in its own transaction before pricing, then builds each quote with the
 * pure `freightQuoteInputOf` of `domain/freight`): a shop's freight settings (or the defaults), the
 * template of each of `skuIds`, and those templates plus `templateIds` where they exist.
 */
export async function shopFreightRules(
  tx: Transaction,
  cmd: { readonly shopId: string; readonly skuIds: readonly string[]; readonly templateIds?: readonly string[] },
): Promise<ShopFreightRules> {
  const store = tx.use(FREIGHT_STORE);
  const skuIds = [...new Set(cmd.skuIds)];
  const assignments = skuIds.length > 0 ? await store.skuTemplates.templatesOf(skuIds) : {};
  const ids = [...new Set([...(cmd.templateIds ?? []), ...Object.values(assignments)])];
  const templates = ids.length > 0 ? (await store.templates.getMany(ids)).map((t) => t.toSnapshot()) : [];
  const settings = (await store.shopSettings.get(cmd.shopId))?.toSnapshot() ?? defaultShopFreightSettings(cmd.shopId);
  return { settings, assignments, templates };
}
