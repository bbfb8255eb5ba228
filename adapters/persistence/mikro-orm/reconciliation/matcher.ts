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

/** One row of the matching query: a discrepancy (`d`), a matched tally (`m`), or a record of a group with several (`x`). */
interface Row {
  t: 'd' | 'm' | 'x';
  kind: 'payment' | 'refund';
  number: string | null;
  cls: string | null;
  pat: Date | string | null;
  pa: string | null;
  pc: string | null;
  sat: Date | string | null;
  sa: string | null;
  sc: string | null;
  stx: string | null;
  sfee: string | null;
  pid: string | null;
  sid: string | null;
  n: number;
}

/**
 * PAY-3 in SQL (decision 0038): the run's `statement_line`s fully outer-joined on kind and number with
 * the payment context’s `payment_ledger` over the day ± tolerance. A number with one record on each
 * side (nearly all) is decided in SQL: both within the tolerance — matched (same amount) or amounts
 * differ; otherwise missing on each side. A number with several records on a side (a late second
 * payment) comes back record by record and is decided by the pure `matchDay`, so both adapters answer
 * alike. Matched records come back as counts and sums, discrepancies as rows.
 */
export class PgLedgerMatcher implements LedgerMatcher {
  constructor(private readonly tx: TxScope) {}

  async match(q: MatchQuery, _platform: () => Promise<LedgerRecord[]>): Promise<MatchOutcome> {
    const w = matchingWindow(q);
    // One large reporting statement: sorts and hashes in memory, and no JIT compilation (it cost more
    // than it saved on a million rows). Both for this transaction only.
    await this.tx.rows(`select set_config('work_mem', '64MB', true), set_config('jit', 'off', true)`);
    const rows = await this.tx.rows<Row>(MATCH_SQL, [q.channel, w.to, w.from, w.to, q.statementRun, q.toleranceMs, q.day.from, q.day.to]);
    const [totals] = await this.tx.rows<{ lines: number; fees: { currency: string; fee: string }[] | null }>(
      `select count(*)::int as lines, (select json_agg(json_build_object('currency', currency, 'fee', fee::text)) from (select currency, sum(fee) as fee from statement_line where run = ? group by currency) f) as fees
         from statement_line where run = ?`,
      [q.statementRun, q.statementRun],
    );
    let payment: Tally = EMPTY_TALLY;
    let refund: Tally = EMPTY_TALLY;
    let platformRecords = 0;
    const discrepancies: FoundDiscrepancy[] = [];
    const multiPlatform: LedgerRecord[] = [];
    const multiStatement: StatementRecord[] = [];
    const seenPlatform = new Set<string>();
    const seenStatement = new Set<string>();
    for (const r of rows) {
      if (r.t === 'm') {
        platformRecords += r.n;
        if (r.kind === 'payment') payment = addToTally(payment, r.n, r.pa!, r.pc!);
        else refund = addToTally(refund, r.n, r.pa!, r.pc!);
        continue;
      }
      const p: LedgerRecord | null = r.pat === null ? null : { kind: r.kind, number: r.number!, at: new Date(r.pat), amount: Money.of(r.pa!, r.pc!) };
      const s: StatementRecord | null =
        r.sat === null
          ? null
          : {
              kind: r.kind,
              number: r.number!,
              at: new Date(r.sat),
              amount: Money.of(r.sa!, r.sc!),
              channelTransactionId: r.stx!,
              fee: Money.of(r.sfee!, r.sc!),
            };
      if (r.t === 'x') {
        // A group with several records comes back as its pairs: each record once, by its row id.
        if (p && !seenPlatform.has(r.pid!)) {
          multiPlatform.push(p);
          seenPlatform.add(r.pid!);
        }
        if (s && !seenStatement.has(r.sid!)) {
          multiStatement.push(s);
          seenStatement.add(r.sid!);
        }
        continue;
      }
      if (p) platformRecords++;
      if (r.cls === 'differs') discrepancies.push({ kind: `${r.kind}_amount_differs`, number: r.number!, platform: p, channel: s });
      else {
        if (p && r.cls !== 'neighbour') discrepancies.push({ kind: `${r.kind}_missing_at_channel`, number: r.number!, platform: p, channel: null });
        if (s) discrepancies.push({ kind: `${r.kind}_missing_here`, number: r.number!, platform: null, channel: s });
      }
    }
    if (multiPlatform.length + multiStatement.length > 0) {
      const rest = matchDay(multiPlatform, multiStatement, q);
      payment = mergeTallies(payment, rest.matched.payment);
      refund = mergeTallies(refund, rest.matched.refund);
      platformRecords += multiPlatform.length;
      discrepancies.push(...rest.discrepancies);
    }
    let fees: Tally = EMPTY_TALLY;
    for (const f of totals?.fees ?? []) fees = addToTally(fees, 0, f.fee, f.currency);
    return {
      statementLines: totals?.lines ?? 0,
      platformRecords,
      matched: { payment, refund },
      fees: fees.amounts,
      discrepancies: sortDiscrepancies(discrepancies),
    };
  }
}

