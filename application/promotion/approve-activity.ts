import type { UseCaseDeps } from '../shared/deps.js';
import { changeActivity, type ReviewCommand } from './activity-steps.js';
import { checkBudgetCovers, type ActivityView } from './lookups.js';

/**
 * PRM-2: the version under review is published and serves; the one it replaces is superseded. Four eyes:
 * only by a staff member who neither submitted nor wrote it (`PROMOTION.SELF_APPROVAL`, nothing written).
 */
export class ApproveActivity {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: ReviewCommand): Promise<ActivityView> {
    return changeActivity(this.d, cmd.activityId, async (a, now, tx) => {
      await checkBudgetCovers(tx, a, a.latest.definition.budget);
      a.approve(now, { by: cmd.by });
    });
  }
}
