import type { UseCaseDeps } from '../shared/deps.js';
import { activityInput, changeActivity, type ActivityFields } from './activity-steps.js';
import { checkBudgetCovers, type ActivityView } from './lookups.js';

export type ReviseActivityCommand = Partial<ActivityFields> & {
  readonly activityId: string;
  /** The staff member who writes the change: an author of the version (never its approver). */
  readonly by?: string;
};

/**
 * PRM-2: a new version of a published (or rejected) activity, a draft that goes through review while the
 * live version keeps serving; an open draft is edited in place.
 */
export class ReviseActivity {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: ReviseActivityCommand): Promise<ActivityView> {
    const { activityId, by, ...fields } = cmd;
    return changeActivity(this.d, activityId, async (a, now, tx) => {
      const v = a.revise(activityInput(fields), now, by === undefined ? {} : { by });
      await checkBudgetCovers(tx, a, v.definition.budget);
    });
  }
}
