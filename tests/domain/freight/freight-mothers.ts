/**
 * Mothers for the freight tests: templates and shop settings built through the aggregates, with
 * defaults a test overrides only where the rule under test cares.
 */
import { FreightTemplate, type FreightTemplateFields, type FreightTemplateSnapshot } from '../../../domain/freight/template.js';
import { ShopFreightSettings, type ShopFreightSettingsFields, type ShopFreightSettingsSnapshot } from '../../../domain/freight/shop-settings.js';
import type { FreightLineInput } from '../../../domain/freight/quote.js';

export const SHOP = 'shop-1';

/** Regions (GB/T 2260). */
export const R = {
  zhejiang: '330000',
  hangzhou: '330100',
  xihu: '330106',
  binjiang: '330108',
  xinjiang: '650000',
  urumqi: '650102', // 乌鲁木齐市天山区
  tibet: '540000',
  lhasa: '540102', // 拉萨市城关区
} as const;

export const rate = (firstUnits: number | string, firstPrice: string, additionalUnits: number | string, additionalPrice: string) => ({
  firstUnits,
  firstPrice,
  additionalUnits,
  additionalPrice,
});

export function templateFields(over: Partial<FreightTemplateFields> = {}): FreightTemplateFields {
  return { shopId: SHOP, name: '按件 by piece', chargeBy: 'piece', defaultRate: rate(1, '10.00', 1, '5.00'), ...over };
}

export function aTemplate(id: string, over: Partial<FreightTemplateFields> = {}): FreightTemplateSnapshot {
  return FreightTemplate.create(id, templateFields(over)).toSnapshot();
}

export function settings(fields: ShopFreightSettingsFields, shopId = SHOP): ShopFreightSettingsSnapshot {
  const s = ShopFreightSettings.forShop(shopId, null);
  s.define(fields);
  return s.toSnapshot();
}

/** "Free over 69.00, else 10.00". */
export const FREE_OVER_69 = { defaultRate: { fee: '10.00', freeOver: '69.00' } };

export const line = (skuId: string, quantity: number, amount: string, templateId: string | null, over: Partial<FreightLineInput> = {}): FreightLineInput => ({
  skuId,
  quantity,
  amount,
  templateId,
  ...over,
});
