import { EntitySchema } from '@mikro-orm/core';
import type { StoredJson } from '../records/snapshot-json.js';

const timestamptz = { type: 'datetime', columnType: 'timestamptz' } as const;

/** One row of `reconciliation_run`: the run as jsonb, with the columns queries select on. */
export class ReconciliationRunRecord {
  id!: string;
  channel!: string;
  day!: string;
  at!: Date;
  statementRun!: string;
  snapshot!: StoredJson;
}

export const ReconciliationRunSchema = new EntitySchema<ReconciliationRunRecord>({
  class: ReconciliationRunRecord,
  tableName: 'reconciliation_run',
  properties: {
    id: { type: 'text', primary: true },
    channel: { type: 'text' },
    day: { type: 'text' },
    at: { ...timestamptz },
    statementRun: { type: 'text' },
    snapshot: { type: 'json' },
  },
  indexes: [
    { name: 'reconciliation_run_day_index', expression: 'create index "reconciliation_run_day_index" on "reconciliation_run" ("channel", "day", "at" desc)' },
    { name: 'reconciliation_run_at_index', expression: 'create index "reconciliation_run_at_index" on "reconciliation_run" ("at" desc)' },
  ],
});

/** One line of a statement a run brought (`statement_line`), the columns PAY-3 matches on in SQL. */
export class StatementLineRecord {
  run!: string;
  seq!: number;
  channel!: string;
  day!: string;
  kind!: string;
  number!: string;
  at!: Date;
  amount!: string;
  currency!: string;
  fee!: string;
  channelTransactionId!: string;
  several!: boolean;
}

export const StatementLineSchema = new EntitySchema<StatementLineRecord>({
  class: StatementLineRecord,
  tableName: 'statement_line',
  properties: {
    run: { type: 'text', primary: true },
    seq: { type: 'integer', primary: true },
    channel: { type: 'text' },
    day: { type: 'text' },
    kind: { type: 'text' },
    number: { type: 'text' },
    at: { ...timestamptz },
    amount: { type: 'decimal', precision: 20, scale: 2 },
    currency: { type: 'text' },
    fee: { type: 'decimal', precision: 20, scale: 5 },
    channelTransactionId: { type: 'text' },
    /** The statement has more than one line of this kind and number (set when stored): the matcher hands them to the pure `matchDay`. */
    several: { type: 'boolean', default: false },
  },
  checks: [{ name: 'statement_line_kind_check', expression: `kind in ('payment', 'refund')` }],
});

/** One row of `reconciliation_case`: the case as jsonb; one per channel, day, kind and number. */
export class ReconciliationCaseRecord {
  id!: string;
  channel!: string;
  day!: string;
  kind!: string;
  number!: string;
  state!: string;
  snapshot!: StoredJson;
  version!: number;
}

export const ReconciliationCaseSchema = new EntitySchema<ReconciliationCaseRecord>({
  class: ReconciliationCaseRecord,
  tableName: 'reconciliation_case',
  properties: {
    id: { type: 'text', primary: true },
    channel: { type: 'text' },
    day: { type: 'text' },
    kind: { type: 'text' },
    number: { type: 'text' },
    state: { type: 'text' },
    snapshot: { type: 'json' },
    version: { type: 'integer' },
  },
  uniques: [{ name: 'reconciliation_case_key_unique', properties: ['channel', 'day', 'kind', 'number'] }],
  indexes: [
    {
      name: 'reconciliation_case_state_day_index',
      expression: 'create index "reconciliation_case_state_day_index" on "reconciliation_case" ("state", "day" desc)',
    },
  ],
  checks: [
    { name: 'reconciliation_case_state_check', expression: `state in ('open', 'resolved', 'written_off')` },
    { name: 'reconciliation_case_version_check', expression: 'version >= 0' },
  ],
});
