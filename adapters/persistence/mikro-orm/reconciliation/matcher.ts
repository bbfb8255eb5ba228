import type { LedgerRecord, StatementRecord } from '../../../../domain/payment/index.js';
import {
  addToTally,
  EMPTY_TALLY,
  type FoundDiscrepancy,
  type LedgerMatcher,
  type MatchOutcome,
  type MatchQuery,
  matchDay,
  matchingWindow,
  mergeTallies,
  sortDiscrepancies,
  type Tally,
} from '../../../../domain/reconciliation/index.js';
import { Money } from '../../../../domain/shared/money.js';
import type { TxScope } from '../db.js';

/** A join row that is not a plain match: the platform's record (`p…`), the statement's line (`s…`), or both. */
interface Row {
  kind: 'payment' | 'refund';
  number: string;
  pat: Date | string | null;
  pa: string | null;
  pc: string | null;
  sat: Date | string | null;
  sa: string | null;
  sc: string | null;
  stx: string | null;
  sfee: string | null;
}
interface Total {
  kind: 'payment' | 'refund';
  currency: string;
  n: number;
  total: string;
}
type Several = {
  side: 'p' | 's';
  kind: 'payment' | 'refund';
  number: string;
  at: Date | string;
  amount: string;
  currency: string;
  stx: string | null;
  fee: string | null;
};

/**
 * PAY-3 in SQL (decision 0038), as three statements:
 * 1. the statement's lines fully outer-joined on kind and number with the payment context's
 *    `payment_ledger` over the day ± tolerance, keeping only the rows that are not a match — what a
 *    hand-written reconciliation query would do;
 * 2. the platform's records of the window, counted and summed per kind and currency: what matched is
 *    that, less the platform side of the rows of (1) — each record is in exactly one join row, as each
 *    number here has one record a side;
 * 3. the numbers with several records on a side (`several`, marked when they are written: a late second
 *    payment), every record of them, decided by the pure `matchDay` — so both adapters answer alike.
 */
export class PgLedgerMatcher implements LedgerMatcher {
  constructor(private readonly tx: TxScope) {}

