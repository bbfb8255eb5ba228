import { CART_ERRORS, pricingLinesOf, type CartLineSnapshot, type ProductShops, type ResolvedCartLine } from '../../domain/cart/index.js';
import { AMOUNT_KEYS, afterActivities, allocateFreight, lineAmounts, splitIntoChildren, sumAmounts, type LineAmounts } from '../../domain/checkout/breakdown.js';
import { CHECKOUT_ERROR, checkoutInvalid, checkoutNotFound } from '../../domain/checkout/errors.js';
import type { CustomerHistory } from '../../domain/coupon/index.js';
import { crossBorderTax, type CrossBorderTax } from '../../domain/crossborder/tax.js';
import type { CrossBorderPurchases } from '../../domain/crossborder/ports.js';
import { TRANSACTION_LIMIT, YEARLY_LIMIT } from '../../domain/crossborder/limits.js';
import { districtCode, selectWarehouses, type DispatchPlan } from '../../domain/dispatch/index.js';
import { quoteFreight, type FreightQuote, type FreightQuoteInput } from '../../domain/freight/quote.js';
import {
  evaluatePlan, priceOrder, type AppliedActivity, type AppliedCoupon, type Channel, type CouponOption,
  type LineDiscountShare, type MemberContext, type MemberCoupon, type PointsInput, type PricingInput, type PricingResult,
} from '../../domain/pricing/index.js';
import { allocate } from '../../domain/shared/allocation.js';
import { isDomainError } from '../../domain/shared/domain-error.js';
import { Money } from '../../domain/shared/money.js';
import type { Clock } from '../../domain/shared/ports.js';
import { cartLinesOf, cartSources, resolveCart } from '../cart/index.js';
import { memberCouponsAt } from '../coupon/index.js';
import { enforceCrossBorderLimits } from '../crossborder/cross-border-limits.js';
import { dispatchCandidates } from '../dispatch/index.js';
import { freightQuoteInput } from '../freight/quote-freight.js';
import { promotionsForPricing } from '../promotion/index.js';
import type { Transaction, UnitOfWork } from '../shared/unit-of-work.js';

/** The member's points and the platform's spending rule; membership (#7) supplies it. Null: the member has no points to spend. */
export interface CheckoutPoints {
  pointsOf(tx: Transaction, memberId: string): Promise<Omit<PointsInput, 'use'> | null>;
}

/** No points anywhere (the default until membership binds its ledger). */
export const noCheckoutPoints: CheckoutPoints = { pointsOf: async () => null };

export interface CheckoutDependencies {
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  /** The cart's shop policy (decision 0014), so cart and checkout agree on shops and purchase limits. */
  readonly shops: ProductShops;
  /** Who counts as a new customer (activity and coupon audiences). */
  readonly customers: CustomerHistory;
  /** Cross-border yearly limit (spec §18). */
  readonly purchases: CrossBorderPurchases;
  readonly points: CheckoutPoints;
}

/** Cross-border rates of a SKU bought (the catalog carries none yet: decision 0015). */
export interface CrossBorderRates {
  readonly skuId: string;
  /** Fractions: 0.17 = 17 %. */
  readonly consumptionRate: string;
  readonly vatRate: string;
}

export interface PreviewCheckoutCommand {
  readonly memberId: string;
  /** 立即购买: this line instead of the cart's selected lines. */
  readonly buyNow?: { readonly skuId: string; readonly quantity: number };
  /** The delivery address: a district code (CHECKOUT.INVALID_ADDRESS otherwise). */
  readonly address: string;
  /** 'recommended' (default: the engine's best combination, CPN-1/PRM-4), 'none', or the coupon ids the member chose. */
  readonly coupons?: 'recommended' | 'none' | readonly string[];
  /** Points to spend (whole number, or 'max'); default none. */
  readonly points?: number | 'max';
  readonly channel?: Channel;
  readonly level?: string;
  /** The lines that are cross-border imports, with their tax rates. */
  readonly crossBorder?: readonly CrossBorderRates[];
  /** The buyer's identity customs checks (订购人); default `member:<memberId>`. */
  readonly personId?: string;
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
    | { readonly available: true; readonly estimatedDeliveryDays: number; readonly warehouses: readonly { readonly warehouseId: string; readonly tier: number; readonly estimatedDeliveryDays: number; readonly skuIds: readonly string[] }[] }
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

/**
 * 结算页 (issue #5 item 3): prices what the member would buy — the cart's selected valid lines or a
 * buy-now line — to an address, with coupons and points, per PRM-3 (the sequence: docs/contexts/checkout.md):
 *
 * 1. lines checked (CART.* codes), address (CHECKOUT.INVALID_ADDRESS);
 * 2. the engine with activities only: goods after activities per line;
 * 3. freight per shop on those amounts (FRT-1, decision 0013: before coupons);
 * 4. the engine again with coupons, points and the freight total (the shipping coupon deducts from it);
 *    if its plan changed a line's goods after activities, freight is quoted again and the plan re-evaluated;
 * 5. the shipping deduction to shops, freight and deduction to lines (ORD-4, `allocate`);
 * 6. pre-dispatch per shop (DSP-1); cross-border tax per line and the limits (CROSSBORDER.*);
 * 7. child orders: per shop, then per warehouse (ORD-5), amounts = Σ of their lines.
 *
 * One unit of work; writes nothing.
 */
export class PreviewCheckout {
  constructor(private readonly deps: CheckoutDependencies) {}

