// reconcile: one channel day of PAY-3 reconciliation (issue #16) on the local PostgreSQL — 1,000,000
// statement lines against 1,000,000 platform records (900,000 payments, 100,000 refunds) with about 0.1 %
// injected discrepancies of all six kinds — through the library (`zt.reconciliation.run`, source
// `stored`: the SQL matcher of decision 0038 over the payment context’s `payment_ledger`, the
// discrepancies filed as cases, the report), beside a hand-written SQL full outer join of the same table
// and statement finding the discrepancies, in the same run, one after the other. Compared: both times
// and their ratio (ours / SQL, goal ≤ 1.5), this process's peak RSS (goal ≤ 300 MB), and the mismatches
// between the cases filed and the discrepancies the join found (goal 0). Seeded with
// `insert … select generate_series` in SQL, not through the library.
// Options: --payments N (default 900000; refunds are a ninth of it), --every N (a fault each N payments, default 3000).
// Uses DATABASE_URL, else the local server postgres://postgres@127.0.0.1:5432/postgres; a scratch database is made and dropped.
import pg from 'pg';
import { numberOption, withScratchDatabase } from './lib/options.mjs';

const DAY = '2026-03-01';
const FROM = `${DAY}T00:00:00Z`;
const TOLERANCE_MS = 300_000;
const iso = (col) => `jsonb_build_object('$date', to_char((${col}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`;
const money = (col) => `jsonb_build_object('$money', (${col})::text, '$currency', 'CNY')`;

/** Payments `P<i>` paid across the day; each ninth refunded a part (`R<i>`); statement lines with faults by `i % every`. */
export async function seed(db, payments, every) {
  const span = 86_400_000 - 1_200_000;
  await db.query(`create temp table src as
    select i, 'P' || i as number, timestamptz '${FROM}' + interval '10 minutes' + (i * ${span / payments}) * interval '1 millisecond' as at,
           round(((i::bigint * 7919) % 100000 + 100) / 100.0, 2) as amount, (i % 9 = 0) as refunded
      from generate_series(1, ${payments}) i`);
  await db.query(`insert into payment (id, number, status, created_at, snapshot, version)
    select 'pay-' || i, number, case when refunded then 'partially_refunded' else 'paid' end, at - interval '1 minute',
      jsonb_build_object('id', 'pay-' || i, 'number', number, 'currency', 'CNY', 'amount', ${money('amount')},
        'paid', jsonb_build_object('channel', 'bench', 'channelTransactionId', 'T' || i, 'paidAt', ${iso('at')}, 'receivedAt', ${iso('at')}),
        'refunds', case when refunded then jsonb_build_array(jsonb_build_object('refundId', 'R' || i, 'amount', ${money('round(amount / 2, 2)')}, 'at', ${iso("at + interval '2 minutes'")}, 'reason', 'bench', 'orders', '[]'::jsonb)) else '[]'::jsonb end,
        'callbacks', '[]'::jsonb), 1
      from src`);
  await db.query(
    `insert into reconciliation_run (id, channel, day, at, statement_run, snapshot) values ('seed', 'bench', '${DAY}', now(), 'seed', '{}'::jsonb)`,
  );
  // Payment faults: i % every = 1 missing at the channel, = 2 another amount, = 3 a payment the platform never saw;
  // refund faults (on the refunded ninth): (i / 9) % (every / 9) = 4, 5, 6 the same for refunds.
  const re = Math.max(1, Math.round(every / 9));
  await db.query(`insert into statement_line (run, seq, channel, day, kind, number, at, amount, currency, fee, channel_transaction_id)
    select 'seed', row_number() over (), 'bench', '${DAY}', kind, number, at, amount, 'CNY', round(amount * 0.006, 2), 'S-' || number from (
      select 'payment' as kind, number, at + interval '20 seconds' as at, case when i % ${every} = 2 then amount + 1 else amount end as amount
        from src where i % ${every} <> 1
      union all select 'payment', 'X' || i, at, amount from src where i % ${every} = 3
      union all select 'refund', 'R' || i, at + interval '2 minutes', case when (i / 9) % ${re} = 5 then round(amount / 2, 2) + 1 else round(amount / 2, 2) end
        from src where refunded and (i / 9) % ${re} <> 4
      union all select 'refund', 'XR' || i, at, 1.00 from src where refunded and (i / 9) % ${re} = 6
    ) l`);
  // As the library stores a statement: lines of a number the statement holds several times are marked.
  await db.query(`update statement_line set several = true where run = 'seed' and (kind, number) in
    (select kind, number from statement_line where run = 'seed' group by kind, number having count(*) > 1)`);
  await db.query('analyze payment; analyze payment_ledger; analyze statement_line');
}

