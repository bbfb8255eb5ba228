import { MEMBERSHIP_ERRORS } from '../../domain/membership/errors.js';
import type { RfmScore } from '../../domain/membership/rfm.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { rfmRunOrLatest } from './lookups.js';
import { MEMBERSHIP_STORE } from './store.js';

/** A member's scores and segment in a run (the latest by default). */
export class MemberRfm {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { memberId: string; runId?: string }): Promise<RfmScore & { runId: string; asOf: Date }> {
    return this.d.uow.run(async (tx) => {
      const run = await rfmRunOrLatest(tx, cmd.runId);
      const s = await tx.use(MEMBERSHIP_STORE).rfmRuns.score(run.id, cmd.memberId);
      if (!s)
        throw MEMBERSHIP_ERRORS.raise('NO_RFM_SCORE', `member ${cmd.memberId} has no paid order in run ${run.id}`, { memberId: cmd.memberId, runId: run.id });
      return { ...s, runId: run.id, asOf: run.asOf };
    });
  }
}
