import type { FreightQuote } from '../freight/index.js';
import type { LineDiscountShare, PricedLineResult } from '../pricing/index.js';
import { allocate } from '../shared/allocation.js';
import { Money } from '../shared/money.js';

/**
 * Every amount of one checkout line (ORD-1, ORD-4): the engine's figures (PRM-3 steps 1–5), the line's
 * share of its shop's freight and of the shipping coupon, and its cross-border tax.
 * payable = goodsPayable + freight − freightDeduction + tax.
 */
export interface LineAmounts {
  /** quantity × normal unit price. */
  readonly subtotal: Money;
  /** normal − activity price amount (PRM-3 step 2). */
  readonly itemPriceDiscount: Money;
  /** Σ set-level activity shares (step 3). */
  readonly activityDiscount: Money;
  /** Σ goods coupon shares (step 4). */
  readonly couponDiscount: Money;
  /** The line's share of the points deduction (step 5). */
  readonly pointsAmount: Money;
  /** The engine's line payable: subtotal − item price − activities − coupons − points. */
  readonly goodsPayable: Money;
  /** The line's share of its shop's freight (step 6). */
  readonly freight: Money;
  /** The line's share of the shipping coupon. */
  readonly freightDeduction: Money;
  /** Cross-border comprehensive tax (0 for a domestic line). */
  readonly tax: Money;
  readonly payable: Money;
}

export const AMOUNT_KEYS = [
  'subtotal',
  'itemPriceDiscount',
  'activityDiscount',
  'couponDiscount',
  'pointsAmount',
  'goodsPayable',
  'freight',
  'freightDeduction',
  'tax',
  'payable',
] as const;

/** Σ of amounts, key by key (child orders, shops, the order). */
export function sumAmounts(items: readonly LineAmounts[], currency = 'CNY'): LineAmounts {
  const out = {} as Record<(typeof AMOUNT_KEYS)[number], Money>;
  for (const k of AMOUNT_KEYS)
    out[k] = Money.sum(
      items.map((i) => i[k]),
      currency,
    );
  return out;
}

/** The engine's amounts of a priced line, with freight, its deduction and tax added. */
export function lineAmounts(priced: PricedLineResult, extra: { freight: Money; freightDeduction: Money; tax: Money }): LineAmounts {
  const share = (source: LineDiscountShare['source']) =>
    Money.sum(
      priced.discounts.filter((d) => d.source === source).map((d) => d.amount),
      priced.unitPrice.currency,
    );
  return {
    subtotal: priced.normalAmount,
    itemPriceDiscount: priced.normalAmount.subtract(priced.activityPriceAmount),
    activityDiscount: share('activity'),
    couponDiscount: share('coupon'),
    pointsAmount: priced.pointsAmount,
    goodsPayable: priced.payable,
    freight: extra.freight,
    freightDeduction: extra.freightDeduction,
    tax: extra.tax,
    payable: priced.payable.add(extra.freight).subtract(extra.freightDeduction).add(extra.tax),
  };
}

/** The goods amount after activities (PRM-3 steps 2–3, before coupons): what freight free-shipping rules compare (decision 0013). */
export function afterActivities(priced: PricedLineResult): Money {
  const activity = priced.discounts.filter((d) => d.source === 'activity').map((d) => d.amount);
  return priced.activityPriceAmount.subtract(Money.sum(activity, priced.unitPrice.currency));
}

/**
 * ORD-4 for freight: each charged group's fee goes to the group's lines in proportion to their goods
 * amounts (`allocate`), then the quote's deduction (shipping coupon) goes to the lines in proportion to
 * their freight. Σ freight = quote.subtotal, Σ deduction = quote.deduction, exactly.
 */
export function allocateFreight(quote: FreightQuote, lineIds: readonly string[]): Map<string, { freight: Money; freightDeduction: Money }> {
  const currency = quote.subtotal.currency;
  const freight = new Map<string, Money>(lineIds.map((id) => [id, Money.zero(currency)]));
  for (const g of quote.groups) {
    if (g.charged.isZero() || g.lines.length === 0) continue;
    const parts = allocate(
      g.charged,
      g.lines.map((l) => l.amount.toMinor().toString()),
    );
    g.lines.forEach((l, i) => {
      freight.set(l.lineId, (freight.get(l.lineId) ?? Money.zero(currency)).add(parts[i]!));
    });
  }
  const ids = [...freight.keys()];
  const deductions = quote.deduction.isZero()
    ? ids.map(() => Money.zero(currency))
    : allocate(
        quote.deduction,
        ids.map((id) => freight.get(id)!.toMinor().toString()),
      );
  return new Map(ids.map((id, i) => [id, { freight: freight.get(id)!, freightDeduction: deductions[i]! }]));
}

/** A child order (ORD-5): the lines of one shop shipped from one warehouse, amounts = Σ its lines'. */
export interface ChildOrderPlan {
  readonly shopId: string;
  /** Null when the pre-dispatch found no warehouse for the shop's lines (one child for the shop). */
  readonly warehouseId: string | null;
  readonly lineIds: readonly string[];
}

/**
 * ORD-5 split: one child per shop, then per warehouse of the shop's pre-dispatch (DSP-1 groups). A line
 * goes wholly to one child (DSP-1 never splits a line), so the children partition the parent's lines.
 */
export function splitIntoChildren(
  shops: readonly {
    shopId: string;
    lineIds: readonly string[];
    skuOf: (lineId: string) => string;
    warehouses: readonly { warehouseId: string; skuIds: readonly string[] }[] | null;
  }[],
): ChildOrderPlan[] {
  const out: ChildOrderPlan[] = [];
  for (const s of shops) {
    if (s.warehouses === null || s.warehouses.length === 0) {
      out.push({ shopId: s.shopId, warehouseId: null, lineIds: s.lineIds });
      continue;
    }
    const taken = new Set<string>();
    for (const w of s.warehouses) {
      const skus = new Set(w.skuIds);
      const lineIds = s.lineIds.filter((id) => !taken.has(id) && skus.has(s.skuOf(id)));
      for (const id of lineIds) taken.add(id);
      if (lineIds.length > 0) out.push({ shopId: s.shopId, warehouseId: w.warehouseId, lineIds });
    }
    const rest = s.lineIds.filter((id) => !taken.has(id));
    if (rest.length > 0) out.push({ shopId: s.shopId, warehouseId: null, lineIds: rest });
  }
  return out;
}
