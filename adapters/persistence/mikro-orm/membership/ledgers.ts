import { MEMBERSHIP_ERRORS } from '../../../../domain/membership/errors.js';
import type { GrowthSource } from '../../../../domain/membership/growth.js';
import {
  assertReplay,
  balanceOverflow,
  insufficient,
  overflows,
  type LedgerChange,
  type LedgerEntry,
  type LedgerResult,
} from '../../../../domain/membership/ledger.js';
import type { PointsSource } from '../../../../domain/membership/points.js';
import type { Ledger, PointsLedger } from '../../../../domain/membership/ports.js';
import type { DomainError } from '../../../../domain/shared/domain-error.js';
import type { TxScope } from '../db.js';
import { requiredTimestamp, timestamp } from '../records/timestamp.js';

export const memberNotFound = (memberId: string): DomainError => MEMBERSHIP_ERRORS.raise('MEMBER_NOT_FOUND', `no member ${memberId}`, { memberId });

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
  id: r.id,
  memberId: r.member_id,
  source: r.source as S,
  reference: r.reference,
  delta: r.delta,
  at: requiredTimestamp(r.at),
  expiresAt: timestamp(r.expires_at),
  detail: r.detail,
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
      c.entryId,
      c.memberId,
      c.source,
      c.delta,
      c.reference,
      c.at,
      c.expiresAt ?? null,
      JSON.stringify(c.detail ?? {}),
      c.clamp ?? false,
    ]);
    if (r!.found === 0) throw memberNotFound(c.memberId);
    if (r!.delta !== null) {
      const entry: LedgerEntry<S> = {
        id: c.entryId,
        memberId: c.memberId,
        source: c.source,
        reference: c.reference,
        delta: r!.delta,
        at: c.at,
        expiresAt: c.expiresAt ?? null,
        detail: c.detail ?? {},
      };
      return { entry, replayed: false, balance: r!.balance! };
    }
    const earlier = await this.entry(c.memberId, c.source, c.reference);
    if (earlier) return { entry: assertReplay(earlier, c), replayed: true, balance: await this.balance(c.memberId) };
    throw overflows(r!.before ?? 0, c.delta)
      ? balanceOverflow(this.kind, c.memberId, r!.before, c.delta)
      : insufficient(this.kind, c.memberId, r!.before ?? 0, -c.delta);
  }

  async entry(memberId: string, source: S, reference: string): Promise<LedgerEntry<S> | null> {
    const [row] = await this.tx.rows<EntryRow>(`select * from ${this.kind}_entry where member_id = ? and source = ? and reference = ?`, [
      memberId,
      source,
      reference,
    ]);
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
