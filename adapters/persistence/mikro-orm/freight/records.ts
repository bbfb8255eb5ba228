import { EntitySchema } from '@mikro-orm/core';
import type { RegionCode } from '../../../../domain/dispatch/index.js';
import type { ChargeMode, FreightRate, RateTable, RegionRate } from '../../../../domain/freight/rates.js';
import type { FreightCombination, FreightMode, ShopFreightSettingsSnapshot, ShopRate, ShopTemplate } from '../../../../domain/freight/shop-settings.js';
import type { FreeRuleCombination, FreeShippingRule, FreightTemplateSnapshot } from '../../../../domain/freight/template.js';
import { Money } from '../../../../domain/shared/money.js';
import { cacheEpochTrigger } from '../read-caches.js';

/** Rates, rules and tables as jsonb: amounts as decimal strings ("10.00"), units as decimal strings. */
type Json = Record<string, unknown>;
interface RateJson {
  firstUnits: string;
  firstPrice: string;
  additionalUnits: string;
  additionalPrice: string;
}
interface RegionRateJson {
  regions: string[];
  rate: RateJson;
}
interface FreeRuleJson {
  regions: string[];
  minAmount: string | null;
  minQuantity: number | null;
  combine: FreeRuleCombination;
}
interface ShopRateJson {
  fee: string;
  freeOver: string | null;
}
interface ShopTemplateJson {
  defaultRate: ShopRateJson;
  regionRates: { regions: string[]; rate: ShopRateJson }[];
}
interface RateTableJson {
  chargeBy: ChargeMode;
  defaultRate: RateJson;
  regionRates: RegionRateJson[];
}

/** One row of `freight_template`: a per-item template; its rates and free-shipping rules as jsonb. */
export class FreightTemplateRecord {
  id!: string;
  shopId!: string;
  name!: string;
  chargeBy!: ChargeMode;
  defaultRate!: Json;
  regionRates!: Json[];
  freeRules!: Json[];
  overridesShop!: boolean;
  version!: number;
}

export const FreightTemplateSchema = new EntitySchema<FreightTemplateRecord>({
  class: FreightTemplateRecord,
  tableName: 'freight_template',
  // Decision 0030: every statement writing it gives the freight read cache a new epoch.
  triggers: [cacheEpochTrigger('freight', 'freight_template')],
  properties: {
    id: { type: 'text', primary: true },
    shopId: { type: 'text' },
    name: { type: 'text' },
    chargeBy: { type: 'text' },
    defaultRate: { type: 'json' },
    regionRates: { type: 'json' },
    freeRules: { type: 'json' },
    overridesShop: { type: 'boolean' },
    version: { type: 'integer' },
  },
  indexes: [{ name: 'freight_template_shop_index', properties: ['shopId'] }],
  checks: [
    { name: 'freight_template_charge_by_check', expression: `charge_by in ('piece', 'weight', 'volume')` },
    { name: 'freight_template_version_check', expression: 'version >= 0' },
  ],
});

/** One row of `shop_freight_settings` per shop (`id` = the shop's id). */
export class ShopFreightSettingsRecord {
  id!: string;
  mode!: FreightMode;
  combination!: FreightCombination;
  shopTemplate!: Json | null;
  carrierCost!: Json | null;
  version!: number;
}

export const ShopFreightSettingsSchema = new EntitySchema<ShopFreightSettingsRecord>({
  class: ShopFreightSettingsRecord,
  tableName: 'shop_freight_settings',
  // Decision 0030: every statement writing it gives the freight read cache a new epoch.
  triggers: [cacheEpochTrigger('freight', 'shop_freight_settings')],
  properties: {
    id: { type: 'text', primary: true },
    mode: { type: 'text' },
    combination: { type: 'text' },
    shopTemplate: { type: 'json', nullable: true },
    carrierCost: { type: 'json', nullable: true },
    version: { type: 'integer' },
  },
  checks: [
    { name: 'shop_freight_settings_mode_check', expression: `mode in ('per_item', 'shop', 'mixed')` },
    { name: 'shop_freight_settings_combination_check', expression: `combination in ('sum', 'max')` },
    { name: 'shop_freight_settings_shop_template_check', expression: `mode = 'per_item' or shop_template is not null` },
    { name: 'shop_freight_settings_version_check', expression: 'version >= 0' },
  ],
});

/** One row of `sku_freight_template`: the per-item template a SKU uses (a SKU has at most one). */
export class SkuFreightTemplateRecord {
  skuId!: string;
  templateId!: string;
}

export const SkuFreightTemplateSchema = new EntitySchema<SkuFreightTemplateRecord>({
  class: SkuFreightTemplateRecord,
  tableName: 'sku_freight_template',
  // Decision 0030: every statement writing it gives the freight read cache a new epoch.
  triggers: [cacheEpochTrigger('freight', 'sku_freight_template')],
  properties: {
    skuId: { type: 'text', primary: true },
    templateId: { type: 'text' },
  },
  indexes: [{ name: 'sku_freight_template_template_index', properties: ['templateId'] }],
});