  async execute(cmd: PreviewCheckoutCommand): Promise<CheckoutPreview> {
    const address = checkoutAddress(cmd.address);
    return this.deps.uow.run((tx) => this.preview(tx, cmd, address));
  }

  /** The same preview inside a transaction the caller runs (placing an order prices what it locks, in one transaction). */
  inTransaction(tx: Transaction, cmd: PreviewCheckoutCommand): Promise<CheckoutPreview> {
    return this.preview(tx, cmd, checkoutAddress(cmd.address));
  }

  private async preview(tx: Transaction, cmd: PreviewCheckoutCommand, address: string): Promise<CheckoutPreview> {
    const now = this.deps.clock.now();
    const sources = cartSources(tx, this.deps.shops);
    const resolved = await this.linesToBuy(tx, sources, cmd, now);
    const lines = pricingLinesOf(resolved);
    const byId = new Map(resolved.map((r) => [r.line.skuId, r]));

    // Activities serving now and the member's purchase allowances, as the price preview takes them.
    const { activities, purchaseLimits, allowances } = await promotionsForPricing(tx, now, cmd.memberId);
    const member: MemberContext = { memberId: cmd.memberId, ...(cmd.level ? { level: cmd.level } : {}), isNew: await this.deps.customers.isNewCustomer(cmd.memberId), channel: cmd.channel ?? 'app' };
    const base: PricingInput = { now, member, lines, activities, ...(purchaseLimits.length > 0 ? { purchaseLimits } : {}) };

    // (2) goods after activities, before coupons.
    const first = priceOrder(base);
    // (3) freight per shop on them.
    const shopIds = [...new Set(lines.map((l) => l.shopId))];
    const inputs = new Map<string, FreightQuoteInput>();
    for (const shopId of shopIds) inputs.set(shopId, await this.freightInput(tx, shopId, address, resolved, first));
    let quotes = new Map(shopIds.map((s) => [s, quoteFreight(inputs.get(s)!)]));

    // (4) coupons, points, freight.
    const { coupons, chosen } = await this.coupons(tx, cmd, now);
    const pointsRule = cmd.points === undefined || cmd.points === 0 ? null : await this.deps.points.pointsOf(tx, cmd.memberId);
    const points: PointsInput | undefined = pointsRule ? { ...pointsRule, use: cmd.points! } : undefined;
    const inputWith = (q: Map<string, FreightQuote>): PricingInput => ({
      ...base,
      coupons: capShopShipping(coupons, q),
      ...(points ? { points } : {}),
      freight: Money.sum([...q.values()].map((x) => x.subtotal)).toString(),
    });
    let result = priceOrder(inputWith(quotes));
    if (result.lines.some((l, i) => !afterActivities(l).equals(afterActivities(first.lines[i]!)))) {
      // The chosen plan took another exclusive activity than the coupon-free one: quote freight on its amounts.
      for (const shopId of shopIds) inputs.set(shopId, await this.freightInput(tx, shopId, address, resolved, result));
      quotes = new Map(shopIds.map((s) => [s, quoteFreight(inputs.get(s)!)]));
      const input = inputWith(quotes);
      const known = new Set((input.coupons ?? []).map((c) => c.id));
      result = evaluatePlan(input, { ...result.plan, couponIds: result.plan.couponIds.filter((id) => known.has(id)) });
    }
    checkChosenCoupons(chosen, result);

    // (5) the shipping coupon's deduction to shops, then freight and deduction to lines.
    const deductions = shippingShares(result, shopIds, quotes);
    quotes = new Map(shopIds.map((s) => [s, quoteFreight({ ...inputs.get(s)!, shippingDeduction: deductions.get(s)!.toString() })]));
    const freightOf = new Map<string, { freight: Money; freightDeduction: Money }>();
    for (const s of shopIds) {
      for (const [id, v] of allocateFreight(quotes.get(s)!, lines.filter((l) => l.shopId === s).map((l) => l.lineId))) freightOf.set(id, v);
    }

    // (6) cross-border tax per line, on what the shopper pays for the line's goods.
    const rates = new Map((cmd.crossBorder ?? []).map((r) => [r.skuId, r]));
    for (const skuId of rates.keys()) {
      if (!byId.has(skuId)) throw checkoutInvalid(CHECKOUT_ERROR.UNKNOWN_CROSS_BORDER_LINE, `SKU ${skuId} is not among the lines bought`, { skuId });
    }
    const cbLines = result.lines.filter((l) => rates.has(l.skuId));
    const tax = cbLines.length === 0 ? null : crossBorderTax(cbLines.map((l) => ({ lineId: l.lineId, price: l.payable, consumptionRate: rates.get(l.skuId)!.consumptionRate, vatRate: rates.get(l.skuId)!.vatRate })));
    const taxOf = new Map((tax?.lines ?? []).map((l) => [l.lineId, l.tax]));

    const checkoutLines: CheckoutLine[] = result.lines.map((l) => {
      const r = byId.get(l.skuId)!;
      const p = r.product!;
      const f = freightOf.get(l.lineId)!;
      return {
        lineId: l.lineId, skuId: l.skuId, spuId: p.spuId, title: p.title, specs: p.specs, shopId: p.shopId, selfRun: p.selfRun,
        quantity: l.quantity, unitPrice: l.unitPrice, activityUnitPrice: l.activityUnitPrice, discounts: l.discounts, crossBorder: rates.has(l.skuId),
        ...lineAmounts(l, { ...f, tax: taxOf.get(l.lineId) ?? Money.zero(l.unitPrice.currency) }),
      };
    });
    const lineById = new Map(checkoutLines.map((l) => [l.lineId, l]));

    let crossBorder: CheckoutPreview['crossBorder'] = null;
    if (tax) {
      const cb = checkoutLines.filter((l) => l.crossBorder);
      const transactionAmount = Money.sum(cb.map((l) => l.goodsPayable.add(l.freight).subtract(l.freightDeduction)));
      const paidThisYear = await enforceCrossBorderLimits(this.deps.purchases, { personId: cmd.personId ?? `member:${cmd.memberId}`, amount: transactionAmount, at: now });
      crossBorder = { tax, transactionAmount, paidThisYear, transactionLimit: TRANSACTION_LIMIT, yearlyLimit: YEARLY_LIMIT };
    }

    // (6) pre-dispatch per shop; (7) child orders.
    const candidates = await dispatchCandidates(tx, lines.map((l) => l.skuId));
    const shops: CheckoutShop[] = shopIds.map((shopId) => {
      const shopLines = checkoutLines.filter((l) => l.shopId === shopId);
      let dispatch: CheckoutShop['dispatch'];
      try {
        const plan: DispatchPlan = selectWarehouses({ address, lines: shopLines.map((l) => ({ skuId: l.skuId, quantity: l.quantity })), candidates });
        dispatch = {
          available: true, estimatedDeliveryDays: plan.estimatedDeliveryDays,
          warehouses: plan.groups.map((g) => ({ warehouseId: g.warehouseId, tier: g.tier, estimatedDeliveryDays: g.estimatedDeliveryDays, skuIds: g.lines.map((x) => x.skuId) })),
        };
      } catch (e) {
        // A pre-estimate, not a promise: no warehouse or not enough dispatch stock leaves the shop as one child order.
        if (!isDomainError(e) || !e.code.startsWith('DISPATCH.')) throw e;
        dispatch = { available: false, code: e.code, message: e.message };
      }
      return { shopId, lineIds: shopLines.map((l) => l.lineId), freight: quotes.get(shopId)!, dispatch, amounts: sumAmounts(shopLines) };
    });
    const plans = splitIntoChildren(shops.map((s) => ({
      shopId: s.shopId, lineIds: s.lineIds, skuOf: (id: string) => lineById.get(id)!.skuId,
      warehouses: s.dispatch.available ? s.dispatch.warehouses : null,
    })));
    const childOrders: ChildOrder[] = plans.map((c) => {
      const shop = shops.find((s) => s.shopId === c.shopId)!;
      const days = !shop.dispatch.available ? null : (shop.dispatch.warehouses.find((w) => w.warehouseId === c.warehouseId)?.estimatedDeliveryDays ?? null);
      const ls = c.lineIds.map((id) => lineById.get(id)!);
      return {
        key: c.warehouseId === null ? c.shopId : `${c.shopId}/${c.warehouseId}`, shopId: c.shopId, warehouseId: c.warehouseId, estimatedDeliveryDays: days,
        lines: ls.map((l) => ({ lineId: l.lineId, skuId: l.skuId, quantity: l.quantity, amounts: pick(l) })),
        amounts: sumAmounts(ls),
      };
    });

    return {
      at: now, memberId: cmd.memberId, address, source: cmd.buyNow ? 'buy_now' : 'cart', currency: result.currency,
      lines: checkoutLines, totals: sumAmounts(checkoutLines),
      pricing: {
        activities: result.activities, coupons: result.coupons, couponOptions: result.couponOptions, recommendedCouponId: result.recommendedCouponId,
        pointsUsed: result.totals.pointsUsed, enginePayable: result.totals.payable,
        limitedActivityIds: result.activities.filter((a) => allowances.some((x) => x.activityId === a.id && x.limit !== null)).map((a) => a.id),
      },
      shops, crossBorder, childOrders,
    };
  }

