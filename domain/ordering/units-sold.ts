import { requestOfExchangeOrderId } from './exchange-ids.js';
import type { OrderSnapshot } from './order-state.js';
import { isPaidLeafOrder, type OrderPeriod } from './queries.js';

/** Units of one SKU one shop sold: in paid leaf orders, by the time they were paid. */
export interface UnitsSold {
  readonly skuId: string;
  readonly shopId: string;
  readonly units: number;
}

/**
 * The units sold in a period (paid in [from, to)), per SKU and shop, over leaf orders (a split parent's
 * units are its children's) and not exchange orders (after-sales' new units, nothing sold). Ordered by
 * SKU, then shop. PostgreSQL computes the same in SQL; this is the definition and the memory adapter's way.
 */
export function computeUnitsSold(orders: readonly OrderSnapshot[], period: OrderPeriod): UnitsSold[] {
  const sold = new Map<string, UnitsSold>();
  for (const o of orders) {
    const paidAt = o.payment?.paidAt.getTime();
    if (!isPaidLeafOrder(o) || paidAt === undefined || paidAt < period.from.getTime() || paidAt >= period.to.getTime()) continue;
    if (requestOfExchangeOrderId(o.id) !== null) continue;
    for (const l of o.lines) {
      const key = `${l.skuId}\u0000${l.shopId}`;
      sold.set(key, { skuId: l.skuId, shopId: l.shopId, units: (sold.get(key)?.units ?? 0) + l.quantity });
    }
  }
  return [...sold.values()].sort((a, b) => (a.skuId < b.skuId ? -1 : a.skuId > b.skuId ? 1 : a.shopId < b.shopId ? -1 : a.shopId > b.shopId ? 1 : 0));
}
