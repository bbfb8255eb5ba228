import { toError } from '../../domain/promotion/errors.js';
import { GroupBuy, paymentEvents, type GroupBuySnapshot, type Joiner } from '../../domain/promotion/group-buy.js';
import { groupPaymentOrderRejection } from '../../domain/promotion/group-order.js';
import { isDomainError } from '../../domain/shared/domain-error.js';
import type { Clock, IdGenerator } from '../../domain/shared/ports.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import { checkGroupOrder, groupOrderOf } from './group-orders.js';
import { requireActivity, requireGroup } from './lookups.js';

/** A member as group buys need them; `isNew` and `level` come from membership (the caller vouches for them). */
export interface MemberCommand {
  readonly memberId: string;
  readonly isNewMember?: boolean;
  readonly level?: string;
}

const joiner = (c: MemberCommand): Joiner => ({ memberId: c.memberId, isNew: c.isNewMember ?? false, ...(c.level !== undefined ? { level: c.level } : {}) });

/**
 * 开团: the leader opens a group at a size of the activity's ladder with their own order, awaiting
 * payment, of the activity's goods (`PROMOTION.ORDER_NOT_FOUND` / `PROMOTION.ORDER_NOT_ELIGIBLE`).
 */
export class OpenGroup {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  execute(cmd: MemberCommand & { readonly activityId: string; readonly orderId: string; readonly size?: number }): Promise<GroupBuySnapshot> {
    return this.uow.run(async (tx) => {
      const activity = await requireActivity(tx, cmd.activityId);
      const group = GroupBuy.open({ id: this.ids.next(), activity, leader: joiner(cmd), orderId: cmd.orderId, ...(cmd.size !== undefined ? { size: cmd.size } : {}), now: this.clock.now() });
      await checkGroupOrder(tx, activity, group.toSnapshot(), cmd.memberId, cmd.orderId);
      await tx.groupBuys.save(group);
      tx.recordEvents(group.pullEvents());
      return group.toSnapshot();
    });
  }
}

/**
 * 参团: a member joins an open group with their own order, awaiting payment, of the activity's goods;
 * pending until it is paid. Joining again with the same order is a no-op (whatever the order's state now).
 */
export class JoinGroup {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  execute(cmd: MemberCommand & { readonly groupId: string; readonly orderId: string }): Promise<GroupBuySnapshot> {
    return this.uow.run(async (tx) => {
      const group = await requireGroup(tx, cmd.groupId);
      const activity = await requireActivity(tx, group.toSnapshot().activityId);
      if (group.join(joiner(cmd), cmd.orderId, this.clock.now(), activity)) {
        await checkGroupOrder(tx, activity, group.toSnapshot(), cmd.memberId, cmd.orderId);
        await tx.groupBuys.save(group);
        tx.recordEvents(group.pullEvents());
      }
      return group.toSnapshot();
    });
  }
}

/**
 * The payment of a group order arrived (from the payment context). Only an order a member joined the
 * group with, and that is paid (`PROMOTION.ORDER_NOT_IN_GROUP`, `PROMOTION.ORDER_NOT_ELIGIBLE` reason
 * `NOT_PAID`). Confirmed only while the group has room: checked again here, atomically (PostgreSQL: one
 * guarded UPDATE), so concurrent payments never over-fill it. `PROMOTION.GROUP_FULL` or
 * `PROMOTION.GROUP_CLOSED`: the caller refunds the order. A payment confirmed before is a no-op.
 */
export class ConfirmGroupPayment {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  execute(cmd: { readonly groupId: string; readonly orderId: string }): Promise<GroupBuySnapshot & { readonly replayed: boolean }> {
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
      const rejection = groupPaymentOrderRejection((await requireGroup(tx, cmd.groupId)).toSnapshot(), cmd.orderId, await groupOrderOf(tx, cmd.orderId));
      if (rejection) throw toError(rejection);
      const { group, replayed } = await tx.groupBuys.confirmPayment(cmd.groupId, cmd.orderId, now);
      if (!replayed) tx.recordEvents(paymentEvents(group, cmd.orderId, now));
      return { ...group, replayed };
    });
  }
}

/**
 * Fails the groups whose deadline has come short of their size (their paid orders are to be cancelled and
 * refunded: `promotion.group.failed`). One transaction per group; a group a payment changed meanwhile is
 * left for the next run. Returns the ids of the groups that failed.
 */
export class CloseExpiredGroups {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(cmd: { readonly limit?: number } = {}): Promise<{ readonly failed: string[] }> {
    const now = this.clock.now();
    const due = await this.uow.run(async (tx) => (await tx.groupBuys.dueToClose(now, cmd.limit ?? 500)).map((g) => g.id));
    const failed: string[] = [];
    for (const id of due) {
      try {
        const closed = await this.uow.run(async (tx) => {
          const group = await requireGroup(tx, id);
          if (!group.expire(now)) return false;
          await tx.groupBuys.save(group);
          tx.recordEvents(group.pullEvents());
          return true;
        });
        if (closed) failed.push(id);
      } catch (error) {
        if (!(isDomainError(error) && error.code === 'CONCURRENCY.STALE_AGGREGATE')) throw error;
      }
    }
    return { failed };
  }
}

export class GetGroup {
  constructor(private readonly uow: UnitOfWork) {}

  execute(cmd: { readonly groupId: string }): Promise<GroupBuySnapshot> {
    return this.uow.run(async (tx) => (await requireGroup(tx, cmd.groupId)).toSnapshot());
  }
}

/** The groups of an activity, newest first. */
export class ListGroups {
  constructor(private readonly uow: UnitOfWork) {}

  execute(cmd: { readonly activityId: string }): Promise<GroupBuySnapshot[]> {
    return this.uow.run(async (tx) => {
      await requireActivity(tx, cmd.activityId);
      return (await tx.groupBuys.ofActivity(cmd.activityId)).map((g) => g.toSnapshot());
    });
  }
}
