import {
  FAMILY_OF,
  type ActivityFamily,
  type AddOnOffer,
  type AppliedActivity,
  type GiftGrant,
  type GiftPool,
  type PricedLineResult,
  type PricingLineInput,
  type PricingResult,
  type UnmetThreshold,
} from '../pricing/index.js';
import { Money } from '../shared/money.js';
import { lineLimit, type CartLineSnapshot, type CartOwner, type CartSnapshot, type LineLimit } from './cart.js';
import type { CartProduct, SkuAvailability } from './ports.js';

/**
 * Why a line cannot be bought (失效商品), listed apart and clearable at once. A price change is not
 * one of them: the line is flagged (`priceChange`) and stays buyable — see decision 0014.
 */
export type InvalidReason = 'unknown_sku' | 'not_listed' | 'out_of_stock';

/** A cart line with what the catalog and the sales layer say of its SKU now. */
export interface ResolvedCartLine {
  readonly line: CartLineSnapshot;
  readonly product: CartProduct | null;
  readonly availability: SkuAvailability | null;
  /** The line's bound now (0 for an unknown or unlisted SKU). */
  readonly limit: LineLimit;
  readonly invalid: InvalidReason | null;
}

/** Classifies each line: unknown SKU, product not listed, out of stock (sellable ≤ 0, not virtual), or valid. */
export function resolveLines(
  lines: readonly CartLineSnapshot[],
  products: ReadonlyMap<string, CartProduct>,
  availability: ReadonlyMap<string, SkuAvailability>,
): ResolvedCartLine[] {
  return lines.map((line) => {
    const product = products.get(line.skuId) ?? null;
    const stock = availability.get(line.skuId) ?? null;
    const invalid: InvalidReason | null =
      product === null ? 'unknown_sku' : !product.listed ? 'not_listed' : stock === null || (!stock.virtual && stock.sellable <= 0) ? 'out_of_stock' : null;
    const limit =
      invalid === 'unknown_sku' || invalid === 'not_listed'
        ? { max: 0, reason: 'stock' as const }
        : lineLimit({ purchaseLimit: product!.purchaseLimit, sellable: stock === null ? 0 : stock.virtual ? null : stock.sellable });
    return { line, product, availability: stock, limit, invalid };
  });
}

/** The engine's input for the selected, valid lines (line id = SKU id, unit price = the catalog's sale price now). */
export function pricingLinesOf(resolved: readonly ResolvedCartLine[]): PricingLineInput[] {
  return resolved
    .filter((r) => r.line.selected && r.invalid === null)
    .map(({ line, product: p }) => ({
      lineId: line.skuId,
      skuId: line.skuId,
      productId: p!.spuId,
      categoryIds: p!.categoryIds,
      ...(p!.brandId !== null ? { brandId: p!.brandId } : {}),
      shopId: p!.shopId,
      selfRun: p!.selfRun,
      tags: p!.tags,
      quantity: line.quantity,
      unitPrice: p!.salePrice.toString(),
    }));
}

export type StockState = 'in_stock' | 'insufficient' | 'out_of_stock';

export interface CartLineView {
  readonly skuId: string;
  readonly quantity: number;
  readonly selected: boolean;
  readonly addedAt: Date;
  /** Null for a SKU the catalog does not know. */
  readonly product: {
    readonly spuId: string;
    readonly skuCode: string;
    readonly title: string;
    readonly specs: Readonly<Record<string, string>>;
    readonly shopId: string;
    readonly selfRun: boolean;
  } | null;
  /** The catalog's sale price now (null: unknown SKU). */
  readonly unitPrice: Money | null;
  readonly priceWhenAdded: Money | null;
  /** The sale price moved since the line was added: flagged, still buyable. `difference` = now − was. */
  readonly priceChange: { readonly was: Money; readonly now: Money; readonly difference: Money } | null;
  /** `sellable` null = virtual (no bound); `insufficient` = fewer in stock than the line holds. */
  readonly stock: { readonly state: StockState; readonly sellable: number | null };
  /** The most this line may hold now (999, purchase limit, stock). */
  readonly maxQuantity: number;
  readonly invalidReason: InvalidReason | null;
  /** The engine's figures for a selected valid line (activity prices, discount shares, payable); else null. */
  readonly pricing: PricedLineResult | null;
}

/** The promotion a group of lines shares in a shop (a set-level activity of the chosen plan). */
export interface CartPromotionView {
  readonly id: string;
  readonly name: string;
  readonly kind: AppliedActivity['kind'];
  readonly family: ActivityFamily;
  readonly discount: Money;
  readonly detail: string;
}

export interface CartGroupView {
  /** Null: lines sharing no promotion (unselected lines are not priced, so they land here). */
  readonly promotion: CartPromotionView | null;
  /** The promotion's next tier not reached ("add 12.00 more for 20.00 off"). */
  readonly unmetThresholds: readonly UnmetThreshold[];
  readonly lines: readonly CartLineView[];
}

export interface CartShopView {
  readonly shopId: string;
  readonly selfRun: boolean;
  readonly groups: readonly CartGroupView[];
  /** Σ payable of the shop's selected lines. */
  readonly payable: Money;
}

/** CRT-1: activity discounts are in, coupons are not (the engine runs with no coupons, no points, no freight). */
export interface CartTotals {
  readonly selectedLines: number;
  readonly selectedQuantity: number;
  /** Σ quantity × sale price of the selected lines. */
  readonly subtotal: Money;
  /** Price activities (single-item, flash sale). */
  readonly itemPriceDiscount: Money;
  /** Set-level activities (满减, 满折, multi-buy …). */
  readonly activityDiscount: Money;
  /** subtotal − item price discount − activity discount. */
  readonly payable: Money;
}

