import type { GroupBuySnapshot } from '../../domain/promotion/group-buy.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { joiner, type MemberCommand } from './group-members.js';
import { checkGroupOrder } from './group-orders.js';
import { requireActivity, requireGroup } from './lookups.js';
import { PROMOTION_STORE } from './store.js';

/**
 * 参团: a member joins an open group with their own order, awaiting payment, of the activity's goods;
 * pending until it is paid. Joining again with the same order is a no-op (whatever the order's state now).
 */
export class JoinGroup {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: MemberCommand & { readonly groupId: string; readonly orderId: string }): Promise<GroupBuySnapshot> {
    return this.d.uow.run(async (tx) => {
      const group = await requireGroup(tx, cmd.groupId);
      const activity = await requireActivity(tx, group.toSnapshot().activityId);
      if (group.join(joiner(cmd), cmd.orderId, this.d.clock.now(), activity)) {
        await checkGroupOrder(tx, activity, group.toSnapshot(), cmd.memberId, cmd.orderId);
        await tx.use(PROMOTION_STORE).groupBuys.save(group);
      }
      return group.toSnapshot();
    });
  }
}
