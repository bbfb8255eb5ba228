import type { UseCaseDeps } from '../shared/deps.js';
import { changeActivity, type ReviewCommand } from './activity-steps.js';
import type { ActivityView } from './lookups.js';

/** PRM-2: the draft goes to review. */
export class SubmitActivity {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: ReviewCommand): Promise<ActivityView> {
    return changeActivity(this.d, cmd.activityId, (a, now) => a.submit(now, { by: cmd.by }));
  }
}
