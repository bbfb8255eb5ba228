import type { DiscrepancyKind, LedgerRecord, StatementRecord } from '../payment/index.js';
import type { CaseState, ReconciliationCaseSnapshot } from './case.js';
import type { MatchOutcome, MatchQuery } from './report.js';
import type { ReconciliationRunSnapshot } from './run.js';

/** Port: reconciliation runs (written once, with their report). */
export interface ReconciliationRuns {
  get(id: string): Promise<ReconciliationRunSnapshot | null>;
  add(run: ReconciliationRunSnapshot): Promise<void>;
  /** Newest first. */
  list(q: { readonly channel?: string; readonly day?: string; readonly limit: number }): Promise<ReconciliationRunSnapshot[]>;
  /** The newest run of the channel day that brought statement lines (downloaded or uploaded), if any. */
  latestWithStatement(channel: string, day: string): Promise<string | null>;
}

/** Port: the statement lines a run brought (table `statement_line`). */
export interface StatementLines {
  add(run: { readonly id: string; readonly channel: string; readonly day: string }, lines: readonly StatementRecord[]): Promise<void>;
}

/** Port: discrepancy cases, one per channel, day, kind and number; saved optimistically by version. */
export interface ReconciliationCases {
  get(id: string): Promise<ReconciliationCaseSnapshot | null>;
  /** Every case of a channel day. */
  ofDay(channel: string, day: string): Promise<ReconciliationCaseSnapshot[]>;
  /** Saves each (version 0 inserts); CONCURRENCY.STALE_AGGREGATE when one moved since it was read. */
  saveAll(cases: readonly ReconciliationCaseSnapshot[]): Promise<void>;
  /** Staff search, by day (newest first), kind and number. */
  search(q: CaseSearch): Promise<ReconciliationCaseSnapshot[]>;
}

export interface CaseSearch {
  readonly state?: CaseState;
  readonly kind?: DiscrepancyKind;
  readonly channel?: string;
  readonly day?: string;
  readonly limit: number;
}

/**
 * Port: PAY-3 over a run's stored statement and the platform's ledger of the matching window. In memory
 * with the pure `matchDay` over `platform()` (the payment context's published ledger); on PostgreSQL in
 * SQL over the payment context's published view (decision 0038), `platform` unused. Both give the same answer.
 */
export interface LedgerMatcher {
  match(q: MatchQuery, platform: () => Promise<LedgerRecord[]>): Promise<MatchOutcome>;
}
