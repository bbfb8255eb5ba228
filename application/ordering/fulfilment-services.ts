import { orderNotFound } from '../../domain/ordering/errors.js';
import { memberRejection, splitParentRejection, type Order, type OrderSnapshot } from '../../domain/ordering/order.js';
import type { OrderKind, OrderStatus } from '../../domain/ordering/status.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import type { Transaction } from '../shared/unit-of-work.js';
import { followParent, returnCouponsOfRefundedOrder, returnPointsOfLines, topOf, type HoldingDeps } from './holdings.js';
import { releasePurchaseLimits } from '../promotion/index.js';
import { requestOfExchangeOrderId } from '../../domain/ordering/exchange-ids.js';
import { ORDERING_STORE } from './store.js';

/**
 * Ordering's published in-transaction services for fulfilment (issue #13): shipping, receipt,
 * redemption and closing a paid order move the Order aggregate, which stays ordering's; each step saves
 * the order (recording its events) and its split parent follows (ORD-5).
 */

/** An order after a fulfilment step: where it stands, and (for a child order) where its split parent stands now. */
export interface OrderProgress {
  readonly orderId: string;
  readonly number: string;
  readonly kind: OrderKind;
  readonly status: OrderStatus;
  readonly parentId: string | null;
  /** ORD-5: the split parent's status after this step (it follows its children); null for a top-level order. */
  readonly parentStatus: OrderStatus | null;
  readonly shipment: OrderSnapshot['shipment'];
  readonly receipt: OrderSnapshot['receipt'];
  readonly completedAt: Date | null;
}

function progressOf(order: Order, parent: Order | null): OrderProgress {
  const s = order.toSnapshot();
  return {
    orderId: s.id,
    number: s.number,
    kind: s.kind,
    status: s.status,
    parentId: s.parentId,
    parentStatus: parent?.status ?? null,
    shipment: s.shipment,
    receipt: s.receipt,
    completedAt: s.completedAt,
  };
}

async function requireOrder(tx: Transaction, orderId: string): Promise<Order> {
  const order = typeof orderId === 'string' ? await tx.use(ORDERING_STORE).orders.get(orderId) : null;
  if (!order) throw orderNotFound(String(orderId));
  return order;
}

/** A member's order: another member's order is never visible to them, so it is ORDER.NOT_FOUND too. */
async function requireMemberOrder(tx: Transaction, orderId: string, memberId: string): Promise<Order> {
  const order = await requireOrder(tx, orderId);
  const rejection = memberRejection(order.toSnapshot(), memberId);
  if (rejection) throw rejection;
  return order;
}

/** Saves the order after a step and lets its split parent follow. */
async function stepDone(tx: Transaction, order: Order, at: Date): Promise<OrderProgress> {
  await tx.use(ORDERING_STORE).orders.save(order);
  return progressOf(order, await followParent(tx, order.parentId, at, order));
}

/**
 * 发货: a paid goods order ships with its carrier, tracking number and automatic receipt deadline. An
 * exchange order's shipment is also told as `order.exchange-shipped` (with its after-sales request), so
 * that only those reach after-sales.
 */
export async function shipOrder(
  tx: Transaction,
  cmd: { readonly orderId: string; readonly carrier: string; readonly trackingNumber: string; readonly at: Date; readonly autoConfirmAt: Date },
): Promise<OrderProgress> {
  const order = await requireOrder(tx, cmd.orderId);
  order.ship({ carrier: cmd.carrier, trackingNumber: cmd.trackingNumber, at: cmd.at, autoConfirmAt: cmd.autoConfirmAt });
  const requestId = requestOfExchangeOrderId(order.id);
  if (requestId !== null) {
    const shipment = order.toSnapshot().shipment!;
    tx.recordEvents([
      {
        type: 'order.exchange-shipped',
        aggregateId: order.id,
        occurredAt: cmd.at,
        payload: { requestId, carrier: shipment.carrier, trackingNumber: shipment.trackingNumber, memberId: order.memberId },
      },
    ]);
  }
  return stepDone(tx, order, cmd.at);
}

/** 确认收货 by the member who owns the shipped order. */
export async function confirmOrderReceipt(
  tx: Transaction,
  cmd: { readonly orderId: string; readonly memberId: string; readonly at: Date },
): Promise<OrderProgress> {
  const order = await requireMemberOrder(tx, cmd.orderId, cmd.memberId);
  order.confirmReceipt(cmd.memberId, cmd.at);
  return stepDone(tx, order, cmd.at);
}

