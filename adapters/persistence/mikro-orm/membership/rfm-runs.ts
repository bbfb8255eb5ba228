import type { RfmRuns } from '../../../../domain/membership/ports.js';
import { SEGMENTS, type RfmConfig, type RfmRun, type RfmScore, type Segment } from '../../../../domain/membership/rfm.js';
import type { TxScope } from '../db.js';
import { requiredTimestamp } from '../records/timestamp.js';

interface RunRow {
  id: string;
  as_of: string;
  config: RfmConfig;
  members: number;
  wake_ups: number;
  downgrades: number;
  at: string;
}
const runFromRow = (r: RunRow): RfmRun => ({
  id: r.id,
  asOf: requiredTimestamp(r.as_of),
  config: r.config,
  members: r.members,
  wakeUps: r.wake_ups,
  downgrades: r.downgrades,
  at: requiredTimestamp(r.at),
});
interface ScoreRow {
  member_id: string;
  recency_days: number;
  frequency: number;
  monetary: string;
  r: number;
  f: number;
  m: number;
  segment: Segment;
}
const scoreFromRow = (s: ScoreRow): RfmScore => ({
  memberId: s.member_id,
  recencyDays: s.recency_days,
  frequency: s.frequency,
  monetary: s.monetary,
  r: s.r,
  f: s.f,
  m: s.m,
  segment: s.segment,
});

/**
 * The scoring statement: aggregate the facts per member, rank, score, judge against the means and
 * insert, all in the database (window functions; nothing per member travels to Node). Quintiles are
 * 1 + ⌊5 × (rank − 1) / n⌋ with `rank()` (ties together), as `computeRfm` in the domain.
 * Parameters: $1 run id, $2 as-of, $3 window start, $4 average?, $5…$16 breakpoints (R, F, M).
 */
export function rfmScoringSql(
  scoring: RfmConfig['scoring']['kind'],
  target = 'insert into rfm_score (run_id, member_id, recency_days, frequency, monetary, r, f, m, segment)',
): string {
  const scores =
    scoring === 'quintiles'
      ? `1 + (5 * (rank() over (order by recency desc) - 1)) / count(*) over () as r,
         1 + (5 * (rank() over (order by frequency) - 1)) / count(*) over () as f,
         1 + (5 * (rank() over (order by monetary) - 1)) / count(*) over () as m`
      : `1 + (recency <= $5::int)::int + (recency <= $6::int)::int + (recency <= $7::int)::int + (recency <= $8::int)::int as r,
         1 + (frequency >= $9::int)::int + (frequency >= $10::int)::int + (frequency >= $11::int)::int + (frequency >= $12::int)::int as f,
         1 + (monetary >= $13::numeric)::int + (monetary >= $14::numeric)::int + (monetary >= $15::numeric)::int + (monetary >= $16::numeric)::int as m`;
  return `${target}
    with agg as (
      select member_id, max(paid_at) as last_paid,
        count(*) filter (where paid_at > $3::timestamptz) as frequency,
        coalesce(sum(amount - refunded) filter (where paid_at > $3::timestamptz), 0) as total
      from member_order_fact where paid_at <= $2::timestamptz and amount > refunded
      group by member_id
    ), base as (
      select member_id, floor(extract(epoch from ($2::timestamptz - last_paid)) / 86400)::int as recency, frequency::int as frequency,
        case when $4::boolean and frequency > 0 then round(total / frequency, 2) else total end as monetary
      from agg
    ), scored as (
      select member_id, recency, frequency, monetary, ${scores} from base
    ), judged as (
      select *, count(*) over () as n, sum(r) over () as sr, sum(f) over () as sf, sum(m) over () as sm from scored
    )
    select $1::text, member_id, recency, frequency, monetary, r, f, m,
      (array[${SEGMENTS.map((s) => `'${s}'`).join(', ')}])[1 + case when r * n > sr then 4 else 0 end + case when f * n > sf then 2 else 0 end + case when m * n > sm then 1 else 0 end]
    from judged`;
}

export function rfmScoringParams(run: { id: string; asOf: Date; config: RfmConfig }): unknown[] {
  const c = run.config;
  const bp = c.scoring.kind === 'breakpoints' ? [...c.scoring.recency, ...c.scoring.frequency, ...c.scoring.monetary] : [];
  return [run.id, run.asOf, new Date(run.asOf.getTime() - c.windowDays * 86_400_000), c.monetary === 'average', ...bp];
}

