import { selectWarehouses, type DispatchCandidate } from '../dispatch/index.js';
import type { FreightQuote } from '../freight/index.js';
import type { MemberCoupon, PricingResult } from '../pricing/index.js';
import { allocate } from '../shared/allocation.js';
import { isDomainError } from '../shared/domain-error.js';
import { Money } from '../shared/money.js';
import { AMOUNT_KEYS, splitIntoChildren, sumAmounts, type LineAmounts } from './breakdown.js';
import { CHECKOUT_ERRORS } from './errors.js';
import type { CheckoutLine, CheckoutShop, ChildOrder } from './preview.js';

// The steps of `quoteCheckout` (quote.ts) that stand on their own: coupon choice, the shipping coupon's
// share per shop, pre-dispatch per shop and the child orders. All pure.

/** A member's coupon as checkout judges it: its state now, and the engine's terms when it may be used now. */
export interface CheckoutCoupon {
  readonly couponId: string;
  readonly state: string;
  readonly terms: MemberCoupon | null;
}

/** The coupons the engine may use: all the member's usable ones ('recommended'), none, or the chosen ones (each must be the member's and usable). */
export function chooseCoupons(
  owned: readonly CheckoutCoupon[] | null,
  choice: 'recommended' | 'none' | readonly string[],
): { coupons: MemberCoupon[]; chosen: readonly string[] } {
  if (choice === 'none') return { coupons: [], chosen: [] };
  const mine = owned ?? [];
  const chosen = choice === 'recommended' ? [] : [...new Set(choice)];
  for (const id of chosen) {
    const c = mine.find((x) => x.couponId === id);
    if (!c) throw CHECKOUT_ERRORS.raise('COUPON_NOT_FOUND', `the member has no coupon ${id}`, { couponId: id });
    if (!c.terms) throw CHECKOUT_ERRORS.raise('COUPON_NOT_USABLE', `coupon ${id} is ${c.state}`, { couponId: id, reason: c.state.toUpperCase() });
  }
  const usable = mine.flatMap((c) => (c.terms && (choice === 'recommended' || chosen.includes(c.couponId)) ? [c.terms] : []));
  return { coupons: usable, chosen };
}

/**
 * A shop's shipping coupon covers that shop's freight only: its face is capped by the shop's freight
 * before the engine sees it (the engine caps by the order's freight); on a shop shipping free it is left out.
 */
export function capShopShipping(coupons: readonly MemberCoupon[], quotes: ReadonlyMap<string, FreightQuote>): MemberCoupon[] {
  return coupons.flatMap((c) => {
    if (c.kind !== 'shipping' || c.issuer.kind !== 'shop') return [c];
    const shopFreight = quotes.get(c.issuer.shopId)?.subtotal;
    if (!shopFreight || shopFreight.isZero()) return [];
    const face = c.amount === undefined ? shopFreight : Money.min(Money.of(String(c.amount)), shopFreight);
    return [{ ...c, amount: face.toString() }];
  });
}

/** Every chosen coupon must be in the engine's plan; otherwise say why (CPN-1 rejection, or not combinable with the others). */
export function checkChosenCoupons(chosen: readonly string[], result: PricingResult): void {
  const used = new Set(result.coupons.map((c) => c.id));
  for (const id of chosen) {
    if (used.has(id)) continue;
    const option = result.couponOptions.find((o) => o.couponId === id);
    const reason = option?.rejection ?? (option ? 'NOT_COMBINABLE' : 'NO_FREIGHT');
    throw CHECKOUT_ERRORS.raise('COUPON_NOT_USABLE', `coupon ${id} cannot be used on this order (${reason})`, { couponId: id, reason });
  }
}

/** The engine's freight deduction by shop: a shop's shipping coupon to that shop; a platform one over the shops by their freight (`allocate`). */
export function shippingShares(result: PricingResult, shopIds: readonly string[], quotes: ReadonlyMap<string, FreightQuote>): Map<string, Money> {
  const total = result.totals.freightDeduction;
  const out = new Map(shopIds.map((s) => [s, Money.zero(total.currency)]));
  if (total.isZero()) return out;
  const coupon = result.coupons.find((c) => c.kind === 'shipping');
  if (coupon?.issuerShopId) {
    out.set(coupon.issuerShopId, total);
    return out;
  }
  const parts = allocate(
    total,
    shopIds.map((s) => quotes.get(s)!.subtotal.toMinor().toString()),
  );
  shopIds.forEach((s, i) => {
    out.set(s, parts[i]!);
  });
  return out;
}

/** Pre-dispatch (DSP-1) of one shop's lines, or why there is none (`DISPATCH.*`): a pre-estimate, not a promise. */
export function shopDispatch(address: string, lines: readonly CheckoutLine[], candidates: readonly DispatchCandidate[]): CheckoutShop['dispatch'] {
  try {
    const plan = selectWarehouses({ address, lines: lines.map((l) => ({ skuId: l.skuId, quantity: l.quantity })), candidates });
    return {
      available: true,
      estimatedDeliveryDays: plan.estimatedDeliveryDays,
      warehouses: plan.groups.map((g) => ({
        warehouseId: g.warehouseId,
        tier: g.tier,
        estimatedDeliveryDays: g.estimatedDeliveryDays,
        skuIds: g.lines.map((x) => x.skuId),
      })),
    };
  } catch (e) {
    // No warehouse or not enough dispatch stock leaves the shop as one child order.
    if (!isDomainError(e) || !e.code.startsWith('DISPATCH.')) throw e;
    return { available: false, code: e.code, message: e.message };
  }
}

const pick = (l: CheckoutLine): LineAmounts => Object.fromEntries(AMOUNT_KEYS.map((k) => [k, l[k]])) as unknown as LineAmounts;

/** ORD-5: the child orders, per shop, then per warehouse of its pre-dispatch; amounts = Σ of their lines. */
export function childOrdersOf(shops: readonly CheckoutShop[], lineById: ReadonlyMap<string, CheckoutLine>): ChildOrder[] {
  const plans = splitIntoChildren(
    shops.map((s) => ({
      shopId: s.shopId,
      lineIds: s.lineIds,
      skuOf: (id: string) => lineById.get(id)!.skuId,
      warehouses: s.dispatch.available ? s.dispatch.warehouses : null,
    })),
  );
  return plans.map((c) => {
    const shop = shops.find((s) => s.shopId === c.shopId)!;
    const days = !shop.dispatch.available ? null : (shop.dispatch.warehouses.find((w) => w.warehouseId === c.warehouseId)?.estimatedDeliveryDays ?? null);
    const ls = c.lineIds.map((id) => lineById.get(id)!);
    return {
      key: c.warehouseId === null ? c.shopId : `${c.shopId}/${c.warehouseId}`,
      shopId: c.shopId,
      warehouseId: c.warehouseId,
      estimatedDeliveryDays: days,
      lines: ls.map((l) => ({ lineId: l.lineId, skuId: l.skuId, quantity: l.quantity, amounts: pick(l) })),
      amounts: sumAmounts(ls),
    };
  });
}
