import { CART_ERRORS, pricingLinesOf, type CartLineSnapshot, type ResolvedCartLine } from '../../domain/cart/index.js';
import { CHECKOUT_ERRORS, type CheckoutInputs } from '../../domain/checkout/index.js';
import type { ShopFreightRules } from '../../domain/freight/index.js';
import { cartLinesOf, cartSources, resolveCart, type CartSources } from '../cart/index.js';
import { memberCouponsAt } from '../coupon/index.js';
import { crossBorderPaidThisYear } from '../crossborder/index.js';
import { dispatchCandidates } from '../dispatch/index.js';
import { shopFreightRules } from '../freight/index.js';
import { promotionsForPricing } from '../promotion/index.js';
import type { Transaction } from '../shared/unit-of-work.js';
import type { CheckoutDeps } from './deps.js';
import type { PreviewCheckoutCommand } from './preview-checkout.js';

/**
 * Reads everything a checkout quote needs, in the caller's transaction and before any amount is
 * computed (the pure `quoteCheckout` of domain/checkout then prices it). Writes nothing. In order:
 *
 * - the lines to buy (the cart's selected valid lines, or the buy-now line), each within its limit now
 *   (CART.* codes; CHECKOUT.NOTHING_TO_BUY);
 * - the activities serving now and the member's purchase allowances (promotion);
 * - whether the member is a new customer (the coupon context's customer history);
 * - the member's coupons with their state now, unless the member chose none (coupon);
 * - the points balance and the spending rule, when points are asked for (membership);
 * - per shop, its freight settings, its SKUs' templates and their assignments (freight);
 * - the DSP-1 candidates: the active warehouses with their stock of the SKUs (dispatch);
 * - what the buyer paid for cross-border orders this year, when cross-border rates are given (crossborder).
 */
export async function loadCheckout(tx: Transaction, deps: CheckoutDeps, cmd: PreviewCheckoutCommand, now: Date): Promise<CheckoutInputs> {
  const lines = await linesToBuy(tx, cartSources(tx, deps.shops), cmd, now);
  const { activities, purchaseLimits, allowances } = await promotionsForPricing(tx, now, cmd.memberId);
  const isNewCustomer = await deps.customers.isNewCustomer(cmd.memberId);
  const coupons = (cmd.coupons ?? 'recommended') === 'none' ? null : await memberCouponsAt(tx, cmd.memberId, now);
  const points = cmd.points === undefined || cmd.points === 0 ? null : await deps.points.pointsOf(tx, cmd.memberId);
  const priced = pricingLinesOf(lines);
  const freight = new Map<string, ShopFreightRules>();
  for (const shopId of new Set(priced.map((l) => l.shopId))) {
    freight.set(shopId, await shopFreightRules(tx, { shopId, skuIds: priced.filter((l) => l.shopId === shopId).map((l) => l.skuId) }));
  }
  const dispatch = await dispatchCandidates(
    tx,
    priced.map((l) => l.skuId),
  );
  const crossBorder = (cmd.crossBorder ?? []).length > 0;
  return {
    lines,
    activities,
    purchaseLimits,
    limitedActivityIds: allowances.filter((x) => x.limit !== null).map((x) => x.activityId),
    isNewCustomer,
    coupons,
    points,
    freight,
    dispatch,
    crossBorderPaidThisYear: crossBorder ? await crossBorderPaidThisYear(tx, cmd.personId ?? `member:${cmd.memberId}`, now) : null,
  };
}

/** The cart's selected valid lines (quantities within their limits now), or the buy-now line. */
async function linesToBuy(tx: Transaction, sources: CartSources, cmd: PreviewCheckoutCommand, now: Date): Promise<ResolvedCartLine[]> {
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
    if (resolved.length === 0) throw CHECKOUT_ERRORS.raise('NOTHING_TO_BUY', 'nothing to buy: select cart lines that can be bought, or buy one SKU now');
  }
  for (const r of resolved) {
    const { skuId, quantity } = r.line;
    if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1) {
      throw CART_ERRORS.raise('INVALID_QUANTITY', 'a quantity is a whole number of at least 1', { skuId, quantity });
    }
    if (quantity > r.limit.max) {
      if (r.limit.reason === 'stock' && r.limit.max <= 0) throw CART_ERRORS.raise('OUT_OF_STOCK', `SKU ${skuId} is out of stock`, { skuId });
      throw CART_ERRORS.raise('QUANTITY_LIMIT', `at most ${r.limit.max} of SKU ${skuId} can be bought (${r.limit.reason.replace('_', ' ')})`, {
        skuId,
        quantity,
        max: r.limit.max,
        reason: r.limit.reason,
      });
    }
  }
  return resolved;
}
