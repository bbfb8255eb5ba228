import { type CaseSearch, RECONCILIATION_ERRORS, type ReconciliationCaseSnapshot, type ReconciliationRunSnapshot } from '../../domain/reconciliation/index.js';
import type { LedgerRecord } from '../../domain/payment/index.js';
import { dayWindow } from '../../domain/reconciliation/index.js';
import { settledRecords } from '../payment/index.js';
import { type ReconciliationDeps, timeZoneOf } from './deps.js';
import { RECONCILIATION_STORE } from './store.js';

/** Runs, newest first, of a channel and/or day. */
export class ListReconciliationRuns {
  constructor(private readonly d: ReconciliationDeps) {}

  execute(q: { readonly channel?: string; readonly day?: string; readonly limit?: number }): Promise<ReconciliationRunSnapshot[]> {
    return this.d.uow.run((tx) => tx.use(RECONCILIATION_STORE).runs.list({ ...q, limit: q.limit ?? 50 }));
  }
}

/** One run with its report (counts and sums per day and channel); RECONCILIATION.RUN_NOT_FOUND otherwise. */
export class GetReconciliationRun {
  constructor(private readonly d: ReconciliationDeps) {}

  execute(cmd: { readonly runId: string }): Promise<ReconciliationRunSnapshot> {
    return this.d.uow.run(async (tx) => {
      const run = await tx.use(RECONCILIATION_STORE).runs.get(cmd.runId);
      if (!run) throw RECONCILIATION_ERRORS.raise('RUN_NOT_FOUND', `no reconciliation run ${cmd.runId}`, { runId: cmd.runId });
      return run;
    });
  }
}

/** Staff search of cases by state, kind, channel and day, newest day first. */
export class SearchCases {
  constructor(private readonly d: ReconciliationDeps) {}

  execute(q: Omit<CaseSearch, 'limit'> & { readonly limit?: number }): Promise<ReconciliationCaseSnapshot[]> {
    return this.d.uow.run((tx) => tx.use(RECONCILIATION_STORE).cases.search({ ...q, limit: q.limit ?? 100 }));
  }
}

/** One case; RECONCILIATION.CASE_NOT_FOUND otherwise. */
export class GetCase {
  constructor(private readonly d: ReconciliationDeps) {}

  execute(cmd: { readonly caseId: string }): Promise<ReconciliationCaseSnapshot> {
    return this.d.uow.run(async (tx) => {
      const c = await tx.use(RECONCILIATION_STORE).cases.get(cmd.caseId);
      if (!c) throw RECONCILIATION_ERRORS.raise('CASE_NOT_FOUND', `no reconciliation case ${cmd.caseId}`, { caseId: cmd.caseId });
      return c;
    });
  }
}

/** The platform's records of a channel day (the payment context's ledger, the day in the channel's time zone): what its statement should show. */
export class ListPlatformRecords {
  constructor(private readonly d: ReconciliationDeps) {}

  execute(q: { readonly channel: string; readonly day: string }): Promise<LedgerRecord[]> {
    const window = dayWindow(q.day, timeZoneOf(this.d, this.d.channels.get(q.channel).name));
    return this.d.uow.run((tx) => settledRecords(tx, { channel: q.channel, ...window }));
  }
}
