import { allocate } from '../shared/allocation.js';
import { Money } from '../shared/money.js';
import type { PricedLineResult, PricingTotals } from '../pricing/index.js';
import { invalidAmounts } from './errors.js';

/** The discounts of a line, in the order ORD-1 names them (and the order a split allocates them in). */
export const LINE_DISCOUNTS = ['activityDiscount', 'couponDiscount', 'pointsDeduction', 'memberDiscount'] as const;
export type LineDiscount = (typeof LINE_DISCOUNTS)[number];

/**
 * One line's amounts (ORD-1, ORD-4): what the goods cost and each discount's share of this line, all in
 * whole cents. The shares come from pricing (the per-line breakdown), not computed here.
 */
export interface LineAmounts {
  /** quantity × unit price (商品金额). */
  readonly goods: Money;
  /** Price activities (the unit price an activity set) and set-level activities (满减, 多买优惠 …). */
  readonly activityDiscount: Money;
  /** Goods coupons. */
  readonly couponDiscount: Money;
  /** Points / virtual currency (积分抵扣). */
  readonly pointsDeduction: Money;
  /** Member price or level discount (会员折扣). */
  readonly memberDiscount: Money;
}

/** ORD-1 for the order as a whole. */
export interface OrderAmounts {
  readonly goodsTotal: Money;
  /** Freight charged (before a shipping coupon). */
  readonly freight: Money;
  readonly activityDiscount: Money;
  /** Goods coupons on the lines plus the shipping coupon's deduction from freight. */
  readonly couponDiscount: Money;
  readonly pointsDeduction: Money;
  readonly memberDiscount: Money;
  /** Of `couponDiscount`: what a shipping coupon (运费券) took off the freight. */
  readonly freightCouponDiscount: Money;
  /** activity + coupon + points + member. */
  readonly totalDiscount: Money;
  /** ORD-1: goods total + freight − total discount; never negative. */
  readonly payable: Money;
}

/** goods − every discount of the line. */
export function linePayable(a: LineAmounts): Money {
  return LINE_DISCOUNTS.reduce((rest, d) => rest.subtract(a[d]), a.goods);
}

export function lineDiscountTotal(a: LineAmounts): Money {
  return Money.sum(
    LINE_DISCOUNTS.map((d) => a[d]),
    a.goods.currency,
  );
}

function checkAmount(m: unknown, currency: string, field: string): Money {
  if (!(m instanceof Money)) throw invalidAmounts(field, 'NOT_AN_AMOUNT');
  if (m.currency !== currency) throw invalidAmounts(field, 'CURRENCY_MISMATCH', `${field} is in ${m.currency}, the order in ${currency}`);
  if (!m.isWholeMinorUnits()) throw invalidAmounts(field, 'NOT_WHOLE_MINOR_UNITS', `${field} ${m.toString()} is not whole cents`);
  if (m.isNegative()) throw invalidAmounts(field, 'NEGATIVE_AMOUNT', `${field} ${m.toString()} is negative`);
  return m;
}

/**
 * ORD-1 rules of one line: every amount whole cents in the order's currency and not negative; goods
 * = unit price × quantity exactly; the discounts together at most the goods (the line's payable is
 * never negative). `ORDER.INVALID_AMOUNTS` names the field and reason.
 */
export function checkLineAmounts(
  line: { readonly lineId: string; readonly quantity: number; readonly unitPrice: Money; readonly amounts: LineAmounts },
  currency: string,
): void {
  const at = (f: string) => `lines[${line.lineId}].${f}`;
  const unit = checkAmount(line.unitPrice, currency, at('unitPrice'));
  const a = line.amounts;
  if (a === null || typeof a !== 'object') throw invalidAmounts(at('amounts'), 'MISSING');
  const goods = checkAmount(a.goods, currency, at('goods'));
  for (const d of LINE_DISCOUNTS) checkAmount(a[d], currency, at(d));
  if (!goods.equals(unit.multiply(line.quantity))) {
    throw invalidAmounts(
      at('goods'),
      'GOODS_NOT_PRICE_TIMES_QUANTITY',
      `line ${line.lineId}: goods ${goods.toString()} ≠ ${unit.toString()} × ${line.quantity}`,
    );
  }
  if (lineDiscountTotal(a).greaterThan(goods)) {
    throw invalidAmounts(
      at('amounts'),
      'DISCOUNTS_EXCEED_GOODS',
      `line ${line.lineId}: discounts ${lineDiscountTotal(a).toString()} exceed goods ${goods.toString()}`,
    );
  }
}

/** Freight and the shipping coupon's deduction: whole cents, not negative, the deduction at most the freight. */
export function checkFreight(freight: Money, freightCouponDiscount: Money, currency: string): void {
  checkAmount(freight, currency, 'freight');
  checkAmount(freightCouponDiscount, currency, 'freightCouponDiscount');
  if (freightCouponDiscount.greaterThan(freight)) {
    throw invalidAmounts(
      'freightCouponDiscount',
      'FREIGHT_DISCOUNT_EXCEEDS_FREIGHT',
      `the shipping coupon ${freightCouponDiscount.toString()} exceeds the freight ${freight.toString()}`,
    );
  }
}

