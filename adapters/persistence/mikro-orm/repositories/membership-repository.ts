import type { GrowthSource } from '../../../../domain/membership/growth.js';
import { assertReplay, balanceOverflow, insufficient, overflows, type LedgerChange, type LedgerEntry, type LedgerResult } from '../../../../domain/membership/ledger.js';
import type { Address, AuditRecord, Gender, LevelChange, MemberProfile, PaidCard, ShopMembership } from '../../../../domain/membership/member.js';
import type { PointsSource } from '../../../../domain/membership/points.js';
import type { Ledger, Members, MembershipSettings, OrderFacts, PointsLedger, RfmRuns } from '../../../../domain/membership/ports.js';
import { SEGMENTS, type OrderFact, type RfmConfig, type RfmRun, type RfmScore, type Segment } from '../../../../domain/membership/rfm.js';
import { DomainError } from '../../../../domain/shared/domain-error.js';
import { staleAggregate, type TxScope } from '../db.js';
import { requiredTimestamp, timestamp } from '../records/timestamp.js';

const notFound = (memberId: string) => DomainError.notFound('MEMBERSHIP.MEMBER_NOT_FOUND', `no member ${memberId}`, { memberId });

interface MemberRow {
  id: string;
  registered_at: string;
  phone: string | null;
  gender: Gender;
  level: number;
  addresses: Address[];
  paid_card: { plan: string; startsAt: string; endsAt: string } | null;
  version: number;
}

const memberFromRow = (r: MemberRow): MemberProfile => ({
  id: r.id, registeredAt: requiredTimestamp(r.registered_at), phone: r.phone, gender: r.gender, level: r.level, addresses: r.addresses,
  paidCard: r.paid_card ? ({ plan: r.paid_card.plan, startsAt: new Date(r.paid_card.startsAt), endsAt: new Date(r.paid_card.endsAt) } satisfies PaidCard) : null,
  version: r.version,
});

export class MikroOrmMembers implements Members {
  constructor(private readonly tx: TxScope) {}

  async get(memberId: string): Promise<MemberProfile | null> {
    const [row] = await this.tx.rows<MemberRow>('select * from member where id = ?', [memberId]);
    return row ? memberFromRow(row) : null;
  }

  /** A new member gets its two balances in the same statement; an update never writes the level (setLevel owns it). */
  async save(m: MemberProfile): Promise<number> {
    const card = m.paidCard ? JSON.stringify({ plan: m.paidCard.plan, startsAt: m.paidCard.startsAt.toISOString(), endsAt: m.paidCard.endsAt.toISOString() }) : null;
    const params = [m.id, m.registeredAt, m.phone, m.gender, m.level, JSON.stringify(m.addresses), card];
    const [row] =
      m.version === 0
        ? await this.tx.rows<{ version: number }>(
            `with ins as (
               insert into member (id, registered_at, phone, gender, level, addresses, paid_card, version)
               values ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, 1) on conflict (id) do nothing returning version
             ), g as (insert into growth_account (member_id, balance) select $1, 0 from ins on conflict do nothing),
             p as (insert into points_account (member_id, balance) select $1, 0 from ins on conflict do nothing)
             select version from ins`,
            params,
          )
        : await this.tx.rows<{ version: number }>(
            `update member set phone = $3, gender = $4, addresses = $6::jsonb, paid_card = $7::jsonb, version = version + 1
             where id = $1 and version = $8 and $2::timestamptz is not null and $5::int is not null returning version`,
            [...params, m.version],
          );
    if (!row) throw staleAggregate('members', m.id);
    return row.version;
  }

  async setLevel(memberId: string, level: number): Promise<number> {
    const [row] = await this.tx.rows<{ previous: number }>(
      `with old as (select id, level from member where id = $1 for update)
       update member m set level = $2 from old where m.id = old.id returning old.level as previous`,
      [memberId, level],
    );
    if (!row) throw notFound(memberId);
    return row.previous;
  }

  async recordLevelChange(c: LevelChange): Promise<void> {
    await this.tx.rows('insert into member_level_change (id, member_id, scope, from_level, to_level, reason, at) values (?, ?, ?, ?, ?, ?, ?)', [
      c.id, c.memberId, c.scope, c.fromLevel, c.toLevel, c.reason, c.at,
    ]);
  }