const rateJson = (r: FreightRate): RateJson => ({
  firstUnits: r.firstUnits,
  firstPrice: r.firstPrice.toString(),
  additionalUnits: r.additionalUnits,
  additionalPrice: r.additionalPrice.toString(),
});
const regionRatesJson = (rs: readonly RegionRate[]): RegionRateJson[] => rs.map((r) => ({ regions: [...r.regions], rate: rateJson(r.rate) }));
const shopRateJson = (r: ShopRate): ShopRateJson => ({ fee: r.fee.toString(), freeOver: r.freeOver?.toString() ?? null });

// jsonb keeps no key order: every reader rebuilds objects in the domain's field order.
const rateOf = (j: RateJson): FreightRate => ({
  firstUnits: j.firstUnits,
  firstPrice: Money.of(j.firstPrice),
  additionalUnits: j.additionalUnits,
  additionalPrice: Money.of(j.additionalPrice),
});
const regionRatesOf = (js: RegionRateJson[]): RegionRate[] => js.map((j) => ({ regions: j.regions as RegionCode[], rate: rateOf(j.rate) }));
const shopRateOf = (j: ShopRateJson): ShopRate => ({ fee: Money.of(j.fee), freeOver: j.freeOver === null ? null : Money.of(j.freeOver) });
const money = (m: string | null) => (m === null ? null : Money.of(m));

export function freightTemplateRecord(s: FreightTemplateSnapshot, version: number): FreightTemplateRecord {
  return {
    id: s.id,
    shopId: s.shopId,
    name: s.name,
    chargeBy: s.chargeBy,
    defaultRate: rateJson(s.defaultRate) as unknown as Json,
    regionRates: regionRatesJson(s.regionRates) as unknown as Json[],
    freeRules: s.freeRules.map((f) => ({
      regions: [...f.regions],
      minAmount: f.minAmount?.toString() ?? null,
      minQuantity: f.minQuantity,
      combine: f.combine,
    })),
    overridesShop: s.overridesShop,
    version,
  };
}

export interface FreightTemplateRow {
  id: string;
  shop_id: string;
  name: string;
  charge_by: ChargeMode;
  default_rate: RateJson;
  region_rates: RegionRateJson[];
  free_rules: FreeRuleJson[];
  overrides_shop: boolean;
  version: number;
}

export function freightTemplateFromRow(r: FreightTemplateRow): FreightTemplateSnapshot {
  return {
    id: r.id,
    shopId: r.shop_id,
    name: r.name,
    chargeBy: r.charge_by,
    defaultRate: rateOf(r.default_rate),
    regionRates: regionRatesOf(r.region_rates),
    freeRules: r.free_rules.map(
      (f): FreeShippingRule => ({ regions: f.regions as RegionCode[], minAmount: money(f.minAmount), minQuantity: f.minQuantity, combine: f.combine }),
    ),
    overridesShop: r.overrides_shop,
    version: r.version,
  };
}

export function shopFreightSettingsRecord(s: ShopFreightSettingsSnapshot, version: number): ShopFreightSettingsRecord {
  const shopTemplate: ShopTemplateJson | null = s.shopTemplate && {
    defaultRate: shopRateJson(s.shopTemplate.defaultRate),
    regionRates: s.shopTemplate.regionRates.map((r) => ({ regions: [...r.regions], rate: shopRateJson(r.rate) })),
  };
  const carrierCost: RateTableJson | null = s.carrierCost && {
    chargeBy: s.carrierCost.chargeBy,
    defaultRate: rateJson(s.carrierCost.defaultRate),
    regionRates: regionRatesJson(s.carrierCost.regionRates),
  };
  return { id: s.id, mode: s.mode, combination: s.combination, shopTemplate: shopTemplate as Json | null, carrierCost: carrierCost as Json | null, version };
}

export interface ShopFreightSettingsRow {
  id: string;
  mode: FreightMode;
  combination: FreightCombination;
  shop_template: ShopTemplateJson | null;
  carrier_cost: RateTableJson | null;
  version: number;
}

export function shopFreightSettingsFromRow(r: ShopFreightSettingsRow): ShopFreightSettingsSnapshot {
  const shopTemplate: ShopTemplate | null = r.shop_template && {
    defaultRate: shopRateOf(r.shop_template.defaultRate),
    regionRates: r.shop_template.regionRates.map((x) => ({ regions: x.regions as RegionCode[], rate: shopRateOf(x.rate) })),
  };
  const carrierCost: RateTable | null = r.carrier_cost && {
    chargeBy: r.carrier_cost.chargeBy,
    defaultRate: rateOf(r.carrier_cost.defaultRate),
    regionRates: regionRatesOf(r.carrier_cost.regionRates),
  };
  return { id: r.id, mode: r.mode, combination: r.combination, shopTemplate, carrierCost, version: r.version };
}
