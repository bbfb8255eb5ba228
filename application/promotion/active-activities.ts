import type { UseCaseDeps } from '../shared/deps.js';
import { viewsOf, type ActivityView } from './lookups.js';
import { liveActivities } from './serving.js';

/** The activities serving at `now` (default: the clock's): published, in their window, not voided, budget not used up. */
export class ActiveActivities {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { readonly now?: Date } = {}): Promise<ActivityView[]> {
    const now = cmd.now ?? this.d.clock.now();
    return this.d.uow.run(async (tx) => viewsOf(tx, await liveActivities(tx, now), now));
  }
}
