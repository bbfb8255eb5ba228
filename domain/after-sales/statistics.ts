import { Money } from '../shared/money.js';
import { AFTER_SALES_ERRORS } from './errors.js';
import { REQUEST_TYPES, type RequestType } from './eligibility.js';
import { freightCompensationOf, REASONS, type Reason, type RequestSnapshot } from './request-state.js';
import { refundedParts } from './refunded.js';

const MAX_PERIOD_MS = 366 * 86_400_000;

/** A statistics period [from, to): it ends after it starts and is at most 366 days long (AFTER_SALES.INVALID_PERIOD). */
export function checkPeriod(from: Date, to: Date): void {
  if (!(to.getTime() > from.getTime()) || to.getTime() - from.getTime() > MAX_PERIOD_MS) {
    throw AFTER_SALES_ERRORS.raise('INVALID_PERIOD', 'a statistics period ends after it starts and is at most 366 days long', {
      from: from.toISOString(),
      to: to.toISOString(),
    });
  }
}

/** What was asked and refunded, for one shop or one product. */
export interface RefundFigures {
  /** Requests that name it (a request on two products counts for each). */
  readonly requests: number;
  /** Units asked for. */
  readonly units: number;
  /** Units whose refund went out. */
  readonly refundedUnits: number;
  /** Cash refunded for it (issued refunds; an agent's amount split over the request's parts, freight compensation left out). */
  readonly refunded: Money;
  /** Units sold (paid) in the period, when known. */
  readonly sold: number;
  /** 退款率: refunded units ÷ units sold in the period, to 4 places; null when none were sold. */
  readonly refundRate: number | null;
}

export interface AfterSalesStatistics {
  readonly from: Date;
  readonly to: Date;
  readonly requests: number;
  readonly byType: Readonly<Record<RequestType, number>>;
  /** Requests by reason, every reason listed. */
  readonly byReason: Readonly<Record<Reason, number>>;
  /** Requests closed by rejection, withdrawal or not shipping back. */
  readonly closed: number;
  /** Issued refunds and what they paid out in all (with freight compensation). */
  readonly refunds: { readonly count: number; readonly amount: Money };
  readonly byShop: readonly ({ readonly shopId: string } & RefundFigures)[];
  readonly byProduct: readonly ({ readonly skuId: string } & RefundFigures)[];
}

/**
 * The statistics of the requests opened in a period (spec §11 item 5): counts by type and reason, and per
 * shop and product what was asked and refunded, and the refund rate against the units sold in the period
 * (`sold`, ordering's); shops and products by refunded amount, then units, then id.
 */
export function requestStatistics(
  requests: readonly RequestSnapshot[],
  from: Date,
  to: Date,
  currency: string,
  sold: readonly { readonly skuId: string; readonly shopId: string; readonly units: number }[] = [],
): AfterSalesStatistics {
  const zero = Money.zero(currency);
  const byType = Object.fromEntries(REQUEST_TYPES.map((t) => [t, 0])) as Record<RequestType, number>;
  const byReason = Object.fromEntries(REASONS.map((r) => [r, 0])) as Record<Reason, number>;
  const shops = new Map<string, { requests: number; units: number; refundedUnits: number; refunded: Money }>();
  const products = new Map<string, { requests: number; units: number; refundedUnits: number; refunded: Money }>();
  const add = (map: typeof shops, key: string, units: number, refundedUnits: number, refunded: Money, counts: boolean) => {
    const was = map.get(key) ?? { requests: 0, units: 0, refundedUnits: 0, refunded: zero };
    map.set(key, {
      requests: was.requests + (counts ? 1 : 0),
      units: was.units + units,
      refundedUnits: was.refundedUnits + refundedUnits,
      refunded: was.refunded.add(refunded),
    });
  };
  let closed = 0;
  let refundCount = 0;
  let refundAmount = zero;
  for (const r of requests) {
    byType[r.type] += 1;
    byReason[r.reason] += 1;
    if (r.status === 'closed') closed += 1;
    const parts = refundedParts(r);
    if (parts) {
      refundCount += 1;
      const compensation = freightCompensationOf(r) ?? zero;
      refundAmount = refundAmount.add(Money.sum([...parts.lines.map((l) => l.cash), parts.freight, compensation], currency));
    }
    const units = r.quote.lines.reduce((n, l) => n + l.quantity, 0);
    const cash = parts ? Money.sum([...parts.lines.map((l) => l.cash), parts.freight], currency) : zero;
    add(shops, r.shopId, units, parts ? units : 0, cash, true);
    const seen = new Set<string>();
    r.quote.lines.forEach((l, i) => {
      const sku = l.skuId ?? `line:${l.lineId}`;
      add(products, sku, l.quantity, parts ? l.quantity : 0, parts?.lines[i]?.cash ?? zero, !seen.has(sku));
      seen.add(sku);
    });
  }
  const soldBy = (key: 'skuId' | 'shopId', id: string) => sold.reduce((n, x) => n + (x[key] === id ? x.units : 0), 0);
  const ranked = <K extends 'skuId' | 'shopId'>(map: typeof shops, key: K) =>
    [...map.entries()]
      .map(([id, f]) => {
        const units = soldBy(key, id);
        return { [key]: id, ...f, sold: units, refundRate: units === 0 ? null : Math.round((f.refundedUnits / units) * 10_000) / 10_000 } as {
          [P in K]: string;
        } & RefundFigures;
      })
      .sort((a, b) => b.refunded.compare(a.refunded) || b.units - a.units || (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0));
  return {
    from,
    to,
    requests: requests.length,
    byType,
    byReason,
    closed,
    refunds: { count: refundCount, amount: refundAmount },
    byShop: ranked(shops, 'shopId'),
    byProduct: ranked(products, 'skuId'),
  };
}