  /** The cart's selected valid lines (quantities within their limits now), or the buy-now line. */
  private async linesToBuy(tx: Transaction, sources: ReturnType<typeof cartSources>, cmd: PreviewCheckoutCommand, now: Date): Promise<ResolvedCartLine[]> {
    let resolved: ResolvedCartLine[];
    if (cmd.buyNow) {
      const { skuId, quantity } = cmd.buyNow;
      const probe: CartLineSnapshot = { skuId, quantity, addedAt: now, selected: true, priceWhenAdded: null };
      resolved = await resolveCart(sources, [probe]);
      const r = resolved[0]!;
      if (r.invalid === 'unknown_sku') throw CART_ERRORS.raise('UNKNOWN_SKU', `no SKU ${skuId} in the catalog`, { skuId });
      if (r.invalid === 'not_listed') throw CART_ERRORS.raise('SKU_NOT_LISTED', `SKU ${skuId} is not on sale (its product is not listed)`, { skuId });
    } else {
      resolved = (await resolveCart(sources, await cartLinesOf(tx, { kind: 'member', id: cmd.memberId }))).filter((r) => r.line.selected && r.invalid === null);
      if (resolved.length === 0) throw checkoutInvalid(CHECKOUT_ERROR.NOTHING_TO_BUY, 'nothing to buy: select cart lines that can be bought, or buy one SKU now');
    }
    for (const r of resolved) {
      const { skuId, quantity } = r.line;
      if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1) {
        throw CART_ERRORS.raise('INVALID_QUANTITY', 'a quantity is a whole number of at least 1', { skuId, quantity });
      }
      if (quantity > r.limit.max) {
        if (r.limit.reason === 'stock' && r.limit.max <= 0) throw CART_ERRORS.raise('OUT_OF_STOCK', `SKU ${skuId} is out of stock`, { skuId });
        throw CART_ERRORS.raise('QUANTITY_LIMIT', `at most ${r.limit.max} of SKU ${skuId} can be bought (${r.limit.reason.replace('_', ' ')})`, { skuId, quantity, max: r.limit.max, reason: r.limit.reason });
      }
    }
    return resolved;
  }