export class MikroOrmRfmRuns implements RfmRuns {
  constructor(private readonly tx: TxScope) {}

  async run(cmd: { id: string; asOf: Date; config: RfmConfig; at: Date; newId: () => string }): Promise<RfmRun> {
    // A batch over every member (30 s at a million): not bound by the statement timeout of online requests (decision 0024).
    await this.tx.rows('set local statement_timeout = 0');
    const previous = await this.latest();
    const c = cmd.config;
    const [scored] = await this.tx.rows<{ n: number }>(
      `with ins as (${rfmScoringSql(c.scoring.kind)} returning 1) select count(*)::int as n from ins`,
      rfmScoringParams(cmd),
    );
    let wakeUps = 0;
    if (previous) {
      // MBR-2: the wake-up events go to the outbox in the same transaction, without passing through Node.
      const [w] = await this.tx.rows<{ n: number }>(
        `with ins as (
           insert into outbox (type, aggregate_id, payload, occurred_at)
           select 'membership.member.wake-up', c.member_id, jsonb_build_object('runId', $1::text, 'previousFrequency', p.frequency, 'frequency', c.frequency), $5::timestamptz
           from rfm_score c join rfm_score p on p.run_id = $2 and p.member_id = c.member_id
           where c.run_id = $1 and p.frequency >= $3::int and c.frequency * 100 <= p.frequency * (100 - $4::int)
           returning 1
         ) select count(*)::int as n from ins`,
        [cmd.id, previous.id, c.wakeUp.minPrevious, c.wakeUp.fallPercent, cmd.at],
      );
      wakeUps = w!.n;
    }
    let downgrades = 0;
    if (c.downgradeAtRecencyScore !== null) {
      const [d] = await this.tx.rows<{ n: number }>(
        `with down as (
           update member m set level = m.level - 1 from rfm_score s
           where s.run_id = $1 and s.member_id = m.id and s.r <= $2::int and m.level > 1 returning m.id, m.level
         ), hist as (
           insert into member_level_change (id, member_id, scope, from_level, to_level, reason, at)
           select $3 || '-' || id, id, 'platform', level + 1, level, 'rfm', $4::timestamptz from down returning 1
         ) select count(*)::int as n from hist`,
        [cmd.id, c.downgradeAtRecencyScore, cmd.newId(), cmd.at],
      );
      downgrades = d!.n;
    }
    const run: RfmRun = { id: cmd.id, asOf: cmd.asOf, config: c, members: scored!.n, wakeUps, downgrades, at: cmd.at };
    await this.tx.rows('insert into rfm_run (id, as_of, config, members, wake_ups, downgrades, at) values (?, ?, ?::jsonb, ?, ?, ?, ?)', [
      run.id,
      run.asOf,
      JSON.stringify(c),
      run.members,
      wakeUps,
      downgrades,
      run.at,
    ]);
    return run;
  }

  async get(runId: string): Promise<RfmRun | null> {
    const [r] = await this.tx.rows<RunRow>('select * from rfm_run where id = ?', [runId]);
    return r ? runFromRow(r) : null;
  }

  async latest(): Promise<RfmRun | null> {
    const [r] = await this.tx.rows<RunRow>('select * from rfm_run order by id collate "C" desc limit 1');
    return r ? runFromRow(r) : null;
  }

  async segmentCounts(runId: string): Promise<Record<Segment, number>> {
    const rows = await this.tx.rows<{ segment: Segment; n: number }>('select segment, count(*)::int as n from rfm_score where run_id = ? group by segment', [
      runId,
    ]);
    const counts = Object.fromEntries(SEGMENTS.map((s) => [s, 0])) as Record<Segment, number>;
    for (const r of rows) counts[r.segment] = r.n;
    return counts;
  }

  async score(runId: string, memberId: string): Promise<RfmScore | null> {
    const [s] = await this.tx.rows<ScoreRow>('select * from rfm_score where run_id = ? and member_id = ?', [runId, memberId]);
    return s ? scoreFromRow(s) : null;
  }

  async scores(runId: string, page: { after?: string; limit: number }): Promise<RfmScore[]> {
    const rows = await this.tx.rows<ScoreRow>(
      'select * from rfm_score where run_id = $1 and ($2::text is null or member_id > $2::text collate "C") order by member_id collate "C" limit $3',
      [runId, page.after ?? null, page.limit],
    );
    return rows.map(scoreFromRow);
  }
}
