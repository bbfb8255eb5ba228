import { orderNotFound } from '../../domain/ordering/errors.js';
import { memberRejection, type Order } from '../../domain/ordering/order.js';
import type { Clock, IdGenerator } from '../../domain/shared/ports.js';
import type { Transaction, UnitOfWork } from '../shared/unit-of-work.js';
import { followChildren, releaseCancelledOrder } from './order-resources.js';

export interface OrderUseCaseDependencies {
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

export interface CancelledOrder {
  readonly orderId: string;
  /** The orders cancelled now: the order, or the unpaid children of a split one. */
  readonly cancelledOrderIds: readonly string[];
}

async function requireOrder(tx: Transaction, orderId: string): Promise<Order> {
  const o = await tx.orders.get(orderId);
  if (!o) throw orderNotFound(orderId);
  return o;
}

/**
 * The member cancels an order before paying it (ORD-2 已取消): everything it held is released in the
 * same transaction. On a split parent, every child still awaiting payment is cancelled (paid ones stay;
 * `ORDER.INVALID_TRANSITION` when none is left to cancel). Another member's order is ORDER.NOT_FOUND.
 */
export class CancelUnpaidOrder {
  constructor(private readonly deps: OrderUseCaseDependencies) {}

  execute(cmd: { readonly memberId: string; readonly orderId: string; readonly reason?: string }): Promise<CancelledOrder> {
    return this.deps.uow.run(async (tx) => {
      const at = this.deps.clock.now();
      const order = await requireOrder(tx, cmd.orderId);
      const hidden = memberRejection(order.toSnapshot(), cmd.memberId);
      if (hidden) throw hidden;
      const targets = order.isSplitParent ? (await tx.orders.children(order.id)).filter((c) => c.status === 'pending_payment') : [order];
      if (targets.length === 0) order.cancel({ by: 'member', memberId: cmd.memberId, at }); // throws: the split parent has nothing left to cancel
      for (const leaf of targets) {
        leaf.cancel({ by: 'member', memberId: cmd.memberId, at, ...(cmd.reason ? { reason: cmd.reason } : {}) });
        await tx.orders.save(leaf);
        tx.recordEvents(leaf.pullEvents());
        await releaseCancelledOrder(tx, this.deps, leaf, at);
      }
      await followChildren(tx, order.isSplitParent ? order.id : order.parentId, at);
      return { orderId: order.id, cancelledOrderIds: targets.map((t) => t.id) };
    });
  }
}

/**
 * ORD-3, the handler of the durable `order.payment-timeout` job: an order still unpaid at its time to pay
 * is cancelled and releases what it held. Paid, cancelled or not yet due: nothing changes (a job may run twice).
 */
export class ExpireUnpaidOrder {
  constructor(private readonly deps: OrderUseCaseDependencies) {}

  execute(cmd: { readonly orderId: string }): Promise<{ readonly cancelled: boolean }> {
    return this.deps.uow.run(async (tx) => {
      const at = this.deps.clock.now();
      const order = await tx.orders.get(cmd.orderId);
      if (!order) return { cancelled: false };
      if (!order.expireIfUnpaid(at)) {
        // Run early (clocks apart): fail, so the runner tries again later rather than forgetting the timeout.
        if (order.status === 'pending_payment' && !order.isSplitParent) throw new Error(`order ${order.id} is not due before ${order.toSnapshot().payBy.toISOString()}`);
        return { cancelled: false };
      }
      await tx.orders.save(order);
      tx.recordEvents(order.pullEvents());
      await releaseCancelledOrder(tx, this.deps, order, at);
      await followChildren(tx, order.parentId, at);
      return { cancelled: true };
    });
  }
}
