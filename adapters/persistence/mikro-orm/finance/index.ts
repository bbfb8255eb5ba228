import { FINANCE_STORE } from '../../../../application/finance/store.js';
import { pgStore, type PostgresContextPart } from '../context-part.js';
import { Migration20261209000000_ledger } from './migrations/Migration20261209000000_ledger.js';
import { LedgerLineSchema, LedgerPostingSchema } from './records.js';
import { pgFinanceStore } from './repositories.js';

/** The finance context on PostgreSQL: `ledger_posting` and `ledger_line`, balanced at commit and append-only by triggers (decision 0037). */
export const financePostgres: PostgresContextPart = {
  entities: [LedgerPostingSchema, LedgerLineSchema],
  migrations: [{ name: 'Migration20261209000000_ledger', class: Migration20261209000000_ledger }],
  stores: [pgStore(FINANCE_STORE, pgFinanceStore)],
};
