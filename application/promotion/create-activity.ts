import { Activity } from '../../domain/promotion/activity.js';
import type { ActivityInput } from '../../domain/promotion/definition.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { activityInput, type ActivityFields } from './activity-steps.js';
import { checkCodeFree, viewOf, type ActivityView } from './lookups.js';
import { PROMOTION_STORE } from './store.js';

export interface CreateActivityCommand extends ActivityFields {
  /** The staff member who writes it: the version's author (never its approver, decision 0021). */
  readonly by?: string;
}

/** PRM-2 setup: a new activity, version 1 as a draft, with a generated unique code. */
export class CreateActivity {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: CreateActivityCommand): Promise<ActivityView> {
    return this.d.uow.run(async (tx) => {
      const now = this.d.clock.now();
      const { by, ...fields } = cmd;
      const a = Activity.create(this.d.ids.next(), activityInput(fields) as ActivityInput, now, by === undefined ? {} : { by });
      await checkCodeFree(tx, a);
      await tx.use(PROMOTION_STORE).activities.save(a);
      return viewOf(tx, a, now);
    });
  }
}