  /** One shop's freight input: its lines at their goods amount after activities (decision 0013). */
  private async freightInput(tx: Transaction, shopId: string, address: string, resolved: readonly ResolvedCartLine[], priced: PricingResult): Promise<FreightQuoteInput> {
    const shopLines = priced.lines.filter((l) => resolved.find((r) => r.line.skuId === l.skuId)!.product!.shopId === shopId);
    const input = await freightQuoteInput(tx, { shopId, address, lines: shopLines.map((l) => ({ lineId: l.lineId, skuId: l.skuId, quantity: l.quantity, amount: afterActivities(l).toString() })) });
    // A SKU assigned to another shop's template (the catalog has no shops yet, decision 0014) falls back to this shop's rules.
    const own = new Set(input.templates.filter((t) => t.shopId === shopId).map((t) => t.id));
    return { ...input, templates: input.templates.filter((t) => own.has(t.id)), lines: input.lines.map((l) => (l.templateId !== null && !own.has(l.templateId) ? { ...l, templateId: null } : l)) };
  }

  /** The coupons the engine may use: all the member's usable ones ('recommended'), none, or the chosen ones (each must be the member's and usable). */
  private async coupons(tx: Transaction, cmd: PreviewCheckoutCommand, now: Date): Promise<{ coupons: MemberCoupon[]; chosen: readonly string[] }> {
    const choice = cmd.coupons ?? 'recommended';
    if (choice === 'none') return { coupons: [], chosen: [] };
    const owned = await memberCouponsAt(tx, cmd.memberId, now);
    const chosen = choice === 'recommended' ? [] : [...new Set(choice)];
    for (const id of chosen) {
      const c = owned.find((x) => x.couponId === id);
      if (!c) throw checkoutNotFound(CHECKOUT_ERROR.COUPON_NOT_FOUND, `the member has no coupon ${id}`, { couponId: id });
      if (!c.terms) throw checkoutInvalid(CHECKOUT_ERROR.COUPON_NOT_USABLE, `coupon ${id} is ${c.state}`, { couponId: id, reason: c.state.toUpperCase() });
    }
    const usable = owned.flatMap((c) => (c.terms && (choice === 'recommended' || chosen.includes(c.couponId)) ? [c.terms] : []));
    return { coupons: usable, chosen };
  }
}

