import type { UseCaseDeps } from '../shared/deps.js';
import { changeActivity, type ReviewCommand } from './activity-steps.js';
import type { ActivityView } from './lookups.js';

/** PRM-2: the version under review is rejected with a reason; the live one (if any) keeps serving. */
export class RejectActivity {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: ReviewCommand & { readonly reason: string }): Promise<ActivityView> {
    return changeActivity(this.d, cmd.activityId, (a, now) => a.reject(cmd.reason, now, { by: cmd.by }));
  }
}
