import type { GroupBuySnapshot } from '../../domain/promotion/group-buy.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { requireActivity } from './lookups.js';
import { PROMOTION_STORE } from './store.js';

/** The groups of an activity, newest first. */
export class ListGroups {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { readonly activityId: string }): Promise<GroupBuySnapshot[]> {
    return this.d.uow.run(async (tx) => {
      await requireActivity(tx, cmd.activityId);
      return (await tx.use(PROMOTION_STORE).groupBuys.ofActivity(cmd.activityId)).map((g) => g.toSnapshot());
    });
  }
}