  async match(q: MatchQuery, _platform: () => Promise<LedgerRecord[]>): Promise<MatchOutcome> {
    const w = matchingWindow(q);
    // Large reporting statements: hashes in memory, no JIT compilation (it cost more than it saved). For this transaction only.
    await this.tx.rows(`select set_config('work_mem', '64MB', true), set_config('jit', 'off', true)`);
    const args = [q.channel, w.from, w.to, q.statementRun];
    const rows = await this.tx.rows<Row>(UNMATCHED_SQL, [...args, q.toleranceMs]);
    const totals = await this.tx.rows<Total>(PLATFORM_TOTALS_SQL, args);
    const several = await this.tx.rows<Several>(SEVERAL_SQL, args);
    const [statement] = await this.tx.rows<{ lines: number; fees: { currency: string; fee: string }[] | null }>(
      `select count(*)::int as lines, (select json_agg(json_build_object('currency', currency, 'fee', fee::text)) from (select currency, sum(fee) as fee from statement_line where run = ? group by currency) f) as fees
         from statement_line where run = ?`,
      [q.statementRun, q.statementRun],
    );

    // (2) less the platform side of (1): what matched.
    const matchedCents = new Map<string, { n: number; cents: bigint }>();
    for (const t of totals) matchedCents.set(`${t.kind} ${t.currency}`, { n: t.n, cents: Money.of(t.total, t.currency).toMinor() });
    const discrepancies: FoundDiscrepancy[] = [];
    let platformRecords = totals.reduce((n, t) => n + t.n, 0);
    for (const r of rows) {
      const p: LedgerRecord | null = r.pat === null ? null : { kind: r.kind, number: r.number, at: new Date(r.pat), amount: Money.of(r.pa!, r.pc!) };
      const s: StatementRecord | null =
        r.sat === null
          ? null
          : {
              kind: r.kind,
              number: r.number,
              at: new Date(r.sat),
              amount: Money.of(r.sa!, r.sc!),
              channelTransactionId: r.stx!,
              fee: Money.of(r.sfee!, r.sc!),
            };
      if (p) {
        const key = `${p.kind} ${p.amount.currency}`;
        const m = matchedCents.get(key)!;
        matchedCents.set(key, { n: m.n - 1, cents: m.cents - p.amount.toMinor() });
      }
      const near = p && s && Math.abs(p.at.getTime() - s.at.getTime()) <= q.toleranceMs;
      if (near) discrepancies.push({ kind: `${r.kind}_amount_differs`, number: r.number, platform: p, channel: s });
      else {
        // A platform record outside the day that found no partner belongs to the neighbouring day's statement.
        const inDay = p && p.at.getTime() >= q.day.from.getTime() && p.at.getTime() < q.day.to.getTime();
        if (p && inDay) discrepancies.push({ kind: `${r.kind}_missing_at_channel`, number: r.number, platform: p, channel: null });
        if (s) discrepancies.push({ kind: `${r.kind}_missing_here`, number: r.number, platform: null, channel: s });
      }
    }
    let payment: Tally = EMPTY_TALLY;
    let refund: Tally = EMPTY_TALLY;
    for (const [key, m] of matchedCents) {
      if (m.n === 0) continue;
      const [kind, currency] = key.split(' ') as ['payment' | 'refund', string];
      const t = addToTally(EMPTY_TALLY, m.n, Money.fromMinor(m.cents, currency).toString(), currency);
      if (kind === 'payment') payment = mergeTallies(payment, t);
      else refund = mergeTallies(refund, t);
    }

    // (3) the numbers with several records on a side, by the pure matcher.
    if (several.length > 0) {
      const platform: LedgerRecord[] = [];
      const lines: StatementRecord[] = [];
      for (const x of several) {
        const amount = Money.of(x.amount, x.currency);
        if (x.side === 'p') platform.push({ kind: x.kind, number: x.number, at: new Date(x.at), amount });
        else lines.push({ kind: x.kind, number: x.number, at: new Date(x.at), amount, channelTransactionId: x.stx!, fee: Money.of(x.fee!, x.currency) });
      }
      const rest = matchDay(platform, lines, q);
      payment = mergeTallies(payment, rest.matched.payment);
      refund = mergeTallies(refund, rest.matched.refund);
      platformRecords += platform.length;
      discrepancies.push(...rest.discrepancies);
    }
    let fees: Tally = EMPTY_TALLY;
    for (const f of statement?.fees ?? []) fees = addToTally(fees, 0, f.fee, f.currency);
    return {
      statementLines: statement?.lines ?? 0,
      platformRecords,
      matched: { payment, refund },
      fees: fees.amounts,
      discrepancies: sortDiscrepancies(discrepancies),
    };
  }
}

// Parameters of each: channel, window [from, to), statement run (UNMATCHED_SQL then the tolerance in ms).
// A number marked `several` on either side is left to SEVERAL_SQL by both of the others.
const SEVERAL_KEYS = `
several_p as (select kind, number from payment_ledger where channel = $1 and at >= $2 and at < $3 and several),
several_s as (select kind, number from statement_line where run = $4 and several),
pl as (
  select kind, number, at, amount, currency from payment_ledger
   where channel = $1 and at >= $2 and at < $3 and not several and (kind, number) not in (select kind, number from several_s)
),
sl as (
  select kind, number, at, amount, currency, channel_transaction_id as stx, fee from statement_line
   where run = $4 and not several and (kind, number) not in (select kind, number from several_p)
)`;

const UNMATCHED_SQL = `
with ${SEVERAL_KEYS}
select coalesce(p.kind, s.kind) as kind, coalesce(p.number, s.number) as number,
       p.at as pat, p.amount::text as pa, p.currency as pc, s.at as sat, s.amount::text as sa, s.currency as sc, s.stx, s.fee::text as sfee
  from pl p full join sl s on p.kind = s.kind and p.number = s.number
 where p.kind is null or s.kind is null or p.amount <> s.amount or p.currency <> s.currency
    or abs(extract(epoch from p.at - s.at)) * 1000 > $5::numeric`;

const PLATFORM_TOTALS_SQL = `
with ${SEVERAL_KEYS}
select kind, currency, count(*)::int as n, sum(amount)::text as total from pl group by kind, currency`;

const SEVERAL_SQL = `
with ${SEVERAL_KEYS},
keys as (select kind, number from several_p union select kind, number from several_s)
select 'p' as side, kind, number, at, amount::text as amount, currency, null as stx, null as fee from payment_ledger
 where channel = $1 and at >= $2 and at < $3 and (kind, number) in (select kind, number from keys)
union all
select 's', kind, number, at, amount::text, currency, channel_transaction_id, fee::text from statement_line
 where run = $4 and (kind, number) in (select kind, number from keys)`;