export interface CartView {
  readonly cartId: string;
  readonly owner: CartOwner;
  /** 0 when the cart was never saved. */
  readonly version: number;
  readonly lineCount: number;
  /** Valid lines by shop, then by shared promotion; newest first at every level. */
  readonly shops: readonly CartShopView[];
  /** 失效商品, newest first. */
  readonly invalid: readonly CartLineView[];
  readonly totals: CartTotals;
  readonly gifts: { readonly fixed: readonly GiftGrant[]; readonly pools: readonly GiftPool[] };
  readonly addOnOffers: readonly AddOnOffer[];
  readonly unmetThresholds: readonly UnmetThreshold[];
  /** When prices and stock were read. */
  readonly at: Date;
}

/** The family that names a line's group when it takes several set-level activities: 满减/满折 first. */
const GROUP_FAMILY_ORDER: readonly ActivityFamily[] = ['reduction', 'group', 'add_on', 'gift'];

/**
 * The cart as the shopper sees it (spec §4): valid lines grouped by shop and, inside a shop, by the
 * set-level promotion they share in the engine's chosen plan over the selected lines; invalid lines
 * apart; newest first throughout (shops and groups by their newest line). `pricing` is the engine's
 * result over `pricingLinesOf(resolved)` with no coupons (CRT-1), or null when nothing is selected.
 */
export function cartView(input: {
  readonly cart: Pick<CartSnapshot, 'id' | 'owner' | 'version'>;
  readonly resolved: readonly ResolvedCartLine[];
  readonly pricing: PricingResult | null;
  readonly now: Date;
}): CartView {
  const { resolved, pricing } = input;
  const priced = new Map((pricing?.lines ?? []).map((l) => [l.lineId, l]));
  const promotionOf = new Map<string, AppliedActivity>();
  for (const family of [...GROUP_FAMILY_ORDER].reverse()) {
    for (const a of pricing?.activities ?? []) {
      if (FAMILY_OF[a.kind] === family) for (const lineId of a.lineIds) promotionOf.set(lineId, a);
    }
  }
  const shops = new Map<string, { selfRun: boolean; groups: Map<string, { promotion: AppliedActivity | null; lines: CartLineView[] }> }>();
  const invalid: CartLineView[] = [];
  for (const r of resolved) {
    const view = lineView(r, priced.get(r.line.skuId) ?? null);
    if (r.invalid !== null) {
      invalid.push(view);
      continue;
    }
    const shop = shops.get(r.product!.shopId) ?? { selfRun: r.product!.selfRun, groups: new Map() };
    shops.set(r.product!.shopId, shop);
    const promotion = promotionOf.get(r.line.skuId) ?? null;
    const key = promotion?.id ?? '';
    const group = shop.groups.get(key) ?? { promotion, lines: [] };
    shop.groups.set(key, group);
    group.lines.push(view);
  }
  const currency = pricing?.currency;
  const zero = Money.zero(currency);
  const selected = resolved.filter((r) => r.line.selected && r.invalid === null);
  return {
    cartId: input.cart.id,
    owner: input.cart.owner,
    version: input.cart.version,
    lineCount: resolved.length,
    shops: [...shops].map(([shopId, s]) => ({
      shopId,
      selfRun: s.selfRun,
      groups: [...s.groups.values()].map((g) => ({
        promotion: g.promotion && {
          id: g.promotion.id,
          name: g.promotion.name,
          kind: g.promotion.kind,
          family: g.promotion.family,
          discount: g.promotion.discount,
          detail: g.promotion.detail,
        },
        unmetThresholds: g.promotion ? (pricing?.unmetThresholds ?? []).filter((u) => u.source === 'activity' && u.id === g.promotion!.id) : [],
        lines: g.lines,
      })),
      payable: Money.sum(
        [...s.groups.values()].flatMap((g) => g.lines.flatMap((l) => (l.pricing ? [l.pricing.payable] : []))),
        currency,
      ),
    })),
    invalid,
    totals: {
      selectedLines: selected.length,
      selectedQuantity: selected.reduce((n, r) => n + r.line.quantity, 0),
      subtotal: pricing?.totals.subtotal ?? zero,
      itemPriceDiscount: pricing?.totals.itemPriceDiscount ?? zero,
      activityDiscount: pricing?.totals.activityDiscount ?? zero,
      payable: pricing?.totals.payable ?? zero,
    },
    gifts: pricing?.gifts ?? { fixed: [], pools: [] },
    addOnOffers: pricing?.addOnOffers ?? [],
    unmetThresholds: pricing?.unmetThresholds ?? [],
    at: input.now,
  };
}

function lineView(r: ResolvedCartLine, pricing: PricedLineResult | null): CartLineView {
  const { line, product: p, availability: a } = r;
  const now = p?.salePrice ?? null;
  const was = line.priceWhenAdded;
  const sellable = a === null ? 0 : a.virtual ? null : a.sellable;
  const state: StockState = sellable === null ? 'in_stock' : sellable <= 0 ? 'out_of_stock' : sellable < line.quantity ? 'insufficient' : 'in_stock';
  return {
    skuId: line.skuId,
    quantity: line.quantity,
    selected: line.selected,
    addedAt: line.addedAt,
    product: p && { spuId: p.spuId, skuCode: p.skuCode, title: p.title, specs: p.specs, shopId: p.shopId, selfRun: p.selfRun },
    unitPrice: now,
    priceWhenAdded: was,
    priceChange: now !== null && was !== null && !now.equals(was) ? { was, now, difference: now.subtract(was) } : null,
    stock: { state, sellable },
    maxQuantity: r.limit.max,
    invalidReason: r.invalid,
    pricing,
  };
}