/** The district code of a delivery address, or CHECKOUT.INVALID_ADDRESS. */
export function checkoutAddress(address: string): string {
  try {
    return districtCode(address);
  } catch {
    throw checkoutInvalid(CHECKOUT_ERROR.INVALID_ADDRESS, 'the address must be a district code of a known region', { address });
  }
}

const pick = (l: CheckoutLine): LineAmounts => Object.fromEntries(AMOUNT_KEYS.map((k) => [k, l[k]])) as unknown as LineAmounts;

/**
 * A shop's shipping coupon covers that shop's freight only: its face is capped by the shop's freight
 * before the engine sees it (the engine caps by the order's freight); on a shop shipping free it is left out.
 */
function capShopShipping(coupons: readonly MemberCoupon[], quotes: ReadonlyMap<string, FreightQuote>): MemberCoupon[] {
  return coupons.flatMap((c) => {
    if (c.kind !== 'shipping' || c.issuer.kind !== 'shop') return [c];
    const shopFreight = quotes.get(c.issuer.shopId)?.subtotal;
    if (!shopFreight || shopFreight.isZero()) return [];
    const face = c.amount === undefined ? shopFreight : Money.min(Money.of(String(c.amount)), shopFreight);
    return [{ ...c, amount: face.toString() }];
  });
}

/** Every chosen coupon must be in the engine's plan; otherwise say why (CPN-1 rejection, or not combinable with the others). */
function checkChosenCoupons(chosen: readonly string[], result: PricingResult): void {
  const used = new Set(result.coupons.map((c) => c.id));
  for (const id of chosen) {
    if (used.has(id)) continue;
    const option = result.couponOptions.find((o) => o.couponId === id);
    const reason = option?.rejection ?? (option ? 'NOT_COMBINABLE' : 'NO_FREIGHT');
    throw checkoutInvalid(CHECKOUT_ERROR.COUPON_NOT_USABLE, `coupon ${id} cannot be used on this order (${reason})`, { couponId: id, reason });
  }
}

/** The engine's freight deduction by shop: a shop's shipping coupon to that shop; a platform one over the shops by their freight (`allocate`). */
function shippingShares(result: PricingResult, shopIds: readonly string[], quotes: ReadonlyMap<string, FreightQuote>): Map<string, Money> {
  const total = result.totals.freightDeduction;
  const out = new Map(shopIds.map((s) => [s, Money.zero(total.currency)]));
  if (total.isZero()) return out;
  const coupon = result.coupons.find((c) => c.kind === 'shipping');
  if (coupon?.issuerShopId) {
    out.set(coupon.issuerShopId, total);
    return out;
  }
  const parts = allocate(total, shopIds.map((s) => quotes.get(s)!.subtotal.toMinor().toString()));
  shopIds.forEach((s, i) => out.set(s, parts[i]!));
  return out;
}

