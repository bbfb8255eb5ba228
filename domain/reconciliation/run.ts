import type { RunReport } from './report.js';

/** Where a run's statement came from: downloaded from the channel, uploaded by an operator, or the day's stored one again. */
export type StatementSource = 'download' | 'upload' | 'stored';

/** One reconciliation of one channel day: what it matched and what it found. */
export interface ReconciliationRunSnapshot {
  readonly id: string;
  readonly channel: string;
  readonly day: string;
  /** The channel's time zone the day was taken in. */
  readonly timeZone: string;
  readonly source: StatementSource;
  /** The run whose statement lines were matched (itself when it brought them). */
  readonly statementRun: string;
  readonly toleranceMs: number;
  /** The staff member's subject, or `system` (the daily job, the CLI). */
  readonly by: string;
  readonly at: Date;
  readonly report: RunReport;
}
