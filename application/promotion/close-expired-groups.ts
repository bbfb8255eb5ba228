import { isDomainError } from '../../domain/shared/domain-error.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { requireGroup } from './lookups.js';
import { PROMOTION_STORE } from './store.js';

/**
 * Fails the groups whose deadline has come short of their size (their paid orders are to be cancelled and
 * refunded: `promotion.group.failed`). One transaction per group; a group a payment changed meanwhile is
 * left for the next run. Returns the ids of the groups that failed.
 */
export class CloseExpiredGroups {
  constructor(private readonly d: UseCaseDeps) {}

  async execute(cmd: { readonly limit?: number } = {}): Promise<{ readonly failed: string[] }> {
    const now = this.d.clock.now();
    const due = await this.d.uow.run(async (tx) => (await tx.use(PROMOTION_STORE).groupBuys.dueToClose(now, cmd.limit ?? 500)).map((g) => g.id));
    const failed: string[] = [];
    for (const id of due) {
      try {
        const closed = await this.d.uow.run(async (tx) => {
          const group = await requireGroup(tx, id);
          if (!group.expire(now)) return false;
          await tx.use(PROMOTION_STORE).groupBuys.save(group);
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
