import { toError } from '../../domain/promotion/errors.js';
import type { GroupBuySnapshot } from '../../domain/promotion/group-buy.js';
import { groupPaymentOrderRejection } from '../../domain/promotion/group-order.js';
import type { UseCaseDeps } from '../shared/deps.js';
import type { Transaction } from '../shared/unit-of-work.js';
import { groupOrderOf } from './group-orders.js';
import { requireGroup } from './lookups.js';
import { PROMOTION_STORE } from './store.js';

export interface ConfirmGroupPaymentCommand {
  readonly groupId: string;
  readonly orderId: string;
}

/**
 * Published (the payment context may confirm a group order's payment inside its own transaction): the
 * rules of `ConfirmGroupPayment` in the caller's transaction. The group's events are recorded with it.
 */
export async function confirmGroupPayment(
  tx: Transaction,
  cmd: ConfirmGroupPaymentCommand,
  now: Date,
): Promise<GroupBuySnapshot & { readonly replayed: boolean }> {
  const rejection = groupPaymentOrderRejection((await requireGroup(tx, cmd.groupId)).toSnapshot(), cmd.orderId, await groupOrderOf(tx, cmd.orderId));
  if (rejection) throw toError(rejection);
  const { group, replayed } = await tx.use(PROMOTION_STORE).groupBuys.confirmPayment(cmd.groupId, cmd.orderId, now);
  return { ...group, replayed };
}

/**
 * The payment of a group order arrived (from the payment context). Only an order a member joined the
 * group with, and that is paid (`PROMOTION.ORDER_NOT_IN_GROUP`, `PROMOTION.ORDER_NOT_ELIGIBLE` reason
 * `NOT_PAID`). Confirmed only while the group has room: checked again here, atomically (PostgreSQL: one
 * guarded UPDATE), so concurrent payments never over-fill it. `PROMOTION.GROUP_FULL` or
 * `PROMOTION.GROUP_CLOSED`: the caller refunds the order. A payment confirmed before is a no-op.
 */
export class ConfirmGroupPayment {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: ConfirmGroupPaymentCommand): Promise<GroupBuySnapshot & { readonly replayed: boolean }> {
    return this.d.uow.run((tx) => confirmGroupPayment(tx, cmd, this.d.clock.now()));
  }
}
