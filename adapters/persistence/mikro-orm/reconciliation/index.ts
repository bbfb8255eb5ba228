import { RECONCILIATION_STORE } from '../../../../application/reconciliation/store.js';
import { pgStore, type PostgresContextPart } from '../context-part.js';
import { Migration20261221000000_reconciliation } from './migrations/Migration20261221000000_reconciliation.js';
import { ReconciliationCaseSchema, ReconciliationRunSchema, StatementLineSchema } from './records.js';
import { pgReconciliationStore } from './repositories.js';

/** The reconciliation context on PostgreSQL: `reconciliation_run`, `statement_line`, `reconciliation_case`; PAY-3 in SQL against payment's view `payment_ledger`. */
export const reconciliationPostgres: PostgresContextPart = {
  entities: [ReconciliationRunSchema, StatementLineSchema, ReconciliationCaseSchema],
  migrations: [{ name: 'Migration20261221000000_reconciliation', class: Migration20261221000000_reconciliation }],
  stores: [pgStore(RECONCILIATION_STORE, pgReconciliationStore)],
};
