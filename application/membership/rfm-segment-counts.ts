import type { RfmRun, Segment } from '../../domain/membership/rfm.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { rfmRunOrLatest } from './lookups.js';
import { MEMBERSHIP_STORE } from './store.js';

/** How many members each of the eight segments holds in a run (the latest by default). */
export class RfmSegmentCounts {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { runId?: string } = {}): Promise<{ run: RfmRun; segments: Record<Segment, number> }> {
    return this.d.uow.run(async (tx) => {
      const run = await rfmRunOrLatest(tx, cmd.runId);
      return { run, segments: await tx.use(MEMBERSHIP_STORE).rfmRuns.segmentCounts(run.id) };
    });
  }
}