/**
 * ORD-1: payable = goods total + freight − (activity + coupon + points + member discounts). The inputs
 * are checked lines (`checkLineAmounts`) and freight (`checkFreight`), so no line and not the freight
 * goes below zero, and the payable never does either.
 */
export function orderAmounts(lines: readonly { readonly amounts: LineAmounts }[], freight: Money, freightCouponDiscount: Money): OrderAmounts {
  const currency = freight.currency;
  const total = (d: LineDiscount | 'goods') =>
    Money.sum(
      lines.map((l) => l.amounts[d]),
      currency,
    );
  const goodsTotal = total('goods');
  const activityDiscount = total('activityDiscount');
  const couponDiscount = total('couponDiscount').add(freightCouponDiscount);
  const pointsDeduction = total('pointsDeduction');
  const memberDiscount = total('memberDiscount');
  const totalDiscount = activityDiscount.add(couponDiscount).add(pointsDeduction).add(memberDiscount);
  const payable = goodsTotal.add(freight).subtract(totalDiscount);
  if (payable.isNegative()) throw new Error(`ORD-1 broken: payable ${payable.toString()} is negative`);
  return { goodsTotal, freight, activityDiscount, couponDiscount, pointsDeduction, memberDiscount, freightCouponDiscount, totalDiscount, payable };
}

/** What the order needs of a priced line: the pricing engine's `PricedLineResult` fits as it is. */
export type PricedLineLike = Pick<
  PricedLineResult,
  'lineId' | 'skuId' | 'quantity' | 'unitPrice' | 'normalAmount' | 'activityPriceAmount' | 'discounts' | 'pointsAmount'
>;

/** What the order needs of a pricing: the engine's `PricingResult` fits as it is. */
export interface PricingLike {
  readonly lines: readonly PricedLineLike[];
  readonly totals: Pick<PricingTotals, 'freight' | 'freightDeduction'>;
}

export interface PricedBreakdown {
  /** By line id, in the pricing's line order. */
  readonly lines: readonly {
    readonly lineId: string;
    readonly skuId: string;
    readonly quantity: number;
    readonly unitPrice: Money;
    readonly amounts: LineAmounts;
  }[];
  readonly freight: Money;
  readonly freightCouponDiscount: Money;
}

/**
 * The per-line breakdown from pricing (PRM-3) in the order's terms: goods = the normal amount; the
 * activity discount = what a price activity took off (normal − activity price amount) plus the
 * set-level activity shares; the coupon discount = the coupon shares; points = the points share.
 * Member discounts are not priced by the engine yet: the caller may pass them by line id.
 * Line payable then equals the engine's line payable, and the order's payable its `totals.payable`.
 */
export function breakdownFromPricing(pricing: PricingLike, memberDiscounts: Readonly<Record<string, Money>> = {}): PricedBreakdown {
  const currency = pricing.totals.freight.currency;
  const lines = pricing.lines.map((l) => {
    const shares = (source: 'activity' | 'coupon') =>
      Money.sum(
        l.discounts.filter((d) => d.source === source).map((d) => d.amount),
        currency,
      );
    return {
      lineId: l.lineId,
      skuId: l.skuId,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      amounts: {
        goods: l.normalAmount,
        activityDiscount: l.normalAmount.subtract(l.activityPriceAmount).add(shares('activity')),
        couponDiscount: shares('coupon'),
        pointsDeduction: l.pointsAmount,
        memberDiscount: memberDiscounts[l.lineId] ?? Money.zero(currency),
      },
    };
  });
  return { lines, freight: pricing.totals.freight, freightCouponDiscount: pricing.totals.freightDeduction };
}

/**
 * The points an order spent, split over its lines by their points deduction (whole points, largest
 * remainder): what each line's units used — placing records it with the deduction, after-sales gives
 * back the refunded units' share of it. Lines that used none are absent.
 */
export function pointsOfLines(
  points: number,
  lines: readonly { readonly lineId: string; readonly amounts: Pick<LineAmounts, 'pointsDeduction'> }[],
): Record<string, number> {
  const weights = lines.map((l) => l.amounts.pointsDeduction.toMinor().toString());
  if (points <= 0 || weights.every((w) => w === '0')) return {};
  // `allocate` splits money to the cent; a point is handled as one cent of a pseudo amount.
  const parts = allocate(Money.fromMinor(points, 'PTS'), weights);
  return Object.fromEntries(lines.flatMap((l, i) => (parts[i]!.isZero() ? [] : [[l.lineId, Number(parts[i]!.toMinor())]])));
}
