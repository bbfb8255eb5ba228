import type { RfmRun, RfmScore, Segment } from '../../domain/membership/rfm.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import { rules, type Deps } from './support.js';

/**
 * One RFM run over the paid-order facts as of `asOf` (default now), with the configured window,
 * monetary measure and scoring. The adapter computes it where the data are (PostgreSQL: one set-based
 * SQL pass, never loading members into Node), records the MBR-2 wake-up events against the previous
 * run, and applies the optional downgrades.
 */
export class RunRfm {
  constructor(private readonly uow: UnitOfWork, private readonly d: Deps) {}
  execute(cmd: { asOf?: Date } = {}): Promise<RfmRun> {
    const at = this.d.clock.now();
    const asOf = cmd.asOf ?? at;
    if (!(asOf instanceof Date) || Number.isNaN(asOf.getTime())) throw DomainError.invalid('MEMBERSHIP.INVALID_TIME', 'asOf is a moment');
    return this.uow.run(async (tx) => {
      const { rfm } = await rules(tx);
      const run = await tx.rfmRuns.run({ id: this.d.ids.next(), asOf, config: rfm, at, newId: () => this.d.ids.next() });
      tx.recordEvents([{ type: 'membership.rfm.completed', aggregateId: run.id, occurredAt: at, payload: { asOf: asOf.toISOString(), members: run.members, wakeUps: run.wakeUps, downgrades: run.downgrades } }]);
      return run;
    });
  }
}

async function runOrLatest(tx: Parameters<Parameters<UnitOfWork['run']>[0]>[0], runId?: string): Promise<RfmRun> {
  const run = runId ? await tx.rfmRuns.get(runId) : await tx.rfmRuns.latest();
  if (!run) throw DomainError.notFound('MEMBERSHIP.RFM_RUN_NOT_FOUND', runId ? `no RFM run ${runId}` : 'no RFM run yet', runId ? { runId } : {});
  return run;
}

/** How many members each of the eight segments holds in a run (the latest by default). */
export class RfmSegmentCounts {
  constructor(private readonly uow: UnitOfWork) {}
  execute(cmd: { runId?: string } = {}): Promise<{ run: RfmRun; segments: Record<Segment, number> }> {
    return this.uow.run(async (tx) => {
      const run = await runOrLatest(tx, cmd.runId);
      return { run, segments: await tx.rfmRuns.segmentCounts(run.id) };
    });
  }
}

/** A member's scores and segment in a run (the latest by default). */
export class MemberRfm {
  constructor(private readonly uow: UnitOfWork) {}
  execute(cmd: { memberId: string; runId?: string }): Promise<RfmScore & { runId: string; asOf: Date }> {
    return this.uow.run(async (tx) => {
      const run = await runOrLatest(tx, cmd.runId);
      const s = await tx.rfmRuns.score(run.id, cmd.memberId);
      if (!s) throw DomainError.notFound('MEMBERSHIP.NO_RFM_SCORE', `member ${cmd.memberId} has no paid order in run ${run.id}`, { memberId: cmd.memberId, runId: run.id });
      return { ...s, runId: run.id, asOf: run.asOf };
    });
  }
}
