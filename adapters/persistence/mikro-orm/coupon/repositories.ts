import type { CouponStore } from '../../../../application/coupon/store.js';
import { CouponTemplate, type TemplateStatus } from '../../../../domain/coupon/coupon-template.js';
import { COUPON_STATES, OwnedCoupon, type CouponState } from '../../../../domain/coupon/owned-coupon.js';
import type {
  ClaimCounts,
  ClaimOutcome,
  CouponClaims,
  CouponStatisticsQuery,
  CouponTemplates,
  OwnedCoupons,
  TemplateCounts,
} from '../../../../domain/coupon/ports.js';
import { staleAggregate, type TxScope } from '../db.js';
import {
  couponTemplateFromRow,
  couponTemplateParams,
  ownedCouponFromRow,
  ownedCouponParams,
  OWNED_COLUMNS,
  TEMPLATE_COLUMNS,
  type CouponTemplateRow,
  type OwnedCouponRow,
} from './records.js';

/** The coupon store of one PostgreSQL transaction. */
export const pgCouponStore = (tx: TxScope): CouponStore => ({
  templates: new MikroOrmCouponTemplates(tx),
  claims: new MikroOrmCouponClaims(tx),
  ownedCoupons: new MikroOrmOwnedCoupons(tx),
  statistics: new MikroOrmCouponStatistics(tx),
});

const NEWEST_FIRST = 'order by created_at desc, id collate "C" desc';
/** `$from, $from+1 …` for n columns. */
const slots = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `$${from + i}`).join(', ');

const INSERT_TEMPLATE = `insert into coupon_template (${TEMPLATE_COLUMNS.join(', ')}, issued, version)
  values (${slots(TEMPLATE_COLUMNS.length)}, 0, 1) on conflict (id) do nothing returning version`;
const UPDATE_TEMPLATE = `update coupon_template set ${TEMPLATE_COLUMNS.slice(1)
  .map((c, i) => `${c} = $${i + 2}`)
  .join(', ')}, version = version + 1
  where id = $1 and version = $${TEMPLATE_COLUMNS.length + 1} returning version`;

/** Coupon templates on PostgreSQL: the definition is saved by version (recording the template's events); `issued` is left to the claim statement. */
export class MikroOrmCouponTemplates implements CouponTemplates {
  constructor(private readonly tx: TxScope) {}

  async get(id: string): Promise<CouponTemplate | null> {
    const [row] = await this.tx.rows<CouponTemplateRow>('select * from coupon_template where id = ?', [id]);
    return row ? CouponTemplate.restore(couponTemplateFromRow(row)) : null;
  }

  async save(template: CouponTemplate): Promise<void> {
    const s = template.toSnapshot();
    const params = couponTemplateParams(s);
    const [row] =
      s.version === 0
        ? await this.tx.rows<{ version: number }>(INSERT_TEMPLATE, params)
        : await this.tx.rows<{ version: number }>(UPDATE_TEMPLATE, [...params, s.version]);
    if (!row) throw staleAggregate('couponTemplates', s.id);
    template.markSaved(row.version);
    this.tx.record(template.pullEvents());
  }

  async all(filter: { readonly status?: TemplateStatus } = {}): Promise<CouponTemplate[]> {
    return this.list(`select * from coupon_template where ?::text is null or status = ? ${NEWEST_FIRST}`, [filter.status ?? null, filter.status ?? null]);
  }

  async claimable(at: Date): Promise<CouponTemplate[]> {
    return this.list(
      `select * from coupon_template where status = 'active' and visibility = 'public' and claim_starts_at <= ? and ? < claim_ends_at ${NEWEST_FIRST}`,
      [at, at],
    );
  }

  async byIds(ids: readonly string[]): Promise<CouponTemplate[]> {
    return this.list(`select * from coupon_template where id = any(?::text[]) ${NEWEST_FIRST}`, [ids]);
  }

  private async list(sql: string, params: unknown[]): Promise<CouponTemplate[]> {
    return (await this.tx.rows<CouponTemplateRow>(sql, params)).map((r) => CouponTemplate.restore(couponTemplateFromRow(r)));
  }
}

/**
 * The claim as ONE statement (decision 0010's pattern): `tpl` locks the template row only if it is
 * active and not sold out (FOR UPDATE re-checks the condition on the newest row version after waiting,
 * and every claim of the template queues on this lock first, so there is one lock order and no
 * deadlock); `member` inserts the member's count or adds one to it only while it is below the limit
 * (ON CONFLICT DO UPDATE … WHERE judges the newest version too); `counted` moves the template's count
 * only if `member` did; `coupon` stores the coupon only if `counted` did. Each step runs only if the one
 * before it did: all or nothing, and a refusal changes nothing (the statement does not fail, so a bulk
 * issue goes on). CHECK constraints back both guards.
 */
