import type { Money } from '../shared/money.js';
import type { ActivityFamily, ActivityKind, Stacking } from './activity.js';
import type { CouponKind, CouponRejection, CouponScopeKind } from './coupon.js';

/** One discount's share of a line (ORD-4): which activity or coupon, and how much of it this line carries. */
export interface LineDiscountShare {
  readonly source: 'activity' | 'coupon';
  readonly id: string;
  readonly kind: ActivityKind | CouponKind;
  readonly amount: Money;
}

export interface PricedLineResult {
  readonly lineId: string;
  readonly skuId: string;
  readonly quantity: number;
  /** The normal unit price (input). */
  readonly unitPrice: Money;
  /** quantity × unit price. */
  readonly normalAmount: Money;
  /** The per-line price activity that set the price (PRM-3 step 2), if any. */
  readonly itemPriceActivityId: string | null;
  /** The unit price after step 2 (= `unitPrice` without a price activity). PRM-1: never above `unitPrice`. */
  readonly activityUnitPrice: Money;
  /** Units at the activity unit price: the quantity, or fewer when a purchase limit (限购) leaves fewer. */
  readonly activityUnits: number;
  /** activity unit price × activity units + unit price × the rest (quantity × activity unit price without a limit). */
  readonly activityPriceAmount: Money;
  /** Set-level activity shares (step 3), then coupon shares (step 4); every share is whole cents. */
  readonly discounts: readonly LineDiscountShare[];
  /** This line's share of the points deduction (step 5). */
  readonly pointsAmount: Money;
  /** activity price amount − discounts − points; never negative. */
  readonly payable: Money;
}

export interface AppliedActivity {
  readonly id: string;
  readonly name: string;
  readonly kind: ActivityKind;
  readonly family: ActivityFamily;
  readonly stacking: Stacking;
  readonly priority: number;
  /** The whole discount, as fixed (rounded once) before it was allocated; 0 for gifts. */
  readonly discount: Money;
  /** The lines that took part (for a price activity: the lines it priced). */
  readonly lineIds: readonly string[];
  /** What was reached, in words ("tier 300.00: 40.00 off", "2 groups of 3 for 99.00" …). */
  readonly detail: string;
}

export interface AppliedCoupon {
  readonly id: string;
  readonly name: string;
  readonly kind: CouponKind;
  readonly issuerShopId: string | null;
  readonly deduction: Money;
  /** The lines the goods deduction was allocated to; empty for a shipping coupon. */
  readonly lineIds: readonly string[];
}

/** A gift the shopper gets as is. */
export interface GiftGrant {
  readonly activityId: string;
  readonly skuId: string;
  readonly quantity: number;
}

/** A pool from which the shopper picks `pick` gifts; each choice at most `quantity` units (cap and stock). */
export interface GiftPool {
  readonly activityId: string;
  readonly pick: number;
  readonly choices: readonly { readonly skuId: string; readonly quantity: number }[];
}

/** 加价购 reached: these SKUs may be added at their special price. */
export interface AddOnOffer {
  readonly activityId: string;
  readonly items: readonly { readonly skuId: string; readonly price: Money; readonly maxQuantity: number }[];
}

export type Benefit =
  | { readonly kind: 'amount_off'; readonly amount: Money }
  | { readonly kind: 'percent_off'; readonly percent: string; readonly cap: Money | null }
  | { readonly kind: 'group_price'; readonly count: number; readonly price: Money }
  | { readonly kind: 'gift'; readonly pick: number; readonly skuIds: readonly string[] }
  | { readonly kind: 'add_on'; readonly skuIds: readonly string[] };

/** "add 12.00 more for 20.00 off": the next tier of an activity or coupon not reached yet. */
export interface UnmetThreshold {
  readonly source: 'activity' | 'coupon';
  readonly id: string;
  readonly kind: ActivityKind | CouponKind;
  /** Amount still missing (amount thresholds), or null. */
  readonly missingAmount: Money | null;
  /** Units still missing (count thresholds), or null. */
  readonly missingQuantity: number | null;
  /** What the activity or coupon gives once the threshold is met (the total, not the increment). */
  readonly benefit: Benefit;
  readonly message: string;
}

/** CPN-1: each of the member's coupons judged on this order (on the chosen activity plan). */
export interface CouponOption {
  readonly couponId: string;
  readonly kind: CouponKind;
  readonly scope: CouponScopeKind;
  readonly usable: boolean;
  readonly rejection: CouponRejection | null;
  /** What it would deduct if it were the only coupon (0 when not usable). */
  readonly deduction: Money;
  /** A cash-like coupon worth more than what its scope still costs: warn before using it (CPN-1). */
  readonly exceedsPayable: boolean;
}

export interface PricingTotals {
  /** Σ normal amounts (PRM-3 step 1). */
  readonly subtotal: Money;
  /** Step 2: Σ (normal − activity price amount). */
  readonly itemPriceDiscount: Money;
  /** Step 3: Σ set-level activity discounts. */
  readonly activityDiscount: Money;
  /** Steps 2 and 3 by activity kind (every kind present, zero when unused). */
  readonly discountsByKind: Readonly<Record<ActivityKind, Money>>;
  /** Step 4: goods coupons. */
  readonly couponDiscount: Money;
  /** subtotal − item price − activities − coupons: what points apply to. */
  readonly goodsPayable: Money;
  /** Step 5. */
  readonly pointsUsed: number;
  readonly pointsAmount: Money;
  /** Step 6: freight (input) and what a shipping coupon took off it. */
  readonly freight: Money;
  readonly freightDeduction: Money;
  /** ORD-1: goods payable − points + freight − freight deduction; never negative. */
  readonly payable: Money;
}

/** A plan: the exclusive activity used (or none: the shared stack), and the coupons. */
export interface PricingPlan {
  readonly exclusiveActivityId: string | null;
  readonly couponIds: readonly string[];
}

/** How plans are ranked (PRM-4, best for the shopper first); see `comparePlanScores`. */
export interface PlanScore {
  /** Goods after activities and coupons, plus freight after the shipping coupon: the payable before points. */
  readonly payableBeforePoints: Money;
  /** Gift activities granting something (more is better). */
  readonly gifts: number;
  /** Set-level activities with a discount, plus coupons (fewer is better). */
  readonly discounts: number;
  /** Σ priority of the applied set-level activities and coupons (higher is better). */
  readonly prioritySum: number;
  /** `activity:<id>` of the applied set-level activities and of the plan's exclusive one (even if it gave nothing), `coupon:<id>` of the coupons, sorted (smaller list is better). */
  readonly ids: readonly string[];
}

export interface PricingResult {
  readonly currency: string;
  /** In the caller's line order. */
  readonly lines: readonly PricedLineResult[];
  readonly totals: PricingTotals;
  /** Price activities, then set-level activities, by id. */
  readonly activities: readonly AppliedActivity[];
  readonly coupons: readonly AppliedCoupon[];
  readonly gifts: { readonly fixed: readonly GiftGrant[]; readonly pools: readonly GiftPool[] };
  readonly addOnOffers: readonly AddOnOffer[];
  readonly unmetThresholds: readonly UnmetThreshold[];
  readonly couponOptions: readonly CouponOption[];
  readonly recommendedCouponId: string | null;
  readonly plan: PricingPlan;
  readonly score: PlanScore;
}
