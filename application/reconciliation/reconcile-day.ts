import { DEFAULT_RECONCILIATION_TOLERANCE_MS, type StatementRecord } from '../../domain/payment/index.js';
import {
  caseKey,
  closeCase,
  dayWindow,
  type ClearingCheck,
  clearingChecks,
  type FoundDiscrepancy,
  type MatchOutcome,
  matchingWindow,
  openCase,
  RECONCILIATION_ERRORS,
  type ReconciliationCaseSnapshot,
  type ReconciliationRunSnapshot,
  reportOf,
  requireDay,
  seenAgain,
  statementNet,
  type StatementSource,
} from '../../domain/reconciliation/index.js';
import { isDomainError } from '../../domain/shared/domain-error.js';
import { Money } from '../../domain/shared/money.js';
import { clearingBalanceOf, postChannelFeesIn } from '../finance/index.js';
import { settledRecords } from '../payment/index.js';
import type { Transaction } from '../shared/unit-of-work.js';
import { type ReconciliationDeps, timeZoneOf } from './deps.js';
import { RECONCILIATION_STORE } from './store.js';

export interface ReconcileDayCommand {
  readonly channel: string;
  /** `YYYY-MM-DD` in the channel's time zone; not a future day (today's report is partial). */
  readonly day: string;
  /**
   * `download`: the channel's statement (`statement`); `stored`: the day's newest statement stored (a
   * re-run: a late callback arrived, a case was resolved). Default: download when the channel can, else stored.
   */
  readonly source?: 'download' | 'stored';
  /** An uploaded statement file (对账单), read with the channel's `parseStatement`; wins over `source`. */
  readonly file?: Uint8Array;
  /** The statement's lines as a host read them (tests, the demo, an import of its own): stored as an upload. */
  readonly lines?: readonly StatementRecord[];
  /** The staff member's subject, or `system` (default). */
  readonly by?: string;
}

/**
 * PAY-3 for one channel day (对账): the statement — downloaded, uploaded, or the stored one again — is
 * stored with the run (`statement_line`), matched against the platform's ledger of the day ± tolerance
 * (the payment context's published `settledRecords`; on PostgreSQL in SQL), and every discrepancy becomes
 * a case: one per channel, day, kind and number, so a re-run opens no second case; open cases whose
 * discrepancy is gone are resolved by the system. The run keeps its report. Downloading happens before
 * the transaction; storing, matching and filing cases are one.
 */
export class ReconcileDay {
  constructor(private readonly d: ReconciliationDeps) {}

  async execute(cmd: ReconcileDayCommand): Promise<ReconciliationRunSnapshot> {
    const channel = this.d.channels.get(cmd.channel);
    const day = requireDay(cmd.day);
    const timeZone = timeZoneOf(this.d, channel.name);
    const window = dayWindow(day, timeZone);
    // A day that has begun may be reconciled (its report is partial until the day is over); a future one may not.
    if (window.from.getTime() > this.d.clock.now().getTime()) {
      throw RECONCILIATION_ERRORS.raise('INVALID_DAY', `${day} has not begun in ${timeZone}`, { day, timeZone });
    }
    const brought = await this.statement(cmd, channel);
    const toleranceMs = this.d.toleranceMs ?? DEFAULT_RECONCILIATION_TOLERANCE_MS;
    return this.d.uow.run(async (tx) => {
      const store = tx.use(RECONCILIATION_STORE);
      const id = this.d.ids.next();
      const at = this.d.clock.now();
      let statementRun = id;
      if (brought) await store.lines.add({ id, channel: channel.name, day }, brought.lines);
      else {
        const stored = await store.runs.latestWithStatement(channel.name, day);
        if (!stored)
          throw RECONCILIATION_ERRORS.raise('NO_STATEMENT', `no statement of ${channel.name} for ${day}: upload one`, { channel: channel.name, day });
        statementRun = stored;
      }
      const q = { statementRun, channel: channel.name, day: window, toleranceMs };
      const outcome = await store.matcher.match(q, () => settledRecords(tx, { channel: channel.name, ...matchingWindow(q) }));
      const cases = await fileCases(tx, { channel: channel.name, day, runId: id, at, nextId: () => this.d.ids.next() }, outcome.discrepancies);
      const clearing = await checkClearing(tx, this.d, { channel: channel.name, day, window }, outcome);
      const run: ReconciliationRunSnapshot = {
        id,
        channel: channel.name,
        day,
        timeZone,
        source: brought?.source ?? 'stored',
        statementRun,
        toleranceMs,
        by: cmd.by ?? 'system',
        at,
        report: reportOf(outcome, cases, clearing),
      };
      await store.runs.add(run);
      return run;
    });
  }

