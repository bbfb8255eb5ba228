import type { UseCaseDeps } from '../shared/deps.js';
import { changeActivity } from './activity-steps.js';
import type { ActivityView } from './lookups.js';

/** 作废: the activity stops serving at once and for good. */
export class VoidActivity {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { readonly activityId: string; readonly reason?: string }): Promise<ActivityView> {
    return changeActivity(this.d, cmd.activityId, (a, now) => a.void(cmd.reason, now));
  }
}
