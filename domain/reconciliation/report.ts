import { DISCREPANCY_KINDS, type DiscrepancyKind, type LedgerRecord, reconcile, type StatementRecord } from '../payment/index.js';
import { Money } from '../shared/money.js';
import type { FoundDiscrepancy } from './case.js';
import type { ClearingCheck } from './clearing.js';
import type { DayWindow } from './day.js';

/** A count and its sum, per currency (exact decimal strings). */
export interface Tally {
  readonly count: number;
  readonly amounts: Readonly<Record<string, string>>;
}

export const EMPTY_TALLY: Tally = { count: 0, amounts: {} };

/** Adds `count` records summing to `amount` (a decimal string) in `currency`. */
export function addToTally(t: Tally, count: number, amount: string, currency: string): Tally {
  const before = t.amounts[currency];
  const sum = before === undefined ? Money.of(amount, currency) : Money.of(before, currency).add(Money.of(amount, currency));
  return { count: t.count + count, amounts: { ...t.amounts, [currency]: sum.toString() } };
}

export function mergeTallies(a: Tally, b: Tally): Tally {
  let t: Tally = { count: a.count, amounts: a.amounts };
  for (const [currency, amount] of Object.entries(b.amounts)) t = addToTally(t, 0, amount, currency);
  return { count: t.count + b.count, amounts: t.amounts };
}

/** What matching one statement against the platform's ledger found (a run's report is made of it). */
export interface MatchOutcome {
  readonly statementLines: number;
  readonly platformRecords: number;
  readonly matched: { readonly payment: Tally; readonly refund: Tally };
  /** Σ of the statement's fees (手续费), per currency. */
  readonly fees: Readonly<Record<string, string>>;
  /** By kind, number and time; platform records of the neighbouring days left out (see `matchDay`). */
  readonly discrepancies: readonly FoundDiscrepancy[];
}

/** What a run is asked to match: its statement's lines against the channel's platform records around the day. */
export interface MatchQuery {
  readonly statementRun: string;
  readonly channel: string;
  readonly day: DayWindow;
  readonly toleranceMs: number;
}

/** The platform records that take part in a day's matching: those of the day and within the tolerance around it. */
export const matchingWindow = (q: Pick<MatchQuery, 'day' | 'toleranceMs'>): DayWindow => ({
  from: new Date(q.day.from.getTime() - q.toleranceMs),
  to: new Date(q.day.to.getTime() + q.toleranceMs),
});

const inDay = (r: LedgerRecord, day: DayWindow) => r.at.getTime() >= day.from.getTime() && r.at.getTime() < day.to.getTime();

/**
 * PAY-3 for one channel day, with the pure `reconcile`: the platform records of the matching window
 * (the day ± tolerance) against the statement. A platform record outside the day that found no partner
 * belongs to the neighbouring day's statement: it is not reported missing.
 */
export function matchDay(platform: readonly LedgerRecord[], statement: readonly StatementRecord[], q: Pick<MatchQuery, 'day' | 'toleranceMs'>): MatchOutcome {
  const r = reconcile(platform, statement, q.toleranceMs);
  let payment = EMPTY_TALLY;
  let refund = EMPTY_TALLY;
  for (const m of r.matched) {
    const a = m.platform.amount;
    if (m.platform.kind === 'payment') payment = addToTally(payment, 1, a.toString(), a.currency);
    else refund = addToTally(refund, 1, a.toString(), a.currency);
  }
  let fees: Tally = EMPTY_TALLY;
  for (const l of statement) fees = addToTally(fees, 1, l.fee.toString(), l.fee.currency);
  return {
    statementLines: statement.length,
    platformRecords: platform.length,
    matched: { payment, refund },
    fees: fees.amounts,
    discrepancies: r.discrepancies
      .filter((d) => !(d.kind.endsWith('_missing_at_channel') && d.platform && !inDay(d.platform, q.day)))
      .map((d) => ({ ...d, channel: d.channel as StatementRecord | null })),
  };
}

const order = (x: FoundDiscrepancy, y: FoundDiscrepancy) =>
  DISCREPANCY_KINDS.indexOf(x.kind) - DISCREPANCY_KINDS.indexOf(y.kind) ||
  (x.number < y.number ? -1 : x.number > y.number ? 1 : 0) ||
  (x.platform ?? x.channel)!.at.getTime() - (y.platform ?? y.channel)!.at.getTime();

/** Discrepancies in `reconcile`'s order: by kind, number and time. */
export const sortDiscrepancies = (ds: readonly FoundDiscrepancy[]): FoundDiscrepancy[] => [...ds].sort(order);

/** A run's report: counts and sums of what matched, of each discrepancy kind, and the statement's fees. */
export interface RunReport {
  readonly statementLines: number;
  readonly platformRecords: number;
  readonly matched: { readonly payment: Tally; readonly refund: Tally };
  readonly discrepancies: Readonly<Record<DiscrepancyKind, Tally>>;
  readonly fees: Readonly<Record<string, string>>;
  /** Cases this run opened, and open cases it closed (their discrepancy gone). */
  readonly casesOpened: number;
  readonly casesClosed: number;
  /**
   * Per currency: the statement's net (payments − refunds − fees) against what the ledger's clearing
   * account of the channel moved over the day (finance, spec §13: balances compared with the channel's
   * records). Absent in runs made before the ledger.
   */
  readonly clearing?: Readonly<Record<string, ClearingCheck>>;
}

export function reportOf(o: MatchOutcome, cases: { opened: number; closed: number }, clearing?: Readonly<Record<string, ClearingCheck>>): RunReport {
  const discrepancies = Object.fromEntries(DISCREPANCY_KINDS.map((k) => [k, EMPTY_TALLY])) as Record<DiscrepancyKind, Tally>;
  for (const d of o.discrepancies) {
    const a = (d.platform ?? d.channel)!.amount;
    discrepancies[d.kind] = addToTally(discrepancies[d.kind], 1, a.toString(), a.currency);
  }
  return {
    statementLines: o.statementLines,
    platformRecords: o.platformRecords,
    matched: o.matched,
    discrepancies,
    fees: o.fees,
    casesOpened: cases.opened,
    casesClosed: cases.closed,
    ...(clearing ? { clearing } : {}),
  };
}
