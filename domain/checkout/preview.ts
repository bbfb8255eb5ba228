import type { FreightQuote } from '../freight/index.js';
import type { CrossBorderTax } from '../crossborder/index.js';
import type { AppliedActivity, AppliedCoupon, CouponOption, LineDiscountShare } from '../pricing/index.js';
import type { Money } from '../shared/money.js';
import type { LineAmounts } from './breakdown.js';

// What the checkout preview answers (结算页, issue #5): every amount per line, shop and child order. The
// HTTP answer is this shape (adapters/http/express/checkout/wire.ts checks it at compile time).

/** Cross-border rates of a SKU bought (the catalog carries none yet: decision 0015). */
export interface CrossBorderRates {
  readonly skuId: string;
  /** Fractions: 0.17 = 17 %. */
  readonly consumptionRate: string;
  readonly vatRate: string;
}

export interface CheckoutLine extends LineAmounts {
  readonly lineId: string;
  readonly skuId: string;
  readonly spuId: string;
  readonly title: string;
  readonly specs: Readonly<Record<string, string>>;
  readonly shopId: string;
  readonly selfRun: boolean;
  readonly quantity: number;
  readonly unitPrice: Money;
  readonly activityUnitPrice: Money;
  /** Every discount's share of this line (activities, then coupons). */
  readonly discounts: readonly LineDiscountShare[];
  readonly crossBorder: boolean;
}

export interface CheckoutShop {
  readonly shopId: string;
  readonly lineIds: readonly string[];
  /** The quote with the shop's part of the shipping coupon as its deduction (it explains itself: groups, rules, fees). */
  readonly freight: FreightQuote;
  /** Pre-dispatch (DSP-1) of the shop's lines, or why there is none (`DISPATCH.*`). */
  readonly dispatch:
    | {
        readonly available: true;
        readonly estimatedDeliveryDays: number;
        readonly warehouses: readonly {
          readonly warehouseId: string;
          readonly tier: number;
          readonly estimatedDeliveryDays: number;
          readonly skuIds: readonly string[];
        }[];
      }
    | { readonly available: false; readonly code: string; readonly message: string };
  readonly amounts: LineAmounts;
}

export interface ChildOrder {
  /** `<shop>` or `<shop>/<warehouse>` */
  readonly key: string;
  readonly shopId: string;
  readonly warehouseId: string | null;
  readonly estimatedDeliveryDays: number | null;
  readonly lines: readonly { readonly lineId: string; readonly skuId: string; readonly quantity: number; readonly amounts: LineAmounts }[];
  readonly amounts: LineAmounts;
}

export interface CheckoutPreview {
  readonly at: Date;
  readonly memberId: string;
  readonly address: string;
  readonly source: 'cart' | 'buy_now';
  readonly currency: string;
  readonly lines: readonly CheckoutLine[];
  /** Σ of the lines, key by key. */
  readonly totals: LineAmounts;
  readonly pricing: {
    readonly activities: readonly AppliedActivity[];
    readonly coupons: readonly AppliedCoupon[];
    readonly couponOptions: readonly CouponOption[];
    readonly recommendedCouponId: string | null;
    readonly pointsUsed: number;
    /** Of the activities applied, those with a per-member purchase limit (限购): placing the order consumes it. */
    readonly limitedActivityIds: readonly string[];
    /** The engine's own total (ORD-1): goods − discounts − points + freight − shipping coupon. */
    readonly enginePayable: Money;
  };
  readonly shops: readonly CheckoutShop[];
  readonly crossBorder: {
    readonly tax: CrossBorderTax;
    /** Goods after discounts plus freight of the cross-border lines, without the tax (实际交易价格). */
    readonly transactionAmount: Money;
    readonly paidThisYear: Money;
    readonly transactionLimit: Money;
    readonly yearlyLimit: Money;
  } | null;
  readonly childOrders: readonly ChildOrder[];
}
