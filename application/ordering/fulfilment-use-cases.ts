import {
  afterInterception,
  afterSalesOnly,
  decideCancellationAfterPayment,
  type CancellationAction,
  type FulfilmentStage,
} from '../../domain/ordering/cancellation.js';
import { orderNotFound } from '../../domain/ordering/errors.js';
import { memberRejection, splitParentRejection, type Order, type OrderSnapshot } from '../../domain/ordering/order.js';
import type { CarrierInterception, FulfilmentProgress, WarehouseInterception } from '../../domain/ordering/ports.js';
import type { OrderKind, OrderStatus } from '../../domain/ordering/status.js';
import { paymentNotFound } from '../../domain/payment/errors.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import type { Money } from '../../domain/shared/money.js';
import type { Clock, IdGenerator } from '../../domain/shared/ports.js';
import { changeStockOfOrders } from '../inventory/index.js';
import { JOB, returnCouponsOfRefundedOrder, returnPointsOfLines } from './order-resources.js';
import type { PaymentChannels } from '../payment/channels.js';
import { releasePurchaseLimits } from '../promotion/index.js';
import type { Transaction, UnitOfWork } from '../shared/unit-of-work.js';

/**
 * Automatic receipt confirmation, N days after shipping. The seeds give no period for it (the 7 or 15
 * days they mention are the after-sales window of a completed order); marketplaces use 7 to 15 days,
 * and 10 is the default here. The deadline is stored on the order when it ships, so changing this
 * moves no deadline of an order already shipped.
 */
export const DEFAULT_AUTO_CONFIRM_AFTER_DAYS = 10;
const DAY_MS = 86_400_000;

export interface FulfilmentDependencies {
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** Days from shipping to the automatic receipt confirmation (default `DEFAULT_AUTO_CONFIRM_AFTER_DAYS`). */
  readonly autoConfirmAfterDays?: number;
}

