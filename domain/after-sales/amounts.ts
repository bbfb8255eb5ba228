import { Money } from '../shared/money.js';
import { AFTER_SALES_ERRORS } from './errors.js';

/** An order line as after-sales sees it: what was bought and what it really cost (ORD-4). */
export interface PaidLine {
  readonly lineId: string;
  /** The SKU bought (statistics by product). */
  readonly skuId?: string;
  /** Units bought. */
  readonly quantity: number;
  /** The line's allocated actual paid amount: goods less every discount of the line (coupons, activities, points, member). */
  readonly paid: Money;
  /** The points the line's units used (whole points; their value is in the line's discounts, not in `paid`). */
  readonly points: number;
}

/** What a request asks for: units of the order's lines. */
export interface RequestedLine {
  readonly lineId: string;
  readonly quantity: number;
}

/** The order's side of AFS-2. */
export interface RefundableOrder {
  readonly currency: string;
  readonly lines: readonly PaidLine[];
  /** The freight the member paid (charged less a shipping coupon). */
  readonly freightPaid: Money;
  /** Whether any of the order has shipped (then freight is never refunded). */
  readonly shipped: boolean;
  /** The freight the order's live requests already carry (none: nothing). */
  readonly freightHeld?: Money;
}

export interface LineRefund {
  readonly lineId: string;
  /** The line's SKU, when the order named it. */
  readonly skuId?: string;
  readonly quantity: number;
  readonly cash: Money;
  readonly points: number;
}

/** AFS-2 for one request: cash and points per line, the freight it carries, and the totals. */
export interface RefundQuote {
  readonly lines: readonly LineRefund[];
  /** The lines' cash. */
  readonly goods: Money;
  /** Freight, only while nothing shipped and only with the request that takes the order's last units. */
  readonly freight: Money;
  /** goods + freight: the most an agent may set the refund to. */
  readonly refundable: Money;
  /** Points given back as points, never as cash. */
  readonly points: number;
}

/** What the live requests of a line (open or succeeded: a closed one gives its units back) hold. */
export interface HeldByRequests {
  readonly units: number;
  readonly cash: Money;
  readonly points: number;
}

/**
 * The share of the first `units` of `quantity` equal units in `total` (minor units or points):
 * ⌊total × units / quantity⌋ (decision 0031).
 */
export function sharesUpTo(total: bigint, quantity: number, units: number): bigint {
  return (total * BigInt(units)) / BigInt(quantity);
}

/**
 * AFS-2 for `quantity` more units of `line`, given what the line's live requests hold: the share of
 * all units held after this one, less what is held already — never below zero. However requests come,
 * close and come again, what the live ones hold never passes what was paid, and once every unit is
 * held it is exactly what was paid (decision 0031).
 */
export function unitsRefund(line: PaidLine, held: HeldByRequests | undefined, quantity: number): { cash: Money; points: number } {
  const units = (held?.units ?? 0) + quantity;
  const cash = sharesUpTo(line.paid.toMinor(), line.quantity, units) - (held?.cash.toMinor() ?? 0n);
  const points = sharesUpTo(BigInt(line.points), line.quantity, units) - BigInt(held?.points ?? 0);
  return { cash: Money.fromMinor(cash > 0n ? cash : 0n, line.paid.currency), points: Number(points > 0n ? points : 0n) };
}

/**
 * AFS-2: what a request for `requested` units refunds, given what the live requests of each line hold
 * (`held`). Coupon and activity discounts are never paid out: the cash is the allocated paid amount of
 * the units; the points they used come back as points; freight only while nothing shipped, with the
 * request that takes the order's last units (what no live request carries of it yet). AFTER_SALES.INVALID_LINES, UNKNOWN_LINE, QUANTITY_EXCEEDS
 * otherwise.
 */
export function quoteRefund(order: RefundableOrder, held: ReadonlyMap<string, HeldByRequests>, requested: readonly RequestedLine[]): RefundQuote {
  checkRequested(order, held, requested);
  const lines = requested.map((r) => {
    const line = order.lines.find((l) => l.lineId === r.lineId)!;
    return {
      lineId: r.lineId,
      ...(line.skuId !== undefined ? { skuId: line.skuId } : {}),
      quantity: r.quantity,
      ...unitsRefund(line, held.get(r.lineId), r.quantity),
    };
  });
  const goods = Money.sum(
    lines.map((l) => l.cash),
    order.currency,
  );
  const takesTheRest = order.lines.every(
    (l) => (held.get(l.lineId)?.units ?? 0) + (requested.find((r) => r.lineId === l.lineId)?.quantity ?? 0) === l.quantity,
  );
  // The request that leaves no unit unheld carries the freight no live request carries yet.
  const freightLeft = order.freightPaid.subtract(order.freightHeld ?? Money.zero(order.currency));
  const freight = !order.shipped && takesTheRest && freightLeft.isPositive() ? freightLeft : Money.zero(order.currency);
  return { lines, goods, freight, refundable: goods.add(freight), points: lines.reduce((n, l) => n + l.points, 0) };
}

function checkRequested(order: RefundableOrder, held: ReadonlyMap<string, HeldByRequests>, requested: readonly RequestedLine[]): void {
  if (requested.length === 0) throw AFTER_SALES_ERRORS.raise('INVALID_LINES', 'a request names at least one line');
  const seen = new Set<string>();
  for (const r of requested) {
    if (seen.has(r.lineId)) throw AFTER_SALES_ERRORS.raise('INVALID_LINES', `line ${r.lineId} is named twice`, { lineId: r.lineId });
    seen.add(r.lineId);
    if (!Number.isInteger(r.quantity) || r.quantity < 1) {
      throw AFTER_SALES_ERRORS.raise('INVALID_LINES', 'a quantity is a whole number of at least 1', { lineId: r.lineId, quantity: r.quantity });
    }
    const line = order.lines.find((l) => l.lineId === r.lineId);
    if (!line) throw AFTER_SALES_ERRORS.raise('UNKNOWN_LINE', `the order has no line ${r.lineId}`, { lineId: r.lineId });
    const left = line.quantity - (held.get(r.lineId)?.units ?? 0);
    if (r.quantity > left) {
      throw AFTER_SALES_ERRORS.raise('QUANTITY_EXCEEDS', `line ${r.lineId} has ${left} unit(s) left to request, not ${r.quantity}`, {
        lineId: r.lineId,
        quantity: r.quantity,
        left,
      });
    }
  }
}
