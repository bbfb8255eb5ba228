// rfm: RFM over 1,000,000 members and 10,000,000 paid-order facts on the local PostgreSQL. The data are
// generated with generate_series in a scratch database (not timed); then the RunRfm use case (quintiles,
// total amount, 365-day window) runs through the library, and in the same run a hand-written SQL query
// computes the same scores into a table of its own. The two results are compared row by row (not timed).
// Goal (issue #7): use case time ≤ 1.5 × the hand-written query, peak RSS of this process ≤ 300 MB.
// Options: --members N (default 1,000,000), --orders N (default 10,000,000).
import { numberOption, withScratchDatabase } from './lib/options.mjs';

const AS_OF = '2026-03-01T00:00:00Z';

/** The hand-written query: the same definitions, written directly (rank-based quintiles, mean split). */
const HAND = `insert into hand_rfm
  select member_id, recency, frequency, monetary, r, f, m,
    (array['general_recall','important_recall','general_retention','important_retention','general_development','important_development','general_value','important_value'])
      [1 + 4 * (r * n > sr)::int + 2 * (f * n > sf)::int + (m * n > sm)::int]
  from (
    select *, count(*) over () as n, sum(r) over () as sr, sum(f) over () as sf, sum(m) over () as sm
    from (
      select member_id, recency, frequency, monetary,
        1 + 5 * (rank() over (order by recency desc) - 1) / count(*) over () as r,
        1 + 5 * (rank() over (order by frequency) - 1) / count(*) over () as f,
        1 + 5 * (rank() over (order by monetary) - 1) / count(*) over () as m
      from (
        select member_id,
          floor(extract(epoch from (timestamptz '${AS_OF}' - max(paid_at))) / 86400)::int as recency,
          (count(*) filter (where paid_at > timestamptz '${AS_OF}' - interval '365 days'))::int as frequency,
          coalesce(sum(amount - refunded) filter (where paid_at > timestamptz '${AS_OF}' - interval '365 days'), 0) as monetary
        from member_order_fact
        where paid_at <= timestamptz '${AS_OF}' and amount > refunded
        group by member_id
      ) v
    ) s
  ) j`;

export async function main(args) {
  const members = numberOption(args, 'members', 1_000_000);
  const orders = numberOption(args, 'orders', 10_000_000);
  await withScratchDatabase(async (url) => {
    const { createZhongtai } = await import('../dist/index.js');
    const { mikroOrmPersistence } = await import('../dist/adapters/persistence/mikro-orm/index.js');
    // Generating 10M facts and the hand-written query are batch statements: no online statement timeout (decision 0024).
    const persistence = await mikroOrmPersistence({ url: url.toString(), poolSize: 2, statementTimeoutMs: 0 });
    const zt = createZhongtai({ persistence });
    const sql = (text, params = []) => persistence.orm.em.fork().execute(text, params);
    const t0 = performance.now();
    await sql(`insert into member (id, registered_at, phone, gender, level, addresses, paid_card, version)
               select 'm' || i, timestamptz '2024-01-01' + (i % 700) * interval '1 day', null, 'unknown', 1, '[]'::jsonb, null, 1 from generate_series(1, ${members}) i`);
    await sql(`insert into growth_account select id, 0 from member`);
    await sql(`insert into points_account select id, 0 from member`);
    // Orders: members drawn with a skew (a few buy often), paid over the last 2 years, 1.00–2,000.00, 5 % partly refunded.
    await sql(`insert into member_order_fact (order_id, member_id, paid_at, amount, refunded)
               select 'o' || i, 'm' || (1 + floor(${members} * power(random(), 1.6))::int % ${members}),
                 timestamptz '${AS_OF}' - random() * interval '730 days',
                 a, case when random() < 0.05 then round((a * random())::numeric, 2) else 0 end
               from (select i, round((1 + random() * 1999)::numeric, 2) as a from generate_series(1, ${orders}) i) g`);
    await sql('vacuum analyze member_order_fact');
    await sql(
      `create table hand_rfm (member_id text primary key, recency int, frequency int, monetary numeric(20,2), r smallint, f smallint, m smallint, segment text)`,
    );
    await sql('select count(*) from member_order_fact'); // warm the cache for both sides alike
    const generationSeconds = (performance.now() - t0) / 1000;

    const t1 = performance.now();
    const run = await zt.membership.runRfm({ asOf: new Date(AS_OF) });
    const useCaseSeconds = (performance.now() - t1) / 1000;
    const t2 = performance.now();
    await sql(HAND);
    const handSqlSeconds = (performance.now() - t2) / 1000;

    const [diff] = await sql(
      `select count(*)::int as n from rfm_score s full join hand_rfm h on h.member_id = s.member_id and s.run_id = ?
                              where s.member_id is null or h.member_id is null or (s.r, s.f, s.m, s.segment, s.monetary) is distinct from (h.r, h.f, h.m, h.segment, h.monetary)`,
      [run.id],
    );
    const segments = (await zt.membership.rfmSegments({ runId: run.id })).segments;
    await zt.close();
    const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    const ratio = useCaseSeconds / handSqlSeconds;
    console.log(`generated ${members} members and ${orders} orders in ${generationSeconds.toFixed(1)} s; segments ${JSON.stringify(segments)}`);
    console.log(
      JSON.stringify({
        bench: 'rfm',
        members,
        orders,
        scored: run.members,
        useCaseSeconds: +useCaseSeconds.toFixed(2),
        handSqlSeconds: +handSqlSeconds.toFixed(2),
        ratio: +ratio.toFixed(3),
        ratioGoal: 1.5,
        peakRssMb,
        rssGoalMb: 300,
        mismatches: diff.n,
        ok: ratio <= 1.5 && peakRssMb <= 300 && diff.n === 0,
      }),
    );
  });
}
