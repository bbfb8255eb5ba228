import type { RegionCode } from '../dispatch/index.js';
import type { DecimalInput } from '../shared/decimal.js';
import type { Money } from '../shared/money.js';
import type { AmountInput, ChargeMode, FreightRate } from './rates.js';
import type { FreightCombination, FreightMode, ShopFreightSettingsSnapshot, ShopRate } from './shop-settings.js';
import type { FreeRuleCombination, FreightTemplateSnapshot } from './template.js';

// What a freight quote takes and what it answers (spec §7); `quoteFreight` (quote.ts) computes it.

/** One order line as freight sees it. */
export interface FreightLineInput {
  /** Names the line in the quote (default: its position, "0", "1" …). */
  readonly lineId?: string;
  readonly skuId: string;
  readonly quantity: number;
  /**
   * What the line's goods cost: the amount free-shipping rules and the shop's "free over" compare.
   * Checkout passes the amount after activity discounts and before coupons (CRT-1, PRM-3 puts freight last).
   */
  readonly amount: AmountInput;
  /** Kilograms per unit; needed when the line's template charges by weight. */
  readonly weight?: DecimalInput | null;
  /** Cubic metres per unit; needed when the line's template charges by volume. */
  readonly volume?: DecimalInput | null;
  /** The SKU's per-item template; null = none. */
  readonly templateId: string | null;
}

export interface FreightQuoteInput {
  /** The shipping address: a district code (GB/T 2260), else `FREIGHT.INVALID_ADDRESS`. */
  readonly address: string;
  /** The shop's settings (`defaultShopFreightSettings(shopId)` when it has none). */
  readonly settings: ShopFreightSettingsSnapshot;
  /** The per-item templates the lines name (of this shop). Others may be given; they are ignored. */
  readonly templates: readonly FreightTemplateSnapshot[];
  readonly lines: readonly FreightLineInput[];
  /** A shipping coupon's deduction (运费券), applied after everything else and capped by the freight. */
  readonly shippingDeduction?: AmountInput;
}

export interface FreightQuoteLine {
  readonly lineId: string;
  readonly skuId: string;
  readonly quantity: number;
  readonly amount: Money;
  /** What the line adds to its group's units: pieces, kilograms or cubic metres (exact decimal). */
  readonly units: string;
}

/** Which rate matched: a region rule (its index and regions) or the default. */
export interface MatchedRate {
  readonly source: 'region' | 'default';
  readonly index: number | null;
  readonly regions: readonly RegionCode[];
}

/** The free-shipping condition that applied to a group, and whether the group met it. */
export interface FreeCheck {
  /** `template`: a rule of the template (its index); `shop`: the shop rate's "free over". */
  readonly source: 'template' | 'shop';
  readonly index: number | null;
  readonly regions: readonly RegionCode[];
  readonly minAmount: Money | null;
  readonly minQuantity: number | null;
  readonly combine: FreeRuleCombination;
  readonly met: boolean;
}

/**
 * A group of lines charged together: the lines of one per-item template (`template`), the lines the
 * shop template charges (`shop`), or lines without any template (`unassigned`, charged nothing).
 */
export interface FreightGroup {
  readonly kind: 'template' | 'shop' | 'unassigned';
  readonly templateId: string | null;
  readonly name: string | null;
  readonly chargeBy: ChargeMode | null;
  readonly overridesShop: boolean;
  readonly lines: readonly FreightQuoteLine[];
  /** Pieces in the group. */
  readonly quantity: number;
  /** Units charged: pieces, kilograms or cubic metres (shop groups: pieces). */
  readonly units: string;
  readonly amount: Money;
  readonly rate: { readonly matched: MatchedRate; readonly template: FreightRate | null; readonly shop: ShopRate | null } | null;
  readonly free: FreeCheck | null;
  /** What the group costs on its own. */
  readonly fee: Money;
  /** What it adds to the total after the combination (max: the largest fee only; FRT-1 free shop level: 0). */
  readonly charged: Money;
}

/** The mixed-mode (and shop-mode) check of the shop template against the whole order. */
export interface ShopCheck {
  readonly matched: MatchedRate;
  readonly rate: ShopRate;
  readonly orderAmount: Money;
  /** The order reached the rate's "free over" amount. */
  readonly free: boolean;
}

export interface FreightQuote {
  readonly address: RegionCode;
  readonly mode: FreightMode;
  readonly combination: FreightCombination;
  readonly shopCheck: ShopCheck | null;
  readonly groups: readonly FreightGroup[];
  /** Σ charged of the groups. */
  readonly subtotal: Money;
  /** The shipping coupon's deduction as applied: min(asked, subtotal). */
  readonly deduction: Money;
  /** subtotal − deduction: the freight the shopper pays, never negative. */
  readonly total: Money;
  /** The carrier's real cost by the shop's carrier cost table, beside the charge and never in it; null when unknown. */
  readonly carrierCost: Money | null;
}
