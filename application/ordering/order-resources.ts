import type { Order } from '../../domain/ordering/order.js';
import type { Clock, IdGenerator } from '../../domain/shared/ports.js';
import { changeStockOfOrders } from '../inventory/index.js';
import { returnPointsOfCancelledLines } from '../membership/index.js';
import { releasePurchaseLimits } from '../promotion/index.js';
import { releaseCouponsOfOrder, returnCouponsOfOrder, useCouponsOfOrder } from '../coupon/index.js';
import type { Transaction } from '../shared/unit-of-work.js';

/**
 * What an order holds between placing and paying, and what happens to it: the stock of its lines
 * (locked per leaf order and SKU, reference `<order>:<sku>`), the coupons, points and purchase limits
 * of its top-level order (keyed by the top-level order id), and its unpaid timeout. Every function runs
 * inside the caller's transaction; every step is idempotent by its reference.
 */

export const JOB = {
  /** ORD-3: cancel the order if it is still unpaid. */
  PAYMENT_TIMEOUT: 'order.payment-timeout',
  /** PAY-2: close the payment if it is still unpaid. */
  PAYMENT_EXPIRY: 'payment.expire',
  /** PAY-1: give back money a late or second success took (the channel refund, then `settleLateRefund`). */
  LATE_REFUND: 'payment.refund-late',
  /** Confirms receipt automatically at the `autoConfirmAt` set when shipping (`AutoConfirmReceipt`). */
  AUTO_CONFIRM: 'order.auto-confirm',
  /** Gives a refund's money back through the payment channel, until the channel acknowledges (`RefundThroughChannel`). */
  CHANNEL_REFUND: 'payment.channel-refund',
} as const;

type Deps = { readonly clock: Clock; readonly ids: IdGenerator };

/** The orders that are paid and shipped on their own: the children of a split, or the order itself. */
export async function leavesOf(tx: Transaction, top: Order): Promise<Order[]> {
  return top.isSplitParent ? tx.orders.children(top.id) : [top];
}

/** INV-3 / INV-5: locks every line of the leaves, SKU by SKU in one order across them (no deadlocks between placings). */
export async function lockOrderStock(tx: Transaction, deps: Deps, leaves: readonly Order[], at: Date): Promise<void> {
  const lines = leaves.flatMap((o) => o.lines.map((l) => ({ orderId: o.id, skuId: l.skuId, quantity: l.quantity })));
  await changeStockOfOrders(tx, { ids: deps.ids, clock: { now: () => at } }, 'lock', lines);
}

/** ORD-3: the leaf's unpaid timeout as a durable job, at its time to pay. */
export async function scheduleUnpaidTimeout(tx: Transaction, leaf: Order): Promise<void> {
  await tx.jobs.schedule({ kind: JOB.PAYMENT_TIMEOUT, key: `${JOB.PAYMENT_TIMEOUT}:${leaf.id}`, runAt: leaf.toSnapshot().payBy, payload: { orderId: leaf.id } });
}

/** A split parent's status follows its children (ORD-5); saved when it moved. */
export async function followChildren(tx: Transaction, parentId: string | null, at: Date): Promise<void> {
  if (parentId === null) return;
  const parent = await tx.orders.get(parentId);
  if (!parent) throw new Error(`parent order ${parentId} is missing`);
  const children = await tx.orders.children(parentId);
  if (parent.followChildren(children.map((c) => c.status), at)) await tx.orders.save(parent);
}

/**
 * A leaf order was cancelled before payment (member, timeout, risk control): its locked stock is
 * unlocked, its unpaid payments close, the points of its lines come back; once no leaf of the top-level
 * order is left to pay or paid, the coupons and purchase limits come back too.
 */
export async function releaseCancelledOrder(tx: Transaction, deps: Deps, leaf: Order, at: Date): Promise<void> {
  await changeStockOfOrders(tx, { ids: deps.ids, clock: { now: () => at } }, 'unlock', leaf.lines.map((l) => ({ orderId: leaf.id, skuId: l.skuId, quantity: l.quantity })));
  for (const p of await tx.payments.ofOrder(leaf.id)) {
    if (p.status === 'unpaid' && p.close('order_cancelled', at)) {
      await tx.payments.save(p);
      tx.recordEvents(p.pullEvents());
    }
  }
  const top = leaf.parentId === null ? leaf : await tx.orders.get(leaf.parentId);
  if (!top) throw new Error(`parent order ${leaf.parentId} is missing`);
  const b = top.benefits;
  if (b.points > 0) await returnPointsOfLines(tx, deps, top, leaf, at);
  const siblings = top.isSplitParent ? (await tx.orders.children(top.id)).map((o) => (o.id === leaf.id ? leaf : o)) : [leaf];
  if (siblings.some((o) => o.status !== 'cancelled' && o.status !== 'closed')) return;
  await releasePurchaseLimits(tx, b.limitedActivityIds, top.id);
  // Some children were paid and then refunded in full (closed): the coupons were used, and come back by CPN-2.
  if (siblings.some((o) => o.status === 'closed')) {
    await returnCouponsOfRefundedOrder(tx, top, at);
    return;
  }
  await releaseCouponsOfOrder(tx, { couponIds: b.couponIds, orderId: top.id, at });
}

/** The points the checkout took for the leaf's lines (its `perLine` detail) come back, once (cancelled before or after payment). */
export async function returnPointsOfLines(tx: Transaction, deps: Deps, top: Order, leaf: Order, at: Date): Promise<void> {
  const lineIds = leaf.lines.map((l) => l.lineId);
  await returnPointsOfCancelledLines(tx, { clock: { now: () => at }, ids: deps.ids }, { memberId: top.memberId, orderId: top.id, cancelledId: leaf.id, lineIds });
}

/**
 * A leaf order was paid: its locked stock is sold (locked → deducted) and the top-level order's coupons are
 * used. (Membership records the paid order by its subscription to the leaf's `order.paid`.)
 */
export async function settlePaidOrder(tx: Transaction, deps: Deps, leaf: Order, at: Date): Promise<void> {
  await changeStockOfOrders(tx, { ids: deps.ids, clock: { now: () => at } }, 'deduct', leaf.lines.map((l) => ({ orderId: leaf.id, skuId: l.skuId, quantity: l.quantity })));
  const top = leaf.parentId === null ? leaf : await tx.orders.get(leaf.parentId);
  if (!top) throw new Error(`parent order ${leaf.parentId} is missing`);
  await useCouponsOfOrder(tx, { couponIds: top.benefits.couponIds, orderId: top.id, at });
}

/**
 * CPN-2: the top-level order is now wholly refunded or cancelled (every leaf closed or cancelled), so
 * the coupons it used come back while still valid. Only coupons in state `used` by this order: one still
 * locked was never paid for (the unpaid cancellation releases it). Idempotent per order (the coupon
 * keeps the order's `return`). Returns the ids of the coupons given back now.
 */
export function returnCouponsOfRefundedOrder(tx: Transaction, top: Order, at: Date): Promise<string[]> {
  return returnCouponsOfOrder(tx, { couponIds: top.benefits.couponIds, orderId: top.id, at });
}
