import { MAX_QUANTITY } from '../shared/quantity.js';
import { centsOf, isWhole, type AmountInput, type Cents } from './amounts.js';
import { PRICING_ERROR, pricingError } from './errors.js';
import type { ScopedLine } from './scope.js';

/** One order line as the engine reads it (cart or checkout). */
export interface PricingLineInput {
  /** Unique within the order; lines are priced in `lineId` order, so the input order never matters. */
  readonly lineId: string;
  readonly skuId: string;
  readonly productId: string;
  /** The leaf category first or last, with its ancestors: a category scope matches any of them. */
  readonly categoryIds?: readonly string[];
  readonly brandId?: string;
  readonly shopId: string;
  /** Sold by the platform itself (自营): what a "self-run only" coupon covers. */
  readonly selfRun?: boolean;
  readonly tags?: readonly string[];
  /** A whole number of units, 1 to 10⁹. */
  readonly quantity: number;
  /** The normal unit price (the catalog's price for this member), whole cents, not negative. */
  readonly unitPrice: AmountInput;
}

/** A validated line, in the engine's canonical order (by `lineId`). */
export interface OrderLine extends ScopedLine {
  readonly lineId: string;
  /** Where the line stood in the input, to answer in the caller's order. */
  readonly inputIndex: number;
  readonly quantity: number;
  readonly qty: bigint;
  readonly unit: Cents;
  readonly normal: Cents;
}

export function normalizeLines(lines: readonly PricingLineInput[], currency: string): OrderLine[] {
  if (!Array.isArray(lines) || lines.length === 0) {
    throw pricingError(PRICING_ERROR.NO_LINES, 'NO_LINES', 'an order to price needs at least one line');
  }
  const seen = new Set<string>();
  const out = lines.map((l, inputIndex): OrderLine => {
    const fail = (field: string) => (reason: string) =>
      pricingError(PRICING_ERROR.INVALID_LINE, reason, `line ${JSON.stringify(l?.lineId)}: invalid ${field} (${reason})`, {
        lineId: l?.lineId,
        field,
      });
    for (const f of ['lineId', 'skuId', 'productId', 'shopId'] as const) {
      if (typeof l[f] !== 'string' || l[f] === '') throw fail(f)('MISSING');
    }
    if (seen.has(l.lineId)) throw fail('lineId')('DUPLICATE_LINE');
    seen.add(l.lineId);
    if (!isWhole(l.quantity, 1) || l.quantity > MAX_QUANTITY) throw fail('quantity')('NOT_A_WHOLE_QUANTITY');
    const unit = centsOf(l.unitPrice, currency, fail('unitPrice'));
    const qty = BigInt(l.quantity);
    return {
      lineId: l.lineId,
      inputIndex,
      skuId: l.skuId,
      productId: l.productId,
      categoryIds: l.categoryIds ?? [],
      brandId: l.brandId ?? null,
      shopId: l.shopId,
      selfRun: l.selfRun ?? false,
      tags: l.tags ?? [],
      quantity: l.quantity,
      qty,
      unit,
      normal: unit * qty,
    };
  });
  return out.sort((a, b) => (a.lineId < b.lineId ? -1 : a.lineId > b.lineId ? 1 : 0));
}