  async levelHistory(memberId: string): Promise<LevelChange[]> {
    const rows = await this.tx.rows<{ id: string; member_id: string; scope: string; from_level: number; to_level: number; reason: string; at: string }>(
      'select * from member_level_change where member_id = ? order by id collate "C" desc',
      [memberId],
    );
    return rows.map((r) => ({ id: r.id, memberId: r.member_id, scope: r.scope, fromLevel: r.from_level, toLevel: r.to_level, reason: r.reason, at: requiredTimestamp(r.at) }));
  }

  async recordAudit(a: AuditRecord): Promise<void> {
    await this.tx.rows('insert into member_audit (id, member_id, action, operator, reason, detail, at) values (?, ?, ?, ?, ?, ?::jsonb, ?)', [
      a.id, a.memberId, a.action, a.operator, a.reason, JSON.stringify(a.detail), a.at,
    ]);
  }

  async audits(memberId: string): Promise<AuditRecord[]> {
    const rows = await this.tx.rows<{ id: string; member_id: string; action: string; operator: string; reason: string; detail: Record<string, unknown>; at: string }>(
      'select * from member_audit where member_id = ? order by id collate "C" desc',
      [memberId],
    );
    return rows.map((r) => ({ id: r.id, memberId: r.member_id, action: r.action, operator: r.operator, reason: r.reason, detail: r.detail, at: requiredTimestamp(r.at) }));
  }

  async shopMembership(shopId: string, memberId: string): Promise<ShopMembership | null> {
    const [r] = await this.tx.rows<ShopRow>('select * from shop_membership where shop_id = ? and member_id = ?', [shopId, memberId]);
    return r ? shopFromRow(r) : null;
  }

  async saveShopMembership(m: ShopMembership): Promise<void> {
    await this.tx.rows(
      `insert into shop_membership (shop_id, member_id, level, joined_at) values (?, ?, ?, ?)
       on conflict (shop_id, member_id) do update set level = excluded.level`,
      [m.shopId, m.memberId, m.level, m.joinedAt],
    );
  }

  async shopMemberships(memberId: string): Promise<ShopMembership[]> {
    return (await this.tx.rows<ShopRow>('select * from shop_membership where member_id = ? order by shop_id collate "C"', [memberId])).map(shopFromRow);
  }

  /** `percentile_disc` over every member's growth, in the database. */
  async growthAtQuantiles(quantiles: readonly number[]): Promise<{ members: number; values: number[] }> {
    const [row] = await this.tx.rows<{ members: number; vals: (number | null)[] | null }>(
      `select count(*)::int as members, percentile_disc(?::float8[]) within group (order by coalesce(g.balance, 0)) as vals
       from member m left join growth_account g on g.member_id = m.id`,
      [[...quantiles]],
    );
    return { members: row!.members, values: quantiles.map((_, i) => row!.vals?.[i] ?? 0) };
  }
}

interface ShopRow {
  shop_id: string;
  member_id: string;
  level: number;
  joined_at: string;
}
const shopFromRow = (r: ShopRow): ShopMembership => ({ shopId: r.shop_id, memberId: r.member_id, level: r.level, joinedAt: requiredTimestamp(r.joined_at) });

interface EntryRow {
  id: string;
  member_id: string;
  source: string;
  reference: string;
  delta: number;
  at: string;
  expires_at: string | null;
  detail: Record<string, unknown>;
}
const entryFromRow = <S extends string>(r: EntryRow): LedgerEntry<S> => ({
  id: r.id, memberId: r.member_id, source: r.source as S, reference: r.reference, delta: r.delta, at: requiredTimestamp(r.at), expiresAt: timestamp(r.expires_at), detail: r.detail,
});

/**
 * A ledger on PostgreSQL: every change is ONE statement (decision 0010's pattern). `acct` locks the
 * balance row (FOR UPDATE re-reads the newest version after waiting); `amt` decides the delta (a
 * clamped rollback takes at most the balance); `ins` appends the entry only if the balance covers it
 * (a concurrent replay waits on the unique key, then does nothing) and stays within an int (no
 * overflow, decision 0020); `upd` moves the balance only if `ins` did. The CHECK `balance >= 0` stands behind the guard.
 */
class SqlLedger<S extends string> implements Ledger<S> {
  private readonly applySql: string;

