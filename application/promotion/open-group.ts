import { GroupBuy, type GroupBuySnapshot } from '../../domain/promotion/group-buy.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { joiner, type MemberCommand } from './group-members.js';
import { checkGroupOrder } from './group-orders.js';
import { requireActivity } from './lookups.js';
import { PROMOTION_STORE } from './store.js';

/**
 * 开团: the leader opens a group at a size of the activity's ladder with their own order, awaiting
 * payment, of the activity's goods (`PROMOTION.ORDER_NOT_FOUND` / `PROMOTION.ORDER_NOT_ELIGIBLE`).
 */
export class OpenGroup {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: MemberCommand & { readonly activityId: string; readonly orderId: string; readonly size?: number }): Promise<GroupBuySnapshot> {
    return this.d.uow.run(async (tx) => {
      const activity = await requireActivity(tx, cmd.activityId);
      const group = GroupBuy.open({
        id: this.d.ids.next(),
        activity,
        leader: joiner(cmd),
        orderId: cmd.orderId,
        ...(cmd.size !== undefined ? { size: cmd.size } : {}),
        now: this.d.clock.now(),
      });
      await checkGroupOrder(tx, activity, group.toSnapshot(), cmd.memberId, cmd.orderId);
      await tx.use(PROMOTION_STORE).groupBuys.save(group);
      return group.toSnapshot();
    });
  }
}
