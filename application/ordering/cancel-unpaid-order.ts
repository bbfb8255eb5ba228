import { orderNotFound } from '../../domain/ordering/errors.js';
import { memberRejection } from '../../domain/ordering/order.js';
import type { OrderingDeps } from './deps.js';
import { followParent, releaseCancelledOrder } from './holdings.js';
import { ORDERING_STORE } from './store.js';

export interface CancelledOrder {
  readonly orderId: string;
  /** The orders cancelled now: the order, or the unpaid children of a split one. */
  readonly cancelledOrderIds: readonly string[];
}

/**
 * The member cancels an order before paying it (ORD-2 已取消): everything it held is released in the
 * same transaction. On a split parent, every child still awaiting payment is cancelled (paid ones stay;
 * `ORDER.INVALID_TRANSITION` when none is left to cancel). Another member's order is ORDER.NOT_FOUND.
 */
export class CancelUnpaidOrder {
  constructor(private readonly deps: OrderingDeps) {}

  execute(cmd: { readonly memberId: string; readonly orderId: string; readonly reason?: string }): Promise<CancelledOrder> {
    return this.deps.uow.run(async (tx) => {
      const at = this.deps.clock.now();
      const orders = tx.use(ORDERING_STORE).orders;
      const order = await orders.get(cmd.orderId);
      if (!order) throw orderNotFound(cmd.orderId);
      const hidden = memberRejection(order.toSnapshot(), cmd.memberId);
      if (hidden) throw hidden;
      const targets = order.isSplitParent ? (await orders.children(order.id)).filter((c) => c.status === 'pending_payment') : [order];
      if (targets.length === 0) order.cancel({ by: 'member', memberId: cmd.memberId, at }); // throws: the split parent has nothing left to cancel
      for (const leaf of targets) {
        leaf.cancel({ by: 'member', memberId: cmd.memberId, at, ...(cmd.reason ? { reason: cmd.reason } : {}) });
        await orders.save(leaf);
        await releaseCancelledOrder(tx, this.deps, leaf, at);
      }
      await followParent(tx, order.isSplitParent ? order.id : order.parentId, at);
      return { orderId: order.id, cancelledOrderIds: targets.map((t) => t.id) };
    });
  }
}