  constructor(
    protected readonly tx: TxScope,
    private readonly kind: 'growth' | 'points',
  ) {
    const acc = `${kind}_account`;
    const ent = `${kind}_entry`;
    this.applySql = `with acct as (
        select member_id, balance from ${acc} where member_id = $2 for update
      ), amt as (
        select balance, case when $4::int >= 0 or not $9::boolean then $4::int else -least(-$4::int, balance) end as delta from acct
      ), ins as (
        insert into ${ent} (id, member_id, source, reference, delta, at, expires_at, detail)
        select $1, $2, $3, $5, delta, $6, $7::timestamptz, $8::jsonb from amt where balance::int8 + delta between 0 and 2147483647
        on conflict (member_id, source, reference) do nothing returning delta
      ), upd as (
        update ${acc} set balance = balance + (select delta from ins) where member_id = $2 and exists (select 1 from ins) returning balance
      )
      select (select count(*)::int from acct) as found, (select balance from acct) as before, (select delta from ins) as delta, (select balance from upd) as balance`;
  }

  async balance(memberId: string): Promise<number> {
    const [row] = await this.tx.rows<{ balance: number }>(`select balance from ${this.kind}_account where member_id = ?`, [memberId]);
    return row?.balance ?? 0;
  }

  async apply(c: LedgerChange<S>): Promise<LedgerResult<S>> {
    const [r] = await this.tx.rows<{ found: number; before: number | null; delta: number | null; balance: number | null }>(this.applySql, [
      c.entryId, c.memberId, c.source, c.delta, c.reference, c.at, c.expiresAt ?? null, JSON.stringify(c.detail ?? {}), c.clamp ?? false,
    ]);
    if (r!.found === 0) throw notFound(c.memberId);
    if (r!.delta !== null) {
      const entry: LedgerEntry<S> = { id: c.entryId, memberId: c.memberId, source: c.source, reference: c.reference, delta: r!.delta, at: c.at, expiresAt: c.expiresAt ?? null, detail: c.detail ?? {} };
      return { entry, replayed: false, balance: r!.balance! };
    }
    const earlier = await this.entry(c.memberId, c.source, c.reference);
    if (earlier) return { entry: assertReplay(earlier, c), replayed: true, balance: await this.balance(c.memberId) };
    throw overflows(r!.before ?? 0, c.delta) ? balanceOverflow(this.kind, c.memberId, r!.before, c.delta) : insufficient(this.kind, c.memberId, r!.before ?? 0, -c.delta);
  }

  async entry(memberId: string, source: S, reference: string): Promise<LedgerEntry<S> | null> {
    const [row] = await this.tx.rows<EntryRow>(`select * from ${this.kind}_entry where member_id = ? and source = ? and reference = ?`, [memberId, source, reference]);
    return row ? entryFromRow<S>(row) : null;
  }

  async entries(memberId: string, f: { sources?: readonly S[]; referencePrefix?: string; limit?: number } = {}): Promise<LedgerEntry<S>[]> {
    const rows = await this.tx.rows<EntryRow>(
      `select * from ${this.kind}_entry where member_id = $1 and ($2::text[] is null or source = any($2::text[]))
         and ($3::text is null or starts_with(reference, $3::text)) order by id collate "C" desc limit $4`,
      [memberId, f.sources ? [...f.sources] : null, f.referencePrefix ?? null, f.limit ?? null],
    );
    return rows.map((r) => entryFromRow<S>(r));
  }
}

export class MikroOrmGrowthLedger extends SqlLedger<GrowthSource> {
  constructor(tx: TxScope) {
    super(tx, 'growth');
  }
}

export class MikroOrmPointsLedger extends SqlLedger<PointsSource> implements PointsLedger {
  constructor(tx: TxScope) {
    super(tx, 'points');
  }

  /** The expiry sweep, set-based over every member (FIFO, as `expiringPoints`); a member swept for `reference` before is skipped. */
  async expire(cutoff: Date, reference: string, at: Date, newId: () => string): Promise<{ members: number; points: number }> {
    const [row] = await this.tx.rows<{ members: number; points: number }>(
      `with totals as (
         select member_id,
           coalesce(sum(delta) filter (where delta > 0 and expires_at <= $1), 0) as earned,
           coalesce(-sum(delta) filter (where delta < 0), 0) as debits
         from points_entry group by member_id
         having not coalesce(bool_or(source = 'expiry' and reference = $2), false)
       ), due as (
         select t.member_id, least(t.earned - t.debits, a.balance)::int as n from totals t join points_account a on a.member_id = t.member_id
         where least(t.earned - t.debits, a.balance) > 0
       ), ins as (
         insert into points_entry (id, member_id, source, reference, delta, at, expires_at, detail)
         select $3 || '-' || member_id, member_id, 'expiry', $2, -n, $4, null, '{}'::jsonb from due
         on conflict (member_id, source, reference) do nothing returning member_id, delta
       ), upd as (
         update points_account a set balance = a.balance + ins.delta from ins where a.member_id = ins.member_id returning 1
       )
       select (select count(*)::int from upd) as members, coalesce(-(select sum(delta) from ins), 0)::int as points`,
      [cutoff, reference, newId(), at],
    );
    return row!;
  }
}

