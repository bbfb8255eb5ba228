import { pricingLinesOf, type ResolvedCartLine } from '../cart/index.js';
import { checkCrossBorderLimits, crossBorderTax, TRANSACTION_LIMIT, YEARLY_LIMIT } from '../crossborder/index.js';
import type { DispatchCandidate } from '../dispatch/index.js';
import { freightQuoteInputOf, quoteFreight, type FreightQuote, type FreightQuoteInput, type ShopFreightRules } from '../freight/index.js';
import {
  evaluatePlan,
  priceOrder,
  type Activity,
  type Channel,
  type MemberContext,
  type PointsInput,
  type PricingInput,
  type PricingResult,
  type PurchaseLimitInput,
} from '../pricing/index.js';
import { Money } from '../shared/money.js';
import { afterActivities, allocateFreight, lineAmounts, sumAmounts } from './breakdown.js';
import { CHECKOUT_ERRORS } from './errors.js';
import type { CheckoutLine, CheckoutPreview, CheckoutShop, CrossBorderRates } from './preview.js';
import { capShopShipping, checkChosenCoupons, childOrdersOf, chooseCoupons, shippingShares, shopDispatch, type CheckoutCoupon } from './quote-parts.js';

/**
 * Everything a checkout quote reads, loaded in one transaction before any amount is computed
 * (application/checkout/load-checkout.ts). Nothing here depends on an amount.
 */
export interface CheckoutInputs {
  /** The lines bought (the cart's selected valid lines, or the buy-now line), resolved now and checked. */
  readonly lines: readonly ResolvedCartLine[];
  /** The activities serving now, as the engine takes them. */
  readonly activities: readonly Activity[];
  /** 限购: what the member may still take under each limited activity. */
  readonly purchaseLimits: readonly PurchaseLimitInput[];
  /** The activities with a per-member purchase limit for this member: placing the order consumes it. */
  readonly limitedActivityIds: readonly string[];
  readonly isNewCustomer: boolean;
  /** The member's coupons and their state now (null: none asked for, so none read). */
  readonly coupons: readonly CheckoutCoupon[] | null;
  /** The member's points and the spending rule (null: no points asked for, or none to spend). */
  readonly points: Omit<PointsInput, 'use'> | null;
  /** Each shop's freight settings, its SKUs' templates and their assignments. */
  readonly freight: ReadonlyMap<string, ShopFreightRules>;
  /** DSP-1's candidates: the active warehouses with the dispatch layer's stock of the SKUs bought. */
  readonly dispatch: readonly DispatchCandidate[];
  /** What the buyer paid for cross-border orders this (China-time) year (null: no cross-border rates given). */
  readonly crossBorderPaidThisYear: Money | null;
}

/** What the member asked for, the address already a district code (`checkoutAddress`). */
export interface CheckoutQuoteOptions {
  readonly memberId: string;
  readonly address: string;
  readonly source: 'cart' | 'buy_now';
  /** 'recommended' (default: the engine's best combination, CPN-1/PRM-4), 'none', or the member's chosen coupon ids. */
  readonly coupons?: 'recommended' | 'none' | readonly string[];
  /** Points to spend (whole number, or 'max'); default none. */
  readonly points?: number | 'max';
  readonly channel?: Channel;
  readonly level?: string;
  /** The lines that are cross-border imports, with their tax rates. */
  readonly crossBorder?: readonly CrossBorderRates[];
}

/**
 * The whole checkout quote (结算页, PRM-3; the sequence: docs/contexts/checkout.md), pure on what was loaded:
 *
 * 1. the engine with activities only: goods after activities per line;
 * 2. freight per shop on those amounts (FRT-1, decision 0013: before coupons);
 * 3. the engine again with coupons, points and the freight total (the shipping coupon deducts from it);
 *    if its plan changed a line's goods after activities, freight is quoted again and the plan re-evaluated;
 * 4. the shipping deduction to shops, freight and deduction to lines (ORD-4, `allocate`);
 * 5. cross-border tax per line and the limits (CROSSBORDER.*);
 * 6. pre-dispatch per shop (DSP-1); child orders: per shop, then per warehouse (ORD-5), amounts = Σ of their lines.
 */
