import type { GroupBuySnapshot } from '../../domain/promotion/group-buy.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { requireGroup } from './lookups.js';

/** One group with its members (`PROMOTION.GROUP_NOT_FOUND` when there is none). */
export class GetGroup {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { readonly groupId: string }): Promise<GroupBuySnapshot> {
    return this.d.uow.run(async (tx) => (await requireGroup(tx, cmd.groupId)).toSnapshot());
  }
}