export class MikroOrmMembershipSettings implements MembershipSettings {
  constructor(private readonly tx: TxScope) {}

  async get<T>(key: string): Promise<{ value: T; version: number } | null> {
    const [row] = await this.tx.rows<{ value: T; version: number }>('select value, version from membership_setting where key = ?', [key]);
    return row ?? null;
  }

  async put<T>(key: string, value: T, version: number): Promise<void> {
    const rows =
      version === 0
        ? await this.tx.rows('insert into membership_setting (key, value, version) values (?, ?::jsonb, 1) on conflict (key) do nothing returning 1', [key, JSON.stringify(value)])
        : await this.tx.rows('update membership_setting set value = ?::jsonb, version = version + 1 where key = ? and version = ? returning 1', [JSON.stringify(value), key, version]);
    if (rows.length === 0) throw staleAggregate('membershipSettings', key);
  }
}

export class MikroOrmOrderFacts implements OrderFacts {
  constructor(private readonly tx: TxScope) {}

  async get(orderId: string): Promise<OrderFact | null> {
    const [r] = await this.tx.rows<{ order_id: string; member_id: string; paid_at: string; amount: string; refunded: string }>('select * from member_order_fact where order_id = ?', [orderId]);
    return r ? { orderId: r.order_id, memberId: r.member_id, paidAt: requiredTimestamp(r.paid_at), amount: r.amount, refunded: r.refunded } : null;
  }

  async record(f: OrderFact): Promise<boolean> {
    const rows = await this.tx.rows(
      'insert into member_order_fact (order_id, member_id, paid_at, amount, refunded) values (?, ?, ?, ?::numeric, ?::numeric) on conflict (order_id) do nothing returning 1',
      [f.orderId, f.memberId, f.paidAt, f.amount, f.refunded],
    );
    return rows.length === 1;
  }

  /** One statement: the refund id (its key makes replays no-ops) and the guarded addition to the fact. */
  async refund(orderId: string, refundId: string, amount: string): Promise<'applied' | 'replayed' | 'exceeds'> {
    const [r] = await this.tx.rows<{ inserted: number; updated: number }>(
      `with ins as (
         insert into member_order_refund (refund_id, order_id, amount) values ($2, $1, $3::numeric) on conflict (refund_id) do nothing returning 1
       ), upd as (
         update member_order_fact set refunded = refunded + $3::numeric
         where order_id = $1 and refunded + $3::numeric <= amount and exists (select 1 from ins) returning 1
       )
       select (select count(*)::int from ins) as inserted, (select count(*)::int from upd) as updated`,
      [orderId, refundId, amount],
    );
    if (r!.inserted === 0) return 'replayed';
    return r!.updated === 1 ? 'applied' : 'exceeds';
  }
}

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
  id: r.id, asOf: requiredTimestamp(r.as_of), config: r.config, members: r.members, wakeUps: r.wake_ups, downgrades: r.downgrades, at: requiredTimestamp(r.at),
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
const scoreFromRow = (s: ScoreRow): RfmScore => ({ memberId: s.member_id, recencyDays: s.recency_days, frequency: s.frequency, monetary: s.monetary, r: s.r, f: s.f, m: s.m, segment: s.segment });

/**
 * The scoring statement: aggregate the facts per member, rank, score, judge against the means and
 * insert, all in the database (window functions; nothing per member travels to Node). Quintiles are
 * 1 + ⌊5 × (rank − 1) / n⌋ with `rank()` (ties together), as `computeRfm` in the domain.
 * Parameters: $1 run id, $2 as-of, $3 window start, $4 average?, $5…$16 breakpoints (R, F, M).
 */
export function rfmScoringSql(scoring: RfmConfig['scoring']['kind'], target = 'insert into rfm_score (run_id, member_id, recency_days, frequency, monetary, r, f, m, segment)'): string {
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
      run.id, run.asOf, JSON.stringify(c), run.members, wakeUps, downgrades, run.at,
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
    const rows = await this.tx.rows<{ segment: Segment; n: number }>('select segment, count(*)::int as n from rfm_score where run_id = ? group by segment', [runId]);
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
