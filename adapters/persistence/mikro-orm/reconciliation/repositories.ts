import type { ReconciliationStore } from '../../../../application/reconciliation/store.js';
import type { StatementRecord } from '../../../../domain/payment/index.js';
import type {
  CaseSearch,
  ReconciliationCases,
  ReconciliationCaseSnapshot,
  ReconciliationRuns,
  ReconciliationRunSnapshot,
  StatementLines,
} from '../../../../domain/reconciliation/index.js';
import { staleAggregate, type TxScope } from '../db.js';
import { decodeSnapshot, encodeSnapshot, type StoredJson } from '../records/snapshot-json.js';
import { whereGiven } from '../repositories/filters.js';
import { PgLedgerMatcher } from './matcher.js';

/** The reconciliation store of one PostgreSQL transaction. */
export const pgReconciliationStore = (tx: TxScope): ReconciliationStore => ({
  runs: new PgRuns(tx),
  lines: new PgStatementLines(tx),
  cases: new PgCases(tx),
  matcher: new PgLedgerMatcher(tx),
});

class PgRuns implements ReconciliationRuns {
  constructor(private readonly tx: TxScope) {}

  async get(id: string): Promise<ReconciliationRunSnapshot | null> {
    const [row] = await this.tx.rows<{ snapshot: StoredJson }>('select snapshot from reconciliation_run where id = ?', [id]);
    return row ? decodeSnapshot<ReconciliationRunSnapshot>(row.snapshot) : null;
  }

  async add(run: ReconciliationRunSnapshot): Promise<void> {
    await this.tx.rows('insert into reconciliation_run (id, channel, day, at, statement_run, snapshot) values (?, ?, ?, ?, ?, ?::jsonb)', [
      run.id,
      run.channel,
      run.day,
      run.at,
      run.statementRun,
      JSON.stringify(encodeSnapshot(run)),
    ]);
  }

  async list(q: { readonly channel?: string; readonly day?: string; readonly limit: number }): Promise<ReconciliationRunSnapshot[]> {
    const where = whereGiven([
      ['channel = ?', q.channel],
      ['day = ?', q.day],
    ]);
    const rows = await this.tx.rows<{ snapshot: StoredJson }>(
      `select snapshot from reconciliation_run${where.sql} order by at desc, id collate "C" desc limit ?`,
      [...where.params, q.limit],
    );
    return rows.map((r) => decodeSnapshot<ReconciliationRunSnapshot>(r.snapshot));
  }

  async latestWithStatement(channel: string, day: string): Promise<string | null> {
    const [row] = await this.tx.rows<{ id: string }>(
      'select id from reconciliation_run where channel = ? and day = ? and statement_run = id order by at desc, id collate "C" desc limit 1',
      [channel, day],
    );
    return row?.id ?? null;
  }
}

/** Statement lines, sent in chunks of column arrays (one statement per chunk, whatever the statement's size). */
class PgStatementLines implements StatementLines {
  constructor(private readonly tx: TxScope) {}

  async add(run: { readonly id: string; readonly channel: string; readonly day: string }, lines: readonly StatementRecord[]): Promise<void> {
    // Kind and number seen more than once in this statement (a channel reporting two payments of one number).
    const seen = new Map<string, number>();
    for (const l of lines) seen.set(`${l.kind} ${l.number}`, (seen.get(`${l.kind} ${l.number}`) ?? 0) + 1);
    const CHUNK = 20_000;
    for (let start = 0; start < lines.length; start += CHUNK) {
      const chunk = lines.slice(start, start + CHUNK);
      await this.tx.rows(
        `insert into statement_line (run, seq, channel, day, kind, number, at, amount, currency, fee, channel_transaction_id, several)
         select ?, s, ?, ?, k, n, a, m::numeric, c, f::numeric, t, v
         from unnest(?::int[], ?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[]) as l(s, k, n, a, m, c, f, t, v)`,
        [
          run.id,
          run.channel,
          run.day,
          chunk.map((_, i) => start + i),
          chunk.map((l) => l.kind),
          chunk.map((l) => l.number),
          chunk.map((l) => l.at.toISOString()),
          chunk.map((l) => l.amount.toString()),
          chunk.map((l) => l.amount.currency),
          chunk.map((l) => l.fee.toString()),
          chunk.map((l) => l.channelTransactionId),
          chunk.map((l) => seen.get(`${l.kind} ${l.number}`)! > 1),
        ],
      );
    }
  }
}

/** Cases on PostgreSQL: one row each, the snapshot as jsonb; `reconciliation_case_key_unique` keeps one per channel, day, kind and number. */
class PgCases implements ReconciliationCases {
  constructor(private readonly tx: TxScope) {}

  async get(id: string): Promise<ReconciliationCaseSnapshot | null> {
    const [row] = await this.tx.rows<{ snapshot: StoredJson; version: number }>('select snapshot, version from reconciliation_case where id = ?', [id]);
    return row ? fromRow(row) : null;
  }

  async ofDay(channel: string, day: string): Promise<ReconciliationCaseSnapshot[]> {
    const rows = await this.tx.rows<{ snapshot: StoredJson; version: number }>(
      'select snapshot, version from reconciliation_case where channel = ? and day = ?',
      [channel, day],
    );
    return rows.map(fromRow);
  }

  async saveAll(cases: readonly ReconciliationCaseSnapshot[]): Promise<void> {
    if (cases.length === 0) return;
    const records = cases.map((c) => ({
      id: c.id,
      channel: c.channel,
      day: c.day,
      kind: c.kind,
      number: c.number,
      state: c.state,
      snapshot: encodeSnapshot({ ...c, version: c.version + 1 }),
      version: c.version + 1,
    }));
    let saved: { id: string }[];
    try {
      saved = await this.tx.rows<{ id: string }>(
        `insert into reconciliation_case (id, channel, day, kind, number, state, snapshot, version)
         select id, channel, day, kind, number, state, snapshot, version
         from jsonb_to_recordset(?::jsonb) as x(id text, channel text, day text, kind text, number text, state text, snapshot jsonb, version int)
         on conflict (id) do update set state = excluded.state, snapshot = excluded.snapshot, version = excluded.version
         where reconciliation_case.version = excluded.version - 1
         returning id`,
        [JSON.stringify(records)],
      );
    } catch (e) {
      // Another run of the same day filed the same case first.
      if ((e as { code?: string }).code === '23505') throw staleAggregate('reconciliation_case', cases[0]!.id);
      throw e;
    }
    if (saved.length !== cases.length) {
      const done = new Set(saved.map((r) => r.id));
      throw staleAggregate('reconciliation_case', cases.find((c) => !done.has(c.id))?.id ?? cases[0]!.id);
    }
  }

  async search(q: CaseSearch): Promise<ReconciliationCaseSnapshot[]> {
    const where = whereGiven([
      ['state = ?', q.state],
      ['kind = ?', q.kind],
      ['channel = ?', q.channel],
      ['day = ?', q.day],
    ]);
    const rows = await this.tx.rows<{ snapshot: StoredJson; version: number }>(
      `select snapshot, version from reconciliation_case${where.sql} order by day desc, kind collate "C", number collate "C" limit ?`,
      [...where.params, q.limit],
    );
    return rows.map(fromRow);
  }
}

const fromRow = (r: { snapshot: StoredJson; version: number }): ReconciliationCaseSnapshot => ({
  ...decodeSnapshot<ReconciliationCaseSnapshot>(r.snapshot),
  version: r.version,
});