/** The hand-written full outer join: the discrepancies of the day, as `kind number`, into `sql_found`. */
const HAND_WRITTEN = `create temp table sql_found as
  select case
           when p.number is null then s.kind || '_missing_here'
           when s.number is null then p.kind || '_missing_at_channel'
           else p.kind || '_amount_differs' end as kind,
         coalesce(p.number, s.number) as number
    from (select kind, number, at, amount from payment_ledger
           where channel = 'bench' and at >= $1::timestamptz - interval '5 minutes' and at < $1::timestamptz + interval '1 day 5 minutes') p
    full join (select kind, number, at, amount from statement_line where run = 'seed') s on p.kind = s.kind and p.number = s.number
   where p.number is null or s.number is null or p.amount <> s.amount or abs(extract(epoch from p.at - s.at)) * 1000 > ${TOLERANCE_MS}`;

export async function main(args) {
  const payments = numberOption(args, 'payments', 900_000);
  const every = numberOption(args, 'every', 3000);
  await withScratchDatabase(async (url) => {
    const { createZhongtai } = await import('../dist/index.js');
    const { mikroOrmPersistence } = await import('../dist/adapters/persistence/mikro-orm/index.js');
    const channel = {
      name: 'bench',
      charge: async () => ({ channel: 'bench', payUrl: null }),
      verifyCallback: () => {
        throw new Error('no callbacks in the bench');
      },
      refund: async (r) => ({ refundTransactionId: r.refundId }),
    };
    const zt = createZhongtai({
      persistence: await mikroOrmPersistence({ url: url.toString(), migrate: true, statementTimeoutMs: 0, idleInTransactionTimeoutMs: 0 }),
      clock: { now: () => new Date('2026-03-02T12:00:00Z') },
      ordering: { channels: [channel] },
      reconciliation: { timeZones: { bench: 'UTC' } },
    });
    const db = new pg.Client({ connectionString: url.toString() });
    await db.connect();
    try {
      const t0 = performance.now();
      await seed(db, payments, every);
      const seedMs = performance.now() - t0;
      const s0 = performance.now();
      await db.query(HAND_WRITTEN, [FROM]);
      const sqlMs = performance.now() - s0;
      const o0 = performance.now();
      const run = await zt.reconciliation.run({ channel: 'bench', day: DAY, source: 'stored', by: 'bench' });
      const oursMs = performance.now() - o0;
      const [{ n: mismatches }] = (
        await db.query(`select count(*)::int as n from (
          (select kind, number from sql_found except select kind, number from reconciliation_case)
          union all (select kind, number from reconciliation_case except select kind, number from sql_found)) d`)
      ).rows;
      const [{ n: found }] = (await db.query('select count(*)::int as n from sql_found')).rows;
      const [{ lines, platform }] = (
        await db.query(`select (select count(*)::int from statement_line where run = 'seed') as lines,
                               (select count(*)::int from payment_ledger where channel = 'bench') as platform`)
      ).rows;
      const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
      const ratio = oursMs / sqlMs;
      console.log(`seeded ${platform} platform records and ${lines} statement lines in ${Math.round(seedMs)} ms`);
      console.log(`hand-written full outer join: ${Math.round(sqlMs)} ms, ${found} discrepancies`);
      console.log(`zt.reconciliation.run: ${Math.round(oursMs)} ms, ${run.report.casesOpened} cases, report ${JSON.stringify(run.report.discrepancies)}`);
      console.log(
        JSON.stringify({
          bench: 'reconcile',
          platformRecords: Number(platform),
          statementLines: Number(lines),
          discrepancies: Number(found),
          oursMs: Math.round(oursMs),
          sqlMs: Math.round(sqlMs),
          ratio: Number(ratio.toFixed(2)),
          goalRatio: 1.5,
          peakRssMb,
          goalRssMb: 300,
          mismatches,
          goalMismatches: 0,
          ok: ratio <= 1.5 && peakRssMb <= 300 && mismatches === 0,
        }),
      );
    } finally {
      await db.end();
      await zt.close();
    }
  });
}
