import type { Decimal } from 'decimal.js';
import type { DecimalInput } from '../shared/decimal.js';
import type { AmountInput, Cents } from './amounts.js';
import type { ActivityScope, Audience, Channel, ScopedLine } from './scope.js';

// The activities the pricing engine takes (as the promotion context hands them over) and their compiled
// form; `compileActivity` (activity.ts) validates and compiles them.

/** 共享 (combines with activities of other families) or 互斥 (alone on its lines) — PRM-4. */
export type Stacking = 'shared' | 'exclusive';

/** Per-line price activities (PRM-3 step 2): they replace the unit price; their lifecycle lives elsewhere. */
export type ItemPriceKind = 'single_item' | 'flash_sale' | 'group_buy';
export type SetActivityKind = 'full_reduction' | 'full_discount' | 'multi_buy' | 'bundle' | 'add_on' | 'gift';
export type ActivityKind = ItemPriceKind | SetActivityKind;

/**
 * Families (PRM-4): a line takes at most one activity of each family. The set-level families run in
 * this order inside PRM-3 step 3, each on the amounts the one before left.
 */
export type ActivityFamily = 'item_price' | 'group' | 'reduction' | 'add_on' | 'gift';
export const SET_FAMILIES = ['group', 'reduction', 'add_on', 'gift'] as const;
export type SetFamily = (typeof SET_FAMILIES)[number];

export const FAMILY_OF: Readonly<Record<ActivityKind, ActivityFamily>> = {
  single_item: 'item_price',
  flash_sale: 'item_price',
  group_buy: 'item_price',
  multi_buy: 'group',
  bundle: 'group',
  full_reduction: 'reduction',
  full_discount: 'reduction',
  add_on: 'add_on',
  gift: 'gift',
};

interface ActivityBase {
  readonly id: string;
  readonly name?: string;
  /** Higher wins: inside a family on one line, and in tie-breaks between equally good plans. Default 0. */
  readonly priority?: number;
  /** Default `shared`. */
  readonly stacking?: Stacking;
  /** A shop's own activity covers only that shop's lines; none = a platform activity. */
  readonly shopId?: string;
  /** Default: every line (of the shop, if `shopId`). */
  readonly scope?: ActivityScope;
  readonly audience?: Audience;
  /** None or empty = every channel. */
  readonly channels?: readonly Channel[];
  /** The activity's window [startsAt, endsAt), checked against the input's `now`. */
  readonly startsAt?: Date;
  readonly endsAt?: Date;
}

/** 单品 / 秒杀 / 拼团 price: a price per SKU, or a percentage off every covered line. PRM-1: never above normal. */
export interface ItemPriceActivity extends ActivityBase {
  readonly kind: ItemPriceKind;
  readonly prices?: readonly { readonly skuId: string; readonly price: AmountInput }[];
  readonly percentOff?: DecimalInput;
}

/** 满减: tiered (阶梯, the highest tier reached) or per every X (每满减, optionally capped). */
export interface FullReductionActivity extends ActivityBase {
  readonly kind: 'full_reduction';
  readonly rule:
    | { readonly mode: 'tiered'; readonly tiers: readonly { readonly threshold: AmountInput; readonly off: AmountInput }[] }
    | { readonly mode: 'per_every'; readonly every: AmountInput; readonly off: AmountInput; readonly cap?: AmountInput };
}

/** 满折: spend X get P % off, each tier with an optional cap on the amount taken off. */
export interface FullDiscountActivity extends ActivityBase {
  readonly kind: 'full_discount';
  readonly tiers: readonly { readonly threshold: AmountInput; readonly percentOff: DecimalInput; readonly cap?: AmountInput }[];
}

/** 多买优惠: "N items for M yuan" (repeatable, priciest units first), or "N items at P % off" (tiered by count). */
export interface MultiBuyActivity extends ActivityBase {
  readonly kind: 'multi_buy';
  readonly rule:
    | { readonly mode: 'n_for_price'; readonly count: number; readonly price: AmountInput }
    | { readonly mode: 'n_at_percent_off'; readonly tiers: readonly { readonly count: number; readonly percentOff: DecimalInput }[] };
}

