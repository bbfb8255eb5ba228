import type { RegionCode } from '../dispatch/index.js';
import { AggregateRoot } from '../shared/domain-event.js';
import type { Money } from '../shared/money.js';
import { FREIGHT_ERROR, freightInvalid } from './errors.js';
import { checkedRateTable, checkNoOverlap, price, ruleFor, ruleRegions, type AmountInput, type RateTable, type RateTableInput } from './rates.js';

export const FREIGHT_MODES = ['per_item', 'shop', 'mixed'] as const;
/**
 * How a shop charges freight: per-item templates only (单品运费模板), the shop template only (店铺运费),
 * or mixed (混合, FRT-1): the shop template is checked first.
 */
export type FreightMode = (typeof FREIGHT_MODES)[number];

export const FREIGHT_COMBINATIONS = ['sum', 'max'] as const;
/** Several per-item templates in one order: add their fees (叠加) or charge the largest (取最大值). */
export type FreightCombination = (typeof FREIGHT_COMBINATIONS)[number];

/** 店铺运费: a fixed fee, waived when the order amount reaches `freeOver` (null = never free). */
export interface ShopRate {
  readonly fee: Money;
  readonly freeOver: Money | null;
}

/** The shop template: a default and rates per region (no overlaps). "Free over 69.00, else 10.00". */
export interface ShopTemplate {
  readonly defaultRate: ShopRate;
  readonly regionRates: readonly { readonly regions: readonly RegionCode[]; readonly rate: ShopRate }[];
}

export interface ShopRateInput {
  readonly fee: AmountInput;
  readonly freeOver?: AmountInput | null;
}

export interface ShopTemplateInput {
  readonly defaultRate: ShopRateInput;
  readonly regionRates?: readonly { readonly regions: readonly string[]; readonly rate: ShopRateInput }[];
}

export interface ShopFreightSettingsSnapshot {
  /** The shop's id (one settings row per shop). */
  readonly id: string;
  readonly mode: FreightMode;
  readonly combination: FreightCombination;
  /** Required in shop and mixed mode. */
  readonly shopTemplate: ShopTemplate | null;
  /**
   * What the carrier really charges the shop (实际物流成本), kept apart: a quote reports it beside the
   * freight charged to the shopper and never adds it. Null = unknown.
   */
  readonly carrierCost: RateTable | null;
  readonly version: number;
}

export interface ShopFreightSettingsFields {
  readonly mode: FreightMode;
  readonly combination?: FreightCombination;
  readonly shopTemplate?: ShopTemplateInput | null;
  readonly carrierCost?: RateTableInput | null;
}

/** What a shop that never set anything gets: per-item templates, combined by sum, no shop template. */
export function defaultShopFreightSettings(shopId: string): ShopFreightSettingsSnapshot {
  return { id: shopId, mode: 'per_item', combination: 'sum', shopTemplate: null, carrierCost: null, version: 0 };
}

/** A shop's freight settings: its mode, how per-item templates combine, its shop template, its carrier costs. */
export class ShopFreightSettings extends AggregateRoot {
  private constructor(private state: ShopFreightSettingsSnapshot) {
    super();
  }

  static restore(snapshot: ShopFreightSettingsSnapshot): ShopFreightSettings {
    return new ShopFreightSettings(snapshot);
  }

  /** The shop's settings as stored, or the defaults (version 0) when it has none yet. */
  static forShop(shopId: string, stored: ShopFreightSettingsSnapshot | null): ShopFreightSettings {
    return new ShopFreightSettings(stored ?? defaultShopFreightSettings(shopId));
  }

  get id(): string {
    return this.state.id;
  }
  get version(): number {
    return this.state.version;
  }

  /** Replaces the settings as a whole (omitted: combination sum, no shop template, no carrier costs). */
  define(fields: ShopFreightSettingsFields): void {
    this.state = checkedSettings(this.state.id, this.state.version, fields);
  }

  toSnapshot(): ShopFreightSettingsSnapshot {
    return this.state;
  }

  markSaved(version: number): void {
    this.state = { ...this.state, version };
  }
}

/** The shop rate for an address: the region rule covering it, else the default. */
export function shopRateFor(t: ShopTemplate, address: RegionCode): { rate: ShopRate; ruleIndex: number | null; regions: readonly RegionCode[] } {
  const found = ruleFor(t.regionRates, address);
  return found ? { rate: found.rule.rate, ruleIndex: found.index, regions: found.rule.regions } : { rate: t.defaultRate, ruleIndex: null, regions: [] };
}

function checkedSettings(id: string, version: number, f: ShopFreightSettingsFields): ShopFreightSettingsSnapshot {
  if (!FREIGHT_MODES.includes(f.mode)) throw freightInvalid(FREIGHT_ERROR.INVALID_TEMPLATE, 'the mode is per_item, shop or mixed', { mode: f.mode });
  const combination = f.combination ?? 'sum';
  if (!FREIGHT_COMBINATIONS.includes(combination)) {
    throw freightInvalid(FREIGHT_ERROR.INVALID_TEMPLATE, 'templates combine by sum or max', { combination });
  }
  const shopTemplate = f.shopTemplate ? checkedShopTemplate(f.shopTemplate) : null;
  if (f.mode !== 'per_item' && shopTemplate === null) {
    throw freightInvalid(FREIGHT_ERROR.SHOP_TEMPLATE_REQUIRED, `${f.mode} mode needs a shop template`, { mode: f.mode });
  }
  const carrierCost = f.carrierCost ? checkedRateTable(f.carrierCost, 'the carrier cost table') : null;
  return { id, mode: f.mode, combination, shopTemplate, carrierCost, version };
}

function checkedShopRate(r: ShopRateInput, field: string): ShopRate {
  return {
    fee: price(r.fee, `${field}.fee`),
    freeOver: r.freeOver === undefined || r.freeOver === null ? null : price(r.freeOver, `${field}.freeOver`),
  };
}

function checkedShopTemplate(t: ShopTemplateInput): ShopTemplate {
  const regionRates = (t.regionRates ?? []).map((r, i) => ({
    regions: ruleRegions(r.regions, `shopTemplate.regionRates[${i}].regions`),
    rate: checkedShopRate(r.rate, `shopTemplate.regionRates[${i}].rate`),
  }));
  checkNoOverlap(regionRates, 'the shop template');
  return { defaultRate: checkedShopRate(t.defaultRate, 'shopTemplate.defaultRate'), regionRates };
}
