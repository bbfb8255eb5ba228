import type { ReviewStatus, TimeStatus } from '../../domain/promotion/review.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { viewsOf, type ActivityView } from './lookups.js';
import { PROMOTION_STORE } from './store.js';

/** Every activity, newest first, or those of one PRM-2 status now and/or one review status (of the newest version). */
export class ListActivities {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { readonly status?: TimeStatus; readonly reviewStatus?: ReviewStatus } = {}): Promise<ActivityView[]> {
    return this.d.uow.run(async (tx) => {
      const views = await viewsOf(tx, await tx.use(PROMOTION_STORE).activities.all(), this.d.clock.now());
      return views.filter(
        (v) => (cmd.status === undefined || v.status === cmd.status) && (cmd.reviewStatus === undefined || v.reviewStatus === cmd.reviewStatus),
      );
    });
  }
}
