import { orderNotFound } from '../../domain/ordering/errors.js';
import { memberRejection } from '../../domain/ordering/order.js';
import type { Transaction } from '../shared/unit-of-work.js';
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
    return this.deps.uow.run((tx) => cancelUnpaidOrder(tx, this.deps, { ...cmd, at: this.deps.clock.now() }));
  }
}

/**
 * Ordering's published service (what `CancelUnpaidOrder` runs, and after-sales when it approves a cancel
 * request), in the caller's transaction: the member's unpaid order cancelled and what it held released.
 */
export async function cancelUnpaidOrder(
  tx: Transaction,
  deps: Pick<OrderingDeps, 'ids' | 'clock'>,
  cmd: { readonly memberId: string; readonly orderId: string; readonly reason?: string; readonly at: Date },
): Promise<CancelledOrder> {
  const { at } = cmd;
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
    await releaseCancelledOrder(tx, deps, leaf, at);
  }
  await followParent(tx, order.isSplitParent ? order.id : order.parentId, at);
  return { orderId: order.id, cancelledOrderIds: targets.map((t) => t.id) };
}
