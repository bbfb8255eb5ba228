import type { MembershipStore } from '../../../../application/membership/store.js';
import type { Address, AuditRecord, Gender, LevelChange, MemberProfile, PaidCard, ShopMembership } from '../../../../domain/membership/member.js';
import type { Members, MembershipSettings, OrderFacts } from '../../../../domain/membership/ports.js';
import type { OrderFact } from '../../../../domain/membership/rfm.js';
import { staleAggregate, type TxScope } from '../db.js';
import { requiredTimestamp } from '../records/timestamp.js';
import { memberNotFound, MikroOrmGrowthLedger, MikroOrmPointsLedger } from './ledgers.js';
import { MikroOrmRfmRuns } from './rfm-runs.js';

/** The membership store of one PostgreSQL transaction. */
export const pgMembershipStore = (tx: TxScope): MembershipStore => ({
  members: new MikroOrmMembers(tx),
  growthLedger: new MikroOrmGrowthLedger(tx),
  pointsLedger: new MikroOrmPointsLedger(tx),
  settings: new MikroOrmMembershipSettings(tx),
  orderFacts: new MikroOrmOrderFacts(tx),
  rfmRuns: new MikroOrmRfmRuns(tx),
});

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
  id: r.id,
  registeredAt: requiredTimestamp(r.registered_at),
  phone: r.phone,
  gender: r.gender,
  level: r.level,
  addresses: r.addresses,
  paidCard: r.paid_card
    ? ({ plan: r.paid_card.plan, startsAt: new Date(r.paid_card.startsAt), endsAt: new Date(r.paid_card.endsAt) } satisfies PaidCard)
    : null,
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
    const card = m.paidCard
      ? JSON.stringify({ plan: m.paidCard.plan, startsAt: m.paidCard.startsAt.toISOString(), endsAt: m.paidCard.endsAt.toISOString() })
      : null;
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
    if (!row) throw memberNotFound(memberId);
    return row.previous;
  }

  async recordLevelChange(c: LevelChange): Promise<void> {
    await this.tx.rows('insert into member_level_change (id, member_id, scope, from_level, to_level, reason, at) values (?, ?, ?, ?, ?, ?, ?)', [
      c.id,
      c.memberId,
      c.scope,
      c.fromLevel,
      c.toLevel,
      c.reason,
      c.at,
    ]);
  }

  async levelHistory(memberId: string): Promise<LevelChange[]> {
    const rows = await this.tx.rows<{ id: string; member_id: string; scope: string; from_level: number; to_level: number; reason: string; at: string }>(
      'select * from member_level_change where member_id = ? order by id collate "C" desc',
      [memberId],
    );
    return rows.map((r) => ({
      id: r.id,
      memberId: r.member_id,
      scope: r.scope,
      fromLevel: r.from_level,
      toLevel: r.to_level,
      reason: r.reason,
      at: requiredTimestamp(r.at),
    }));
  }

  async recordAudit(a: AuditRecord): Promise<void> {
    await this.tx.rows('insert into member_audit (id, member_id, action, operator, reason, detail, at) values (?, ?, ?, ?, ?, ?::jsonb, ?)', [
      a.id,
      a.memberId,
      a.action,
      a.operator,
      a.reason,
      JSON.stringify(a.detail),
      a.at,
    ]);
  }

  async audits(memberId: string): Promise<AuditRecord[]> {
    const rows = await this.tx.rows<{
      id: string;
      member_id: string;
      action: string;
      operator: string;
      reason: string;
      detail: Record<string, unknown>;
      at: string;
    }>('select * from member_audit where member_id = ? order by id collate "C" desc', [memberId]);
    return rows.map((r) => ({
      id: r.id,
      memberId: r.member_id,
      action: r.action,
      operator: r.operator,
      reason: r.reason,
      detail: r.detail,
      at: requiredTimestamp(r.at),
    }));
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

export class MikroOrmMembershipSettings implements MembershipSettings {
  constructor(private readonly tx: TxScope) {}

  async get<T>(key: string): Promise<{ value: T; version: number } | null> {
    const [row] = await this.tx.rows<{ value: T; version: number }>('select value, version from membership_setting where key = ?', [key]);
    return row ?? null;
  }

  async put<T>(key: string, value: T, version: number): Promise<void> {
    const rows =
      version === 0
        ? await this.tx.rows('insert into membership_setting (key, value, version) values (?, ?::jsonb, 1) on conflict (key) do nothing returning 1', [
            key,
            JSON.stringify(value),
          ])
        : await this.tx.rows('update membership_setting set value = ?::jsonb, version = version + 1 where key = ? and version = ? returning 1', [
            JSON.stringify(value),
            key,
            version,
          ]);
    if (rows.length === 0) throw staleAggregate('membershipSettings', key);
  }
}

export class MikroOrmOrderFacts implements OrderFacts {
  constructor(private readonly tx: TxScope) {}

  async get(orderId: string): Promise<OrderFact | null> {
    const [r] = await this.tx.rows<{ order_id: string; member_id: string; paid_at: string; amount: string; refunded: string }>(
      'select * from member_order_fact where order_id = ?',
      [orderId],
    );
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
