import type { ReconciliationStore } from '../../../../application/reconciliation/store.js';
import type { LedgerRecord, StatementRecord } from '../../../../domain/payment/index.js';
import {
  type CaseSearch,
  type LedgerMatcher,
  type MatchOutcome,
  type MatchQuery,
  matchDay,
  type ReconciliationCases,
  type ReconciliationCaseSnapshot,
  type ReconciliationRuns,
  type ReconciliationRunSnapshot,
  type StatementLines,
} from '../../../../domain/reconciliation/index.js';
import type { MemoryTransactionState } from '../memory-transaction.js';

const RUNS = 'reconciliationRuns';
const LINES = 'statementLines';
const CASES = 'reconciliationCases';

type RunRow = ReconciliationRunSnapshot & { readonly version: number };
interface LinesRow {
  readonly id: string;
  readonly version: number;
  readonly lines: readonly StatementRecord[];
}

/** The reconciliation store of one memory transaction. */
export const memoryReconciliationStore = (tx: MemoryTransactionState): ReconciliationStore => ({
  runs: new MemoryRuns(tx),
  lines: new MemoryStatementLines(tx),
  cases: new MemoryCases(tx),
  matcher: new MemoryMatcher(tx),
});

const newestFirst = (a: { at: Date; id: string }, b: { at: Date; id: string }) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

class MemoryRuns implements ReconciliationRuns {
  constructor(private readonly tx: MemoryTransactionState) {}

  async get(id: string): Promise<ReconciliationRunSnapshot | null> {
    const row = this.tx.read<RunRow>(RUNS, id);
    if (!row) return null;
    const { version: _, ...run } = row;
    return run;
  }

  async add(run: ReconciliationRunSnapshot): Promise<void> {
    this.tx.write(RUNS, { ...run, version: 0 });
  }

  async list(q: { readonly channel?: string; readonly day?: string; readonly limit: number }): Promise<ReconciliationRunSnapshot[]> {
    return this.tx
      .rows<RunRow>(RUNS)
      .filter((r) => (q.channel === undefined || r.channel === q.channel) && (q.day === undefined || r.day === q.day))
      .sort(newestFirst)
      .slice(0, q.limit)
      .map(({ version: _, ...run }) => run);
  }

  async latestWithStatement(channel: string, day: string): Promise<string | null> {
    const runs = this.tx.rows<RunRow>(RUNS).filter((r) => r.channel === channel && r.day === day && r.statementRun === r.id);
    return runs.sort(newestFirst)[0]?.id ?? null;
  }
}

class MemoryStatementLines implements StatementLines {
  constructor(private readonly tx: MemoryTransactionState) {}

  async add(run: { readonly id: string }, lines: readonly StatementRecord[]): Promise<void> {
    this.tx.write(LINES, { id: run.id, version: 0, lines: [...lines] } as LinesRow);
  }
}

/** Cases in memory (table `reconciliationCases`), optimistic by version; one per channel, day, kind and number. */
class MemoryCases implements ReconciliationCases {
  constructor(private readonly tx: MemoryTransactionState) {}

  async get(id: string): Promise<ReconciliationCaseSnapshot | null> {
    return this.tx.read<ReconciliationCaseSnapshot>(CASES, id) ?? null;
  }

  async ofDay(channel: string, day: string): Promise<ReconciliationCaseSnapshot[]> {
    return this.tx.rows<ReconciliationCaseSnapshot>(CASES).filter((c) => c.channel === channel && c.day === day);
  }

  async saveAll(cases: readonly ReconciliationCaseSnapshot[]): Promise<void> {
    for (const c of cases) this.tx.write(CASES, c);
  }

  async search(q: CaseSearch): Promise<ReconciliationCaseSnapshot[]> {
    const given = <T>(want: T | undefined, value: T) => want === undefined || want === value;
    return this.tx
      .rows<ReconciliationCaseSnapshot>(CASES)
      .filter((c) => given(q.state, c.state) && given(q.kind, c.kind) && given(q.channel, c.channel) && given(q.day, c.day))
      .sort(
        (a, b) =>
          (a.day < b.day ? 1 : a.day > b.day ? -1 : 0) ||
          (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) ||
          (a.number < b.number ? -1 : a.number > b.number ? 1 : 0),
      )
      .slice(0, q.limit);
  }
}

/** PAY-3 in memory: the pure `matchDay` over the run's stored statement and the payment context's ledger. */
class MemoryMatcher implements LedgerMatcher {
  constructor(private readonly tx: MemoryTransactionState) {}

  async match(q: MatchQuery, platform: () => Promise<LedgerRecord[]>): Promise<MatchOutcome> {
    const lines = this.tx.read<LinesRow>(LINES, q.statementRun)?.lines ?? [];
    return matchDay(await platform(), lines, q);
  }
}