/** An order after a fulfilment step: where it stands, and (for a child order) where its split parent stands now. */
export interface FulfilmentView {
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

function viewOf(order: Order, parentStatus: OrderStatus | null): FulfilmentView {
  const s = order.toSnapshot();
  return {
    orderId: s.id,
    number: s.number,
    kind: s.kind,
    status: s.status,
    parentId: s.parentId,
    parentStatus,
    shipment: s.shipment,
    receipt: s.receipt,
    completedAt: s.completedAt,
  };
}

async function requireOrder(tx: Transaction, orderId: string): Promise<Order> {
  const order = typeof orderId === 'string' ? await tx.orders.get(orderId) : null;
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

async function saveOrder(tx: Transaction, order: Order): Promise<void> {
  await tx.orders.save(order);
  tx.recordEvents(order.pullEvents());
}

/**
 * ORD-5: after a child order changed, its split parent's stored status follows the children
 * (`parentStatus`): the changed child as it is now, its siblings as stored. Saved only when it moved.
 * Returns the parent (null for a top-level order).
 */
async function followParent(tx: Transaction, child: Order, at: Date): Promise<Order | null> {
  const parentId = child.parentId;
  if (parentId === null) return null;
  const parent = await tx.orders.get(parentId);
  if (!parent) throw new Error(`order ${child.id} names a parent ${parentId} that does not exist`);
  const siblings = new Map((await tx.orders.children(parentId)).map((c) => [c.id, c.status] as const));
  siblings.set(child.id, child.status);
  const statuses = parent.childIds.map((id) => {
    const s = siblings.get(id);
    if (s === undefined) throw new Error(`split parent ${parentId} names a child ${id} that does not exist`);
    return s;
  });
  if (parent.followChildren(statuses, at)) await saveOrder(tx, parent);
  return parent;
}

/**
 * Staff ship a paid goods order (发货) with its carrier and tracking number. Receipt is confirmed
 * automatically N days later: the deadline is stored on the order and a durable job
 * (`order.auto-confirm`, keyed by order) is scheduled for it in the same transaction, so the timer
 * exists if and only if the shipment does. A child order moves its split parent (ORD-5). Unpaid,
 * shipped or final orders: ORDER.INVALID_TRANSITION; a split parent: ORDER.SPLIT_PARENT.
 */
export class ShipOrder {
  private readonly afterDays: number;

  constructor(private readonly d: FulfilmentDependencies) {
    this.afterDays = d.autoConfirmAfterDays ?? DEFAULT_AUTO_CONFIRM_AFTER_DAYS;
    if (!(Number.isFinite(this.afterDays) && this.afterDays > 0)) throw new RangeError(`autoConfirmAfterDays is a positive number of days: ${this.afterDays}`);
  }

  execute(cmd: { orderId: string; carrier: string; trackingNumber: string }): Promise<FulfilmentView> {
    return this.d.uow.run(async (tx) => {
      const at = this.d.clock.now();
      const order = await requireOrder(tx, cmd.orderId);
      const autoConfirmAt = new Date(at.getTime() + this.afterDays * DAY_MS);
      order.ship({ carrier: cmd.carrier, trackingNumber: cmd.trackingNumber, at, autoConfirmAt });
      await saveOrder(tx, order);
      await tx.jobs.schedule({
        kind: JOB.AUTO_CONFIRM,
        key: `${JOB.AUTO_CONFIRM}:${order.id}`,
        runAt: autoConfirmAt,
        payload: { orderId: order.id },
      });
      const parent = await followParent(tx, order, at);
      return viewOf(order, parent?.status ?? null);
    });
  }
}

/**
 * The member confirms receipt of their own shipped order (确认收货): it completes (`order.completed`,
 * which membership subscribes to), the split parent follows. Another member's order: ORDER.NOT_FOUND,
 * nothing written; not shipped: ORDER.INVALID_TRANSITION.
 */
export class ConfirmReceipt {
  constructor(private readonly d: FulfilmentDependencies) {}

  execute(cmd: { memberId: string; orderId: string }): Promise<FulfilmentView> {
    return this.d.uow.run(async (tx) => {
      const at = this.d.clock.now();
      const order = await requireMemberOrder(tx, cmd.orderId, cmd.memberId);
      order.confirmReceipt(cmd.memberId, at);
      await saveOrder(tx, order);
      const parent = await followParent(tx, order, at);
      return viewOf(order, parent?.status ?? null);
    });
  }
}

/**
 * What the `order.auto-confirm` job runs: confirms receipt when the deadline stored at shipping has
 * come. A job that runs twice, late, or for an order completed or closed meanwhile changes nothing
 * (`confirmed: false`). Run before the deadline (runners' clocks apart), it changes nothing either and
 * answers the deadline in `notBefore`: the job handler then fails, so the runner tries again later
 * instead of forgetting the timer.
 */
export class AutoConfirmReceipt {
  constructor(private readonly d: FulfilmentDependencies) {}

  execute(cmd: { orderId: string }): Promise<{ confirmed: boolean; notBefore: Date | null }> {
    return this.d.uow.run(async (tx) => {
      const at = this.d.clock.now();
      const order = await tx.orders.get(cmd.orderId);
      if (!order) return { confirmed: false, notBefore: null };
      if (!order.autoConfirmIfDue(at)) {
        const shipment = order.toSnapshot().shipment;
        return { confirmed: false, notBefore: order.status === 'shipped' && shipment ? shipment.autoConfirmAt : null };
      }
      await saveOrder(tx, order);
      await followParent(tx, order, at);
      return { confirmed: true, notBefore: null };
    });
  }
}

/**
 * The shop redeems a service order's verification code (核销): the order completes (`order.completed`,
 * which membership subscribes to), the split parent follows. A wrong code or another shop's:
 * ORDER.INVALID_CODE (422), nothing written; not pending redemption: ORDER.INVALID_TRANSITION.
 */
export class RedeemVerificationCode {
  constructor(private readonly d: FulfilmentDependencies) {}

  execute(cmd: { orderId: string; shopId: string; code: string }): Promise<FulfilmentView> {
    return this.d.uow.run(async (tx) => {
      const at = this.d.clock.now();
      const order = await requireOrder(tx, cmd.orderId);
      order.redeem({ code: cmd.code, shopId: cmd.shopId, at });
      await saveOrder(tx, order);
      const parent = await followParent(tx, order, at);
      return viewOf(order, parent?.status ?? null);
    });
  }
}

export type CancelPaidOrderCommand = { readonly orderId: string; readonly reason?: string } & (
  | { readonly by: 'staff'; readonly operator: string }
  | { readonly by: 'member'; readonly memberId: string }
);

export interface CancelPaidOrderResult {
  readonly orderId: string;
  readonly status: OrderStatus;
  /** ORD-6: the stage the cancellation was judged at, and what it meant. */
  readonly stage: FulfilmentStage;
  readonly action: CancellationAction;
  /** Whether a warehouse or carrier interception was asked for (and succeeded: otherwise nothing happened). */
  readonly intercepted: 'warehouse' | 'carrier' | null;
  /** The order's share of its payment, refunded; its money goes back through the channel by the `payment.channel-refund` job. */
  readonly refund: { readonly paymentId: string; readonly refundId: string; readonly amount: Money } | null;
  /** Sold units put back on sale (the goods never left). */
  readonly stockReturned: readonly { readonly skuId: string; readonly quantity: number }[];
  /** CPN-2: the coupons given back because the whole (top-level) order is now refunded. */
  readonly couponsReturned: readonly string[];
  readonly parentStatus: OrderStatus | null;
}

export interface CancellationPorts {
  readonly progress: FulfilmentProgress;
  readonly warehouse: WarehouseInterception;
  readonly carrier: CarrierInterception;
}

/**
 * ORD-6: cancelling a PAID order, by staff or by the member who owns it, as far as fulfilment allows.
 *
 * 1. The order is read and judged: another member's order is ORDER.NOT_FOUND; an unpaid or final
 *    one ORDER.INVALID_TRANSITION; a split parent ORDER.SPLIT_PARENT. Fulfilment reports the stage
 *    (`FulfilmentProgress`) and `decideCancellationAfterPayment` says what it means.
 * 2. Signed for: ORDER.AFTER_SALES_ONLY (409). At the warehouse or shipped: the warehouse or the carrier
 *    is asked to intercept, outside any transaction (a remote call never holds a database transaction
 *    open); a failed interception is ORDER.AFTER_SALES_ONLY. In both cases nothing is written.
 * 3. Then one transaction: the order's share of its payment is refunded (refund id `cancel-<orderId>`,
 *    so a retry refunds once), the order closes (`cancelled_after_payment`), sold units go back on sale
 *    when the goods never left (not allocated, allocated, intercepted at the warehouse: the sales
 *    layer's `return`; a parcel the carrier brings back is received by after-sales), the split parent
 *    follows, and when the whole top-level order is now closed or cancelled its used coupons are
 *    returned (CPN-2). The money goes back through the channel by the durable job
 *    `payment.channel-refund`, retried until the channel acknowledges it (idempotent there per refund id).
 *
 * The order must not have changed between the judgement and the transaction (else
 * CONCURRENCY.STALE_AGGREGATE: judge again). An interception that succeeded and a transaction that then
 * failed leave the goods stopped and the order open; asking again asks the (idempotent) interception again.
 */
export class CancelPaidOrder {
  constructor(
    private readonly d: FulfilmentDependencies,
    private readonly ports: CancellationPorts,
  ) {}

  async execute(cmd: CancelPaidOrderCommand): Promise<CancelPaidOrderResult> {
    const judged = await this.d.uow.run(async (tx) => {
      const order = cmd.by === 'member' ? await requireMemberOrder(tx, cmd.orderId, cmd.memberId) : await requireOrder(tx, cmd.orderId);
      const rejection = splitParentRejection(order.toSnapshot());
      if (rejection) throw rejection;
      return order;
    });
    const decision = decideCancellationAfterPayment(judged, await this.ports.progress.stageOf(judged));
    if (decision.action === 'refuse') throw afterSalesOnly(judged.id, 'SIGNED');
    let intercepted: CancelPaidOrderResult['intercepted'] = null;
    if (decision.closes === 'if_intercepted') {
      const shipment = judged.toSnapshot().shipment;
      let succeeded: boolean;
      if (decision.action === 'request_warehouse_interception') {
        intercepted = 'warehouse';
        succeeded = await this.ports.warehouse.intercept(judged.id);
      } else {
        intercepted = 'carrier';
        // Fulfilment may report the parcel shipped before the order records its tracking number: without
        // one the carrier cannot be asked, which is an interception that did not succeed.
        succeeded = shipment !== null && (await this.ports.carrier.intercept(shipment.carrier, shipment.trackingNumber));
      }
      if (afterInterception(decision, succeeded) === 'after_sales_only') throw afterSalesOnly(judged.id, 'INTERCEPTION_FAILED');
    }

    return this.d.uow.run(async (tx) => {
      const at = this.d.clock.now();
      const order = await requireOrder(tx, judged.id);
      if (order.version !== judged.version) {
        throw DomainError.conflict('CONCURRENCY.STALE_AGGREGATE', `order ${order.id} changed while its cancellation was judged; try again`, { orderId: order.id });
      }
      const reason = cmd.reason?.trim() || (cmd.by === 'member' ? 'cancelled by the member' : `cancelled by staff ${cmd.operator}`);
      const refund = await this.refundShare(tx, order, reason, at);
      order.close({ reason: 'cancelled_after_payment', at });
      await saveOrder(tx, order);

      const stockReturned: { skuId: string; quantity: number }[] = [];
      if (decision.stock !== 'none') {
        // One return per SKU, in SKU order, as every order stock operation takes its rows (no deadlock between two orders).
        const returned = await changeStockOfOrders(tx, this.d, 'return', order.lines.map((l) => ({ orderId: order.id, skuId: l.skuId, quantity: l.quantity })));
        for (const { movement } of returned) stockReturned.push({ skuId: movement.skuId, quantity: movement.quantity });
      }

      const parent = await followParent(tx, order, at);
      const top = parent ?? order;
      if (top.benefits.points > 0) await returnPointsOfLines(tx, this.d, top, order, at);
      const whollyEnded = top.status === 'closed' || top.status === 'cancelled';
      // The whole top-level order ended: its purchase limits (限购) and the coupons it used come back.
      if (whollyEnded) await releasePurchaseLimits(tx, top.benefits.limitedActivityIds, top.id);
      const couponsReturned = whollyEnded ? await returnCouponsOfRefundedOrder(tx, top, at) : [];
      return {
        orderId: order.id,
        status: order.status,
        stage: decision.stage,
        action: decision.action,
        intercepted,
        refund,
        stockReturned,
        couponsReturned,
        parentStatus: parent?.status ?? null,
      };
    });
  }

  /** What is left of the order's share of its payment, refunded for this order; the channel job is scheduled with it. */
  private async refundShare(tx: Transaction, order: Order, reason: string, at: Date): Promise<CancelPaidOrderResult['refund']> {
    const paymentId = order.toSnapshot().payment?.paymentId;
    if (!paymentId) throw new Error(`paid order ${order.id} records no payment`);
    const payment = await tx.payments.get(paymentId);
    if (!payment) {
      // An order with nothing to pay is paid without a channel (no payment record): nothing to refund.
      if (order.payable.isZero()) return null;
      throw paymentNotFound(paymentId);
    }
    const share = payment.orders.find((o) => o.orderId === order.id);
    if (!share) throw new Error(`payment ${paymentId} does not pay order ${order.id}`);
    const left = share.amount.subtract(share.refunded);
    if (!left.isPositive()) return null;
    const refundId = `cancel-${order.id}`;
    payment.refund({ refundId, amount: left, orderId: order.id, reason, at });
    await tx.payments.save(payment);
    tx.recordEvents(payment.pullEvents());
    await tx.jobs.schedule({ kind: JOB.CHANNEL_REFUND, key: `${JOB.CHANNEL_REFUND}:${refundId}`, runAt: at, payload: { paymentId, refundId } });
    return { paymentId, refundId, amount: left };
  }
}

/**
 * The handler of `payment.channel-refund`: gives a refund recorded on a payment back through the
 * channel that took the money. The channel is idempotent per refund id, so a retry after a crash or a
 * timeout never refunds twice; when it throws, the runner retries later until acknowledged.
 */
export class RefundThroughChannel {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly channels: PaymentChannels,
  ) {}

  async execute(cmd: { paymentId: string; refundId: string }): Promise<{ refundTransactionId: string }> {
    const { snapshot } = await this.uow.run(async (tx) => {
      const payment = await tx.payments.get(cmd.paymentId);
      if (!payment) throw paymentNotFound(cmd.paymentId);
      return { snapshot: payment.toSnapshot() };
    });
    const refund = snapshot.refunds.find((r) => r.refundId === cmd.refundId);
    if (!refund) throw new Error(`payment ${cmd.paymentId} has no refund ${cmd.refundId}`);
    if (!snapshot.paid) throw new Error(`payment ${cmd.paymentId} was refunded without being paid`);
    return this.channels.get(snapshot.paid.channel).refund({
      paymentNumber: snapshot.number,
      refundId: refund.refundId,
      channelTransactionId: snapshot.paid.channelTransactionId,
      amount: refund.amount,
    });
  }
}
