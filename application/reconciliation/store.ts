import type { LedgerMatcher, ReconciliationCases, ReconciliationRuns, StatementLines } from '../../domain/reconciliation/index.js';
import { storeKey } from '../shared/store.js';

/** The reconciliation context's repositories in one transaction (never exported from the context's index). */
export interface ReconciliationStore {
  readonly runs: ReconciliationRuns;
  readonly lines: StatementLines;
  readonly cases: ReconciliationCases;
  readonly matcher: LedgerMatcher;
}

export const RECONCILIATION_STORE = storeKey<ReconciliationStore>('reconciliation');