/**
 * The automatic receipt confirmation when its deadline has come. Nothing changes for a missing order,
 * one not shipped any more, or before the deadline — then `notBefore` is the deadline.
 */
export async function autoConfirmOrder(
  tx: Transaction,
  cmd: { readonly orderId: string; readonly at: Date },
): Promise<{ readonly confirmed: boolean; readonly notBefore: Date | null }> {
  const order = await tx.use(ORDERING_STORE).orders.get(cmd.orderId);
  if (!order) return { confirmed: false, notBefore: null };
  if (!order.autoConfirmIfDue(cmd.at)) {
    const shipment = order.toSnapshot().shipment;
    return { confirmed: false, notBefore: order.status === 'shipped' && shipment ? shipment.autoConfirmAt : null };
  }
  await stepDone(tx, order, cmd.at);
  return { confirmed: true, notBefore: null };
}

/** 核销: the shop redeems a service order's verification code. */
export async function redeemOrder(
  tx: Transaction,
  cmd: { readonly orderId: string; readonly shopId: string; readonly code: string; readonly at: Date },
): Promise<OrderProgress> {
  const order = await requireOrder(tx, cmd.orderId);
  order.redeem({ code: cmd.code, shopId: cmd.shopId, at: cmd.at });
  return stepDone(tx, order, cmd.at);
}

/**
 * ORD-6, judging: the paid order to cancel as it stands (for the fulfilment stage and the decision), by
 * staff or by its member (another member's is ORDER.NOT_FOUND); a split parent is ORDER.SPLIT_PARENT.
 */
export async function orderToCancelAfterPayment(tx: Transaction, cmd: { readonly orderId: string; readonly memberId?: string }): Promise<Order> {
  const order = cmd.memberId !== undefined ? await requireMemberOrder(tx, cmd.orderId, cmd.memberId) : await requireOrder(tx, cmd.orderId);
  const rejection = splitParentRejection(order.toSnapshot());
  if (rejection) throw rejection;
  return order;
}

/** The order as judged, still unchanged (else CONCURRENCY.STALE_AGGREGATE: judge again): what refunding it needs. */
export async function paidOrderToClose(
  tx: Transaction,
  cmd: { readonly orderId: string; readonly version: number },
): Promise<{ readonly orderId: string; readonly paymentId: string; readonly payable: Order['payable'] }> {
  const order = await requireOrder(tx, cmd.orderId);
  if (order.version !== cmd.version) {
    throw DomainError.conflict('CONCURRENCY.STALE_AGGREGATE', `order ${order.id} changed while its cancellation was judged; try again`, { orderId: order.id });
  }
  const paymentId = order.toSnapshot().payment?.paymentId;
  if (!paymentId) throw new Error(`paid order ${order.id} records no payment`);
  return { orderId: order.id, paymentId, payable: order.payable };
}

/** ORD-6: the paid order closes (`cancelled_after_payment`); answers its status. */
export async function closePaidOrder(tx: Transaction, cmd: { readonly orderId: string; readonly at: Date }): Promise<OrderStatus> {
  const order = await requireOrder(tx, cmd.orderId);
  order.close({ reason: 'cancelled_after_payment', at: cmd.at });
  await tx.use(ORDERING_STORE).orders.save(order);
  return order.status;
}

/**
 * After a paid leaf closed: the split parent follows, the points of its lines come back, and when the
 * whole top-level order has ended (closed or cancelled) its purchase limits (限购) and the coupons it used
 * come back (CPN-2). Answers the parent's status and the coupons returned.
 */
export async function settleClosedOrder(
  tx: Transaction,
  deps: HoldingDeps,
  cmd: { readonly orderId: string; readonly at: Date },
): Promise<{ readonly parentStatus: OrderStatus | null; readonly couponsReturned: readonly string[] }> {
  const order = await requireOrder(tx, cmd.orderId);
  const parent = await followParent(tx, order.parentId, cmd.at, order);
  const top = parent ?? (await topOf(tx, order));
  if (top.benefits.points > 0) await returnPointsOfLines(tx, deps, top, order, cmd.at);
  const whollyEnded = top.status === 'closed' || top.status === 'cancelled';
  if (whollyEnded) await releasePurchaseLimits(tx, top.benefits.limitedActivityIds, top.id);
  const couponsReturned = whollyEnded ? await returnCouponsOfRefundedOrder(tx, top, cmd.at) : [];
  return { parentStatus: parent?.status ?? null, couponsReturned };
}