export function quoteCheckout(inputs: CheckoutInputs, o: CheckoutQuoteOptions, now: Date): CheckoutPreview {
  const resolved = inputs.lines;
  const lines = pricingLinesOf(resolved);
  const byId = new Map(resolved.map((r) => [r.line.skuId, r]));
  const member: MemberContext = { memberId: o.memberId, ...(o.level ? { level: o.level } : {}), isNew: inputs.isNewCustomer, channel: o.channel ?? 'app' };
  const base: PricingInput = {
    now,
    member,
    lines,
    activities: inputs.activities,
    ...(inputs.purchaseLimits.length > 0 ? { purchaseLimits: inputs.purchaseLimits } : {}),
  };

  // (1) goods after activities, before coupons; (2) freight per shop on them.
  const first = priceOrder(base);
  const shopIds = [...new Set(lines.map((l) => l.shopId))];
  const freightInputs = (priced: PricingResult) => new Map(shopIds.map((s) => [s, shopFreightInput(inputs.freight.get(s)!, s, o.address, resolved, priced)]));
  let freightIn = freightInputs(first);
  let quotes = new Map(shopIds.map((s) => [s, quoteFreight(freightIn.get(s)!)]));

  // (3) coupons, points, freight.
  const { coupons, chosen } = chooseCoupons(inputs.coupons, o.coupons ?? 'recommended');
  const points: PointsInput | undefined = inputs.points && o.points !== undefined && o.points !== 0 ? { ...inputs.points, use: o.points } : undefined;
  const inputWith = (q: Map<string, FreightQuote>): PricingInput => ({
    ...base,
    coupons: capShopShipping(coupons, q),
    ...(points ? { points } : {}),
    freight: Money.sum([...q.values()].map((x) => x.subtotal)).toString(),
  });
  let result = priceOrder(inputWith(quotes));
  if (result.lines.some((l, i) => !afterActivities(l).equals(afterActivities(first.lines[i]!)))) {
    // The chosen plan took another exclusive activity than the coupon-free one: quote freight on its amounts.
    freightIn = freightInputs(result);
    quotes = new Map(shopIds.map((s) => [s, quoteFreight(freightIn.get(s)!)]));
    const input = inputWith(quotes);
    const known = new Set((input.coupons ?? []).map((c) => c.id));
    result = evaluatePlan(input, { ...result.plan, couponIds: result.plan.couponIds.filter((id) => known.has(id)) });
  }
  checkChosenCoupons(chosen, result);

  // (4) the shipping coupon's deduction to shops, then freight and deduction to lines.
  const deductions = shippingShares(result, shopIds, quotes);
  quotes = new Map(shopIds.map((s) => [s, quoteFreight({ ...freightIn.get(s)!, shippingDeduction: deductions.get(s)!.toString() })]));
  const freightOf = new Map<string, { freight: Money; freightDeduction: Money }>();
  for (const s of shopIds) {
    for (const [id, v] of allocateFreight(
      quotes.get(s)!,
      lines.filter((l) => l.shopId === s).map((l) => l.lineId),
    ))
      freightOf.set(id, v);
  }

  // (5) cross-border tax per line, on what the shopper pays for the line's goods.
  const rates = new Map((o.crossBorder ?? []).map((r) => [r.skuId, r]));
  for (const skuId of rates.keys()) {
    if (!byId.has(skuId)) throw CHECKOUT_ERRORS.raise('UNKNOWN_CROSS_BORDER_LINE', `SKU ${skuId} is not among the lines bought`, { skuId });
  }
  const cbLines = result.lines.filter((l) => rates.has(l.skuId));
  const tax =
    cbLines.length === 0
      ? null
      : crossBorderTax(
          cbLines.map((l) => ({
            lineId: l.lineId,
            price: l.payable,
            consumptionRate: rates.get(l.skuId)!.consumptionRate,
            vatRate: rates.get(l.skuId)!.vatRate,
          })),
        );
  const taxOf = new Map((tax?.lines ?? []).map((l) => [l.lineId, l.tax]));

  const checkoutLines: CheckoutLine[] = result.lines.map((l) => {
    const p = byId.get(l.skuId)!.product!;
    const f = freightOf.get(l.lineId)!;
    return {
      lineId: l.lineId,
      skuId: l.skuId,
      spuId: p.spuId,
      title: p.title,
      specs: p.specs,
      shopId: p.shopId,
      selfRun: p.selfRun,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      activityUnitPrice: l.activityUnitPrice,
      discounts: l.discounts,
      crossBorder: rates.has(l.skuId),
      ...lineAmounts(l, { ...f, tax: taxOf.get(l.lineId) ?? Money.zero(l.unitPrice.currency) }),
    };
  });

  let crossBorder: CheckoutPreview['crossBorder'] = null;
  if (tax) {
    const cb = checkoutLines.filter((l) => l.crossBorder);
    const transactionAmount = Money.sum(cb.map((l) => l.goodsPayable.add(l.freight).subtract(l.freightDeduction)));
    const paidThisYear = inputs.crossBorderPaidThisYear ?? Money.zero();
    checkCrossBorderLimits({ amount: transactionAmount, paidThisYear });
    crossBorder = { tax, transactionAmount, paidThisYear, transactionLimit: TRANSACTION_LIMIT, yearlyLimit: YEARLY_LIMIT };
  }

  // (6) pre-dispatch per shop; child orders.
  const shops: CheckoutShop[] = shopIds.map((shopId) => {
    const shopLines = checkoutLines.filter((l) => l.shopId === shopId);
    const dispatch = shopDispatch(o.address, shopLines, inputs.dispatch);
    return { shopId, lineIds: shopLines.map((l) => l.lineId), freight: quotes.get(shopId)!, dispatch, amounts: sumAmounts(shopLines) };
  });
  const limited = new Set(inputs.limitedActivityIds);
  return {
    at: now,
    memberId: o.memberId,
    address: o.address,
    source: o.source,
    currency: result.currency,
    lines: checkoutLines,
    totals: sumAmounts(checkoutLines),
    pricing: {
      activities: result.activities,
      coupons: result.coupons,
      couponOptions: result.couponOptions,
      recommendedCouponId: result.recommendedCouponId,
      pointsUsed: result.totals.pointsUsed,
      enginePayable: result.totals.payable,
      limitedActivityIds: result.activities.filter((a) => limited.has(a.id)).map((a) => a.id),
    },
    shops,
    crossBorder,
    childOrders: childOrdersOf(shops, new Map(checkoutLines.map((l) => [l.lineId, l]))),
  };
}

/** One shop's freight input: its lines at their goods amount after activities (decision 0013). */
function shopFreightInput(
  rules: ShopFreightRules,
  shopId: string,
  address: string,
  resolved: readonly ResolvedCartLine[],
  priced: PricingResult,
): FreightQuoteInput {
  const shopLines = priced.lines.filter((l) => resolved.find((r) => r.line.skuId === l.skuId)!.product!.shopId === shopId);
  const input = freightQuoteInputOf(rules, {
    address,
    lines: shopLines.map((l) => ({ lineId: l.lineId, skuId: l.skuId, quantity: l.quantity, amount: afterActivities(l).toString() })),
  });
  // A SKU assigned to another shop's template (the catalog has no shops yet, decision 0014) falls back to this shop's rules.
  const own = new Set(input.templates.filter((t) => t.shopId === shopId).map((t) => t.id));
  return {
    ...input,
    templates: input.templates.filter((t) => own.has(t.id)),
    lines: input.lines.map((l) => (l.templateId !== null && !own.has(l.templateId) ? { ...l, templateId: null } : l)),
  };
}
