import type { UseCaseDeps } from '../shared/deps.js';
import { requireActivity, viewOf, type ActivityView } from './lookups.js';

/** One activity with its versions, its status now, its review status and what it has spent. */
export class GetActivity {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { readonly activityId: string }): Promise<ActivityView> {
    return this.d.uow.run(async (tx) => viewOf(tx, await requireActivity(tx, cmd.activityId), this.d.clock.now()));
  }
}