/** 套装: a fixed price for a set of SKUs with quantities (repeatable). */
export interface BundleActivity extends ActivityBase {
  readonly kind: 'bundle';
  readonly items: readonly { readonly skuId: string; readonly quantity: number }[];
  readonly price: AmountInput;
}

/** 加价购: once the covered lines reach the threshold, the listed SKUs (if in the cart) cost their special price. */
export interface AddOnActivity extends ActivityBase {
  readonly kind: 'add_on';
  readonly threshold: AmountInput;
  readonly items: readonly { readonly skuId: string; readonly price: AmountInput; readonly maxQuantity: number }[];
}

/** One gift of a pool: units per grant, an optional per-order cap, and the stock left (input). */
export interface GiftChoiceInput {
  readonly skuId: string;
  readonly quantity: number;
  readonly cap?: number;
  readonly stock: number;
}

/**
 * 赠品 / 满赠: tiers by amount or by units; a tier gives a pool of gifts from which the shopper picks
 * `pick`. `repeat` (one tier only) grants once per every threshold: "with the main item" is
 * `basis: 'quantity'`, threshold 1, repeat.
 */
export interface GiftActivity extends ActivityBase {
  readonly kind: 'gift';
  readonly basis: 'amount' | 'quantity';
  readonly repeat?: boolean;
  readonly tiers: readonly { readonly threshold: AmountInput | number; readonly pick: number; readonly gifts: readonly GiftChoiceInput[] }[];
}

export type Activity = ItemPriceActivity | FullReductionActivity | FullDiscountActivity | MultiBuyActivity | BundleActivity | AddOnActivity | GiftActivity;

// ---- compiled (validated, in cents and rates) ----

export interface RateTier {
  readonly threshold: Cents;
  readonly rate: Decimal;
  readonly percent: Decimal;
  readonly cap: Cents | null;
}
export interface GiftChoice {
  readonly skuId: string;
  readonly quantity: bigint;
  readonly cap: bigint | null;
  readonly stock: bigint;
}
export interface GiftTier {
  readonly threshold: bigint;
  readonly pick: number;
  readonly gifts: readonly GiftChoice[];
}

export type CompiledRule =
  | { readonly kind: ItemPriceKind; readonly prices: ReadonlyMap<string, Cents> | null; readonly rate: Decimal | null }
  | { readonly kind: 'full_reduction'; readonly mode: 'tiered'; readonly tiers: readonly { threshold: Cents; off: Cents }[] }
  | { readonly kind: 'full_reduction'; readonly mode: 'per_every'; readonly every: Cents; readonly off: Cents; readonly cap: Cents | null }
  | { readonly kind: 'full_discount'; readonly tiers: readonly RateTier[] }
  | { readonly kind: 'multi_buy'; readonly mode: 'n_for_price'; readonly count: bigint; readonly price: Cents }
  | { readonly kind: 'multi_buy'; readonly mode: 'n_at_percent_off'; readonly tiers: readonly { count: bigint; rate: Decimal; percent: Decimal }[] }
  | { readonly kind: 'bundle'; readonly items: readonly { skuId: string; quantity: bigint }[]; readonly price: Cents }
  | { readonly kind: 'add_on'; readonly threshold: Cents; readonly items: ReadonlyMap<string, { price: Cents; maxQuantity: bigint }> }
  | { readonly kind: 'gift'; readonly basis: 'amount' | 'quantity'; readonly repeat: boolean; readonly tiers: readonly GiftTier[] };

export interface CompiledActivity {
  readonly id: string;
  readonly name: string;
  readonly kind: ActivityKind;
  readonly family: ActivityFamily;
  readonly priority: number;
  readonly exclusive: boolean;
  readonly source: Activity;
  readonly rule: CompiledRule;
  /** Shop and scope (for an add-on, also its listed SKUs; for a bundle, only its SKUs). */
  readonly covers: (line: ScopedLine) => boolean;
}