  private async statement(
    cmd: ReconcileDayCommand,
    channel: ReturnType<ReconciliationDeps['channels']['get']>,
  ): Promise<{ source: StatementSource; lines: readonly StatementRecord[] } | null> {
    if (cmd.lines) return { source: 'upload', lines: checkedLines(cmd.lines) };
    if (cmd.file) {
      if (!channel.parseStatement)
        throw RECONCILIATION_ERRORS.raise('INVALID_STATEMENT', `channel ${channel.name} reads no statement files`, { channel: channel.name });
      try {
        return { source: 'upload', lines: checkedLines(channel.parseStatement(cmd.file)) };
      } catch (e) {
        if (isDomainError(e)) throw e;
        throw RECONCILIATION_ERRORS.raise('INVALID_STATEMENT', `not a statement of ${channel.name}: ${(e as Error).message}`.slice(0, 500), {
          channel: channel.name,
        });
      }
    }
    const source = cmd.source ?? (channel.statement ? 'download' : 'stored');
    if (source === 'stored') return null;
    if (!channel.statement)
      throw RECONCILIATION_ERRORS.raise('NO_STATEMENT', `channel ${channel.name} does not download statements: upload one`, { channel: channel.name });
    return { source, lines: checkedLines(await channel.statement(cmd.day)) };
  }
}

function checkedLines(lines: readonly StatementRecord[]): readonly StatementRecord[] {
  for (const l of lines) {
    const fine = (l.kind === 'payment' || l.kind === 'refund') && l.number.length > 0 && l.number.length <= 128 && !Number.isNaN(l.at.getTime());
    if (!fine) throw RECONCILIATION_ERRORS.raise('INVALID_STATEMENT', `a statement line without kind, number or time: ${l.number.slice(0, 64)}`, {});
  }
  return lines;
}

/**
 * Books against the channel (spec §13): the statement's fees of the day are posted to the ledger (once per
 * channel and day — fees posted before for another amount stay as they are until staff reverse them),
 * then each currency's statement net is set against what the channel's clearing account moved over the
 * day. A payment the channel took that the platform never heard of shows here as money too.
 */
async function checkClearing(
  tx: Transaction,
  d: ReconciliationDeps,
  run: { channel: string; day: string; window: { from: Date; to: Date } },
  outcome: MatchOutcome,
): Promise<Record<string, ClearingCheck>> {
  for (const [currency, fee] of Object.entries(outcome.fees)) {
    try {
      await postChannelFeesIn(tx, d, { channel: run.channel, day: run.day, fee: Money.of(fee, currency) });
    } catch (e) {
      if (!isDomainError(e) || e.code !== 'FINANCE.ALREADY_POSTED') throw e;
    }
  }
  const statement = statementNet(outcome);
  const ledger: Record<string, Money> = {};
  for (const currency of Object.keys(statement)) {
    const from = await clearingBalanceOf(tx, run.channel, run.window.from, currency);
    ledger[currency] = (await clearingBalanceOf(tx, run.channel, run.window.to, currency)).subtract(from);
  }
  return clearingChecks(statement, ledger);
}

/**
 * The day's cases after a run: a discrepancy found again keeps its case (an open one takes the latest
 * records), a new one opens a case, and an open case not found again is resolved by the system.
 */
async function fileCases(
  tx: Transaction,
  run: { channel: string; day: string; runId: string; at: Date; nextId: () => string },
  found: readonly FoundDiscrepancy[],
): Promise<{ opened: number; closed: number }> {
  const cases = tx.use(RECONCILIATION_STORE).cases;
  const existing = new Map((await cases.ofDay(run.channel, run.day)).map((c) => [caseKey(c), c]));
  const seen = new Set<string>();
  const changed: ReconciliationCaseSnapshot[] = [];
  let opened = 0;
  let closed = 0;
  for (const d of found) {
    const key = caseKey({ channel: run.channel, day: run.day, kind: d.kind, number: d.number });
    if (seen.has(key)) continue;
    seen.add(key);
    const c = existing.get(key);
    if (c) changed.push(seenAgain(c, run.runId, d));
    else {
      changed.push(openCase({ id: run.nextId(), channel: run.channel, day: run.day, runId: run.runId, at: run.at, found: d }));
      opened++;
    }
  }
  for (const [key, c] of existing) {
    if (c.state !== 'open' || seen.has(key)) continue;
    changed.push(closeCase(c, { action: 'system', by: 'system', at: run.at, note: `not found again by run ${run.runId}`, outcome: null }));
    closed++;
  }
  await cases.saveAll(changed);
  return { opened, closed };
}
