import { sellingShopOf } from '../../domain/ordering/order-state.js';
import type { OrderStatus } from '../../domain/ordering/status.js';
import type { Money } from '../../domain/shared/money.js';
import type { Transaction } from '../shared/unit-of-work.js';
import { followParent, returnCouponsOfRefundedOrder, topOf } from './holdings.js';
import { releasePurchaseLimits } from '../promotion/index.js';
import { linePayable, pointsOfLines } from '../../domain/ordering/amounts.js';
import { ORDERING_STORE } from './store.js';

/** What after-sales needs of an order (spec §11): its status, its lines as bought and paid, its freight. */
export interface OrderForAfterSales {
  readonly id: string;
  /** The top-level order: a split child's parent, else the order itself (the one that spent the points). */
  readonly topOrderId: string;
  readonly memberId: string;
  /** The shop that sold it (the first line's when its lines are of several shops). */
  readonly shopId: string;
  readonly status: OrderStatus;
  readonly completedAt: Date | null;
  readonly currency: string;
  /** ORD-5: a split parent, whose child orders take requests instead. */
  readonly split: boolean;
  /** Whether anything of it has shipped. */
  readonly shipped: boolean;
  readonly paymentId: string | null;
  /** When it was paid (null: not yet, or paid as a part of a split order's parent). */
  readonly paidAt: Date | null;
  /** Each line: units, the allocated actual paid amount (ORD-4), and the points its units used. */
  readonly lines: readonly { readonly lineId: string; readonly skuId: string; readonly quantity: number; readonly paid: Money; readonly points: number }[];
  /** The freight the member paid for it (charged less a shipping coupon). */
  readonly freightPaid: Money;
}

/**
 * Ordering's published read for after-sales, in the caller's transaction: one order (a top-level order,
 * or a child of a split one) as after-sales sees it, or null when there is no such order. The points of
 * its lines are the top-level order's, shared as placing shared them when it deducted them (`pointsOfLines`).
 */
export async function orderForAfterSales(tx: Transaction, orderId: string): Promise<OrderForAfterSales | null> {
  const order = await tx.use(ORDERING_STORE).orders.get(orderId);
  if (!order) return null;
  const s = order.toSnapshot();
  const top = (await topOf(tx, order)).toSnapshot();
  const pointsOf = pointsOfLines(top.benefits.points, top.lines);
  return {
    id: s.id,
    topOrderId: top.id,
    memberId: s.common.memberId,
    shopId: sellingShopOf(s),
    status: s.status,
    completedAt: s.completedAt,
    currency: s.currency,
    split: s.childIds.length > 0,
    shipped: s.shipment !== null || s.status === 'shipped' || s.status === 'completed',
    paymentId: s.payment?.paymentId ?? top.payment?.paymentId ?? null,
    paidAt: s.payment?.paidAt ?? top.payment?.paidAt ?? null,
    lines: s.lines.map((l) => ({ lineId: l.lineId, skuId: l.skuId, quantity: l.quantity, paid: linePayable(l.amounts), points: pointsOf[l.lineId] ?? 0 })),
    freightPaid: s.freight.subtract(s.freightCouponDiscount),
  };
}

/**
 * Ordering's published service for after-sales, in the caller's transaction: units of a goods order
 * awaiting shipment were refunded before shipping, so its parcel leaves them out (`withheld`, shown with
 * the order to whoever ships it).
 */
export async function withholdRefundedUnits(
  tx: Transaction,
  cmd: { readonly orderId: string; readonly lines: readonly { readonly lineId: string; readonly quantity: number }[]; readonly at: Date },
): Promise<void> {
  const orders = tx.use(ORDERING_STORE).orders;
  const order = await orders.get(cmd.orderId);
  if (!order) throw new Error(`no order ${cmd.orderId} to withhold units of`);
  const units: Record<string, number> = {};
  for (const l of cmd.lines) units[l.lineId] = (units[l.lineId] ?? 0) + l.quantity;
  order.withhold(units, cmd.at);
  await orders.save(order);
}

/** The order statuses a full refund closes (交易关闭); a completed order stays completed, its money back. */
const CLOSED_BY_A_FULL_REFUND: readonly OrderStatus[] = ['pending_shipment', 'shipped', 'pending_redemption'];

/**
 * Every unit of the order was refunded by after-sales (AFS-2), in the caller's transaction: the order
 * closes (`fully_refunded`) unless it completed, a split parent follows its children, and once the whole
 * top-level order is refunded — the order is it, or every part of it closed or was cancelled — its
 * purchase limits (限购) are released and its coupons come back while still valid (CPN-2, once per order).
 * The points its units used came back with each refund (membership), not here. Answers the order's status
 * and the coupons given back.
 */
export async function settleRefundedOrder(
  tx: Transaction,
  cmd: { readonly orderId: string; readonly at: Date },
): Promise<{ readonly status: OrderStatus; readonly couponsReturned: readonly string[] }> {
  const orders = tx.use(ORDERING_STORE).orders;
  const order = await orders.get(cmd.orderId);
  if (!order) throw new Error(`no order ${cmd.orderId} to settle`);
  if (CLOSED_BY_A_FULL_REFUND.includes(order.status)) {
    order.close({ reason: 'fully_refunded', at: cmd.at });
    await orders.save(order);
  }
  const parent = await followParent(tx, order.parentId, cmd.at, order);
  const top = parent ?? (await topOf(tx, order));
  const whole = top.id === order.id || top.status === 'closed' || top.status === 'cancelled';
  if (!whole) return { status: order.status, couponsReturned: [] };
  await releasePurchaseLimits(tx, top.benefits.limitedActivityIds, top.id);
  return { status: order.status, couponsReturned: await returnCouponsOfRefundedOrder(tx, top, cmd.at) };
}
