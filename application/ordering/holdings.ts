import type { Order } from '../../domain/ordering/order.js';
import type { Clock, IdGenerator } from '../../domain/shared/ports.js';
import { releaseCouponsOfOrder, returnCouponsOfOrder, useCouponsOfOrder } from '../coupon/index.js';
import { changeStockOfOrders } from '../inventory/index.js';
import { returnPointsOfCancelledLines } from '../membership/index.js';
import { closeUnpaidPaymentsOfOrder } from '../payment/index.js';
import { releasePurchaseLimits } from '../promotion/index.js';
import type { Transaction } from '../shared/unit-of-work.js';
import { ORDERING_JOB } from './jobs.js';
import { ORDERING_STORE } from './store.js';

/**
 * What an order holds between placing and paying, and what happens to it (ordering's own helpers): the
 * stock of its lines (locked per leaf order and SKU, reference `<order>:<sku>`), the coupons, points and
 * purchase limits of its top-level order (keyed by the top-level order id), and its unpaid timeout.
 * Every function runs inside the caller's transaction; every step is idempotent by its reference.
 */

export type HoldingDeps = { readonly clock: Clock; readonly ids: IdGenerator };

/** An order that must exist (a dangling reference between orders is a bug, not a business error). */
export async function storedOrder(tx: Transaction, id: string, what = 'order'): Promise<Order> {
  const o = await tx.use(ORDERING_STORE).orders.get(id);
  if (!o) throw new Error(`${what} ${id} is missing`);
  return o;
}

/** The top-level order of a leaf: its split parent, or itself. */
export async function topOf(tx: Transaction, leaf: Order): Promise<Order> {
  return leaf.parentId === null ? leaf : storedOrder(tx, leaf.parentId, 'parent order');
}

/** INV-3 / INV-5: locks every line of the leaves, SKU by SKU in one order across them (no deadlocks between placings). */
export async function lockOrderStock(tx: Transaction, deps: HoldingDeps, leaves: readonly Order[], at: Date): Promise<void> {
  const lines = leaves.flatMap((o) => o.lines.map((l) => ({ orderId: o.id, skuId: l.skuId, quantity: l.quantity })));
  await changeStockOfOrders(tx, { ids: deps.ids, clock: { now: () => at } }, 'lock', lines);
}

/** ORD-3: the leaf's unpaid timeout as a durable job, at its time to pay. */
export async function scheduleUnpaidTimeout(tx: Transaction, leaf: Order): Promise<void> {
  const kind = ORDERING_JOB.PAYMENT_TIMEOUT;
  await tx.jobs.schedule({ kind, key: `${kind}:${leaf.id}`, runAt: leaf.toSnapshot().payBy, payload: { orderId: leaf.id } });
}

/**
 * ORD-5: after a child order changed, its split parent's stored status follows the children: the
 * changed child as it is now (when given), its siblings as stored. Saved only when it moved. Returns the
 * parent (null for a top-level order).
 */
export async function followParent(tx: Transaction, parentId: string | null, at: Date, changed?: Order): Promise<Order | null> {
  if (parentId === null) return null;
  const orders = tx.use(ORDERING_STORE).orders;
  const parent = await storedOrder(tx, parentId, 'parent order');
  const siblings = new Map((await orders.children(parentId)).map((c) => [c.id, c.status] as const));
  if (changed) siblings.set(changed.id, changed.status);
  const statuses = parent.childIds.map((id) => {
    const s = siblings.get(id);
    if (s === undefined) throw new Error(`split parent ${parentId} names a child ${id} that does not exist`);
    return s;
  });
  if (parent.followChildren(statuses, at)) await orders.save(parent);
  return parent;
}

/**
 * A leaf order was cancelled before payment (member, timeout, risk control): its locked stock is
 * unlocked, its unpaid payments close, the points of its lines come back; once no leaf of the top-level
 * order is left to pay or paid, the coupons and purchase limits come back too.
 */
export async function releaseCancelledOrder(tx: Transaction, deps: HoldingDeps, leaf: Order, at: Date): Promise<void> {
  await changeStockOfOrders(
    tx,
    { ids: deps.ids, clock: { now: () => at } },
    'unlock',
    leaf.lines.map((l) => ({ orderId: leaf.id, skuId: l.skuId, quantity: l.quantity })),
  );
  await closeUnpaidPaymentsOfOrder(tx, leaf.id, at);
  const top = await topOf(tx, leaf);
  const b = top.benefits;
  if (b.points > 0) await returnPointsOfLines(tx, deps, top, leaf, at);
  const siblings = top.isSplitParent ? (await tx.use(ORDERING_STORE).orders.children(top.id)).map((o) => (o.id === leaf.id ? leaf : o)) : [leaf];
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
export async function returnPointsOfLines(tx: Transaction, deps: HoldingDeps, top: Order, leaf: Order, at: Date): Promise<void> {
  const lineIds = leaf.lines.map((l) => l.lineId);
  await returnPointsOfCancelledLines(
    tx,
    { clock: { now: () => at }, ids: deps.ids },
    { memberId: top.memberId, orderId: top.id, cancelledId: leaf.id, lineIds },
  );
}

/**
 * A leaf order was paid: its locked stock is sold (locked → deducted) and the top-level order's coupons are
 * used. (Membership records the paid order by its subscription to the leaf's `order.paid`.)
 */
export async function settlePaidOrder(tx: Transaction, deps: HoldingDeps, leaf: Order, at: Date): Promise<void> {
  await changeStockOfOrders(
    tx,
    { ids: deps.ids, clock: { now: () => at } },
    'deduct',
    leaf.lines.map((l) => ({ orderId: leaf.id, skuId: l.skuId, quantity: l.quantity })),
  );
  const top = await topOf(tx, leaf);
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
