import { MEMBERSHIP_ERRORS } from '../../domain/membership/errors.js';
import type { RfmRun } from '../../domain/membership/rfm.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { rules } from './lookups.js';
import { MEMBERSHIP_STORE } from './store.js';

/**
 * One RFM run over the paid-order facts as of `asOf` (default now), with the configured window,
 * monetary measure and scoring. The adapter computes it where the data are (PostgreSQL: one set-based
 * SQL pass, never loading members into Node), records the MBR-2 wake-up events against the previous
 * run, and applies the optional downgrades.
 */
export class RunRfm {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { asOf?: Date } = {}): Promise<RfmRun> {
    const at = this.d.clock.now();
    const asOf = cmd.asOf ?? at;
    if (!(asOf instanceof Date) || Number.isNaN(asOf.getTime())) throw MEMBERSHIP_ERRORS.raise('INVALID_TIME', 'asOf is a moment');
    return this.d.uow.run(async (tx) => {
      const { rfm } = await rules(tx);
      const run = await tx.use(MEMBERSHIP_STORE).rfmRuns.run({ id: this.d.ids.next(), asOf, config: rfm, at, newId: () => this.d.ids.next() });
      tx.recordEvents([
        {
          type: 'membership.rfm.completed',
          aggregateId: run.id,
          occurredAt: at,
          payload: { asOf: asOf.toISOString(), members: run.members, wakeUps: run.wakeUps, downgrades: run.downgrades },
        },
      ]);
      return run;
    });
  }
}