// Parameters: channel, window end (payments opened before it), window [from, to), statement run,
// tolerance (ms), day [from, to).
const MATCH_SQL = `
with pl as not materialized (
  select kind, number, at, amount, currency from payment_ledger
   where channel = ? and created_at < ? and at >= ? and at < ?
), sl as not materialized (
  select seq, kind, number, at, amount, currency, channel_transaction_id as stx, fee from statement_line where run = ?
),
-- Numbers with several records on a side (rare: a late second payment): found by hash aggregates, not by sorting every record.
pm as (select kind, number from pl group by kind, number having count(*) > 1),
sm as (select kind, number from sl group by kind, number having count(*) > 1),
j as materialized (
  select coalesce(p.kind, s.kind) as kind, coalesce(p.number, s.number) as number, s.seq as sid,
         p.at as pat, p.amount as pa, p.currency as pc, s.at as sat, s.amount as sa, s.currency as sc, s.stx, s.fee as sfee,
         pm.kind is not null or sm.kind is not null as multi,
         case
           when p.kind is not null and s.kind is not null and abs(extract(epoch from p.at - s.at)) * 1000 <= ?::numeric
             then case when p.amount = s.amount and p.currency = s.currency then 'matched' else 'differs' end
           when p.kind is not null and (p.at < ? or p.at >= ?) then 'neighbour'
           else 'missing'
         end as cls
    from pl p full join sl s on p.kind = s.kind and p.number = s.number
    left join pm on pm.kind = coalesce(p.kind, s.kind) and pm.number = coalesce(p.number, s.number)
    left join sm on sm.kind = coalesce(p.kind, s.kind) and sm.number = coalesce(p.number, s.number)
)
select 'm' as t, kind, null as number, null as cls, null::text as pid, null::text as sid, null::timestamptz as pat, sum(pa)::text as pa, pc,
       null::timestamptz as sat, null as sa, null as sc, null as stx, null as sfee, count(*)::int as n
  from j where not multi and cls = 'matched' group by kind, pc
union all
select 'd', kind, number, cls, null, null, pat, pa::text, pc, sat, sa::text, sc, stx, sfee::text, 1
  from j where not multi and cls <> 'matched'
union all
-- A platform record is one per (kind, number, at) (the table's key within a channel); a statement line one per seq.
select 'x', kind, number, null, kind || ' ' || number || ' ' || pat::text, null, pat, pa::text, pc, null, null, null, null, null, 1
  from (select distinct on (kind, number, pat) * from j where multi and pat is not null) mp
union all
select 'x', kind, number, null, null, sid::text, null, null, null, sat, sa::text, sc, stx, sfee::text, 1
  from (select distinct on (sid) * from j where multi and sid is not null) ms
`;