const CLAIM = `with tpl as (
    select id, per_member_limit from coupon_template where id = $2 and status = 'active' and issued < total_quantity for update
  ), member as (
    insert into coupon_member_claim as m (template_id, member_id, claimed, claim_limit)
    select tpl.id, $3::text, 1, tpl.per_member_limit from tpl
    on conflict (template_id, member_id) do update set claimed = m.claimed + 1 where m.claimed < m.claim_limit
    returning claimed
  ), counted as (
    update coupon_template set issued = issued + 1 where id = $2 and exists (select 1 from member) returning issued
  ), coupon as (
    insert into owned_coupon (${OWNED_COLUMNS.join(', ')}, version)
    select $1::text, $2::text, $3::text, $4::text, $5::timestamptz, $6::timestamptz, $7::timestamptz, $8::numeric, $9::text, $10::text, $11::jsonb, $12::timestamptz, 1
    from counted
    returning 1
  )
  select (select count(*)::int from tpl) as open, (select claimed from member) as claimed, (select issued from counted) as issued,
    (select count(*)::int from coupon) as stored`;

export class MikroOrmCouponClaims implements CouponClaims {
  constructor(private readonly tx: TxScope) {}

  async claim(coupon: OwnedCoupon): Promise<ClaimOutcome> {
    const [r] = await this.tx.rows<{ open: number; claimed: number | null; issued: number | null; stored: number }>(
      CLAIM,
      ownedCouponParams(coupon.toSnapshot()),
    );
    if (r!.stored === 1) {
      coupon.markSaved(1);
      this.tx.record(coupon.pullEvents());
      return { ok: true, issued: r!.issued!, claimed: r!.claimed! };
    }
    if (r!.open === 1) return { ok: false, refusal: 'LIMIT_REACHED' };
    // The template was not open: say why, from the row as it is now (the verdict was the statement's).
    const [t] = await this.tx.rows<{ status: TemplateStatus }>('select status from coupon_template where id = ?', [coupon.templateId]);
    return { ok: false, refusal: !t ? 'UNKNOWN_TEMPLATE' : t.status !== 'active' ? 'NOT_ACTIVE' : 'SOLD_OUT' };
  }

  async counts(templateIds: readonly string[], memberId?: string): Promise<Map<string, ClaimCounts>> {
    const rows = await this.tx.rows<{ id: string; issued: number; claimed: number }>(
      `select t.id, t.issued, coalesce(m.claimed, 0) as claimed from coupon_template t
       left join coupon_member_claim m on m.template_id = t.id and m.member_id = ?
       where t.id = any(?::text[])`,
      [memberId ?? null, templateIds],
    );
    const found = new Map(rows.map((r) => [r.id, { issued: r.issued, claimed: r.claimed }]));
    return new Map(templateIds.map((id) => [id, found.get(id) ?? { issued: 0, claimed: 0 }]));
  }
}

const UPDATE_OWNED = `update owned_coupon set ${OWNED_COLUMNS.slice(1)
  .map((c, i) => `${c} = $${i + 2}`)
  .join(', ')}, version = version + 1
  where id = $1 and version = $${OWNED_COLUMNS.length + 1} returning version`;

export class MikroOrmOwnedCoupons implements OwnedCoupons {
  constructor(private readonly tx: TxScope) {}

  async get(id: string): Promise<OwnedCoupon | null> {
    const [row] = await this.tx.rows<OwnedCouponRow>('select * from owned_coupon where id = ?', [id]);
    return row ? OwnedCoupon.restore(ownedCouponFromRow(row)) : null;
  }

  async save(coupon: OwnedCoupon): Promise<void> {
    const s = coupon.toSnapshot();
    if (s.version === 0) throw new Error('a coupon is created by CouponClaims.claim, not saved');
    const [row] = await this.tx.rows<{ version: number }>(UPDATE_OWNED, [...ownedCouponParams(s), s.version]);
    if (!row) throw staleAggregate('ownedCoupons', s.id);
    coupon.markSaved(row.version);
    this.tx.record(coupon.pullEvents());
  }

  async ofMember(memberId: string): Promise<OwnedCoupon[]> {
    return this.list('select * from owned_coupon where member_id = ? order by claimed_at desc, id collate "C" desc', [memberId]);
  }

  async dueForExpiry(at: Date, limit: number): Promise<OwnedCoupon[]> {
    return this.list(`select * from owned_coupon where state in ('available', 'returned') and valid_until <= ? order by valid_until, id collate "C" limit ?`, [
      at,
      limit,
    ]);
  }

  private async list(sql: string, params: unknown[]): Promise<OwnedCoupon[]> {
    return (await this.tx.rows<OwnedCouponRow>(sql, params)).map((r) => OwnedCoupon.restore(ownedCouponFromRow(r)));
  }
}

export class MikroOrmCouponStatistics implements CouponStatisticsQuery {
  constructor(private readonly tx: TxScope) {}

  async counts(templateId: string): Promise<TemplateCounts> {
    const [row] = await this.tx.rows<Record<string, number>>(
      `select coalesce((select issued from coupon_template where id = $1), 0) as issued,
         count(*) filter (where source = 'claim')::int as claimed,
         ${COUPON_STATES.map((s) => `count(*) filter (where state = '${s}')::int as "${s}"`).join(', ')}
       from owned_coupon where template_id = $1`,
      [templateId],
    );
    const byState = Object.fromEntries(COUPON_STATES.map((s) => [s, row![s]!])) as Record<CouponState, number>;
    return { issued: row!.issued!, claimed: row!.claimed!, byState };
  }
}
