import type { PromotionStore } from '../../../../application/promotion/store.js';
import { Activity } from '../../../../domain/promotion/activity.js';
import { Bargain } from '../../../../domain/promotion/bargain.js';
import { chargeRejection } from '../../../../domain/promotion/budget.js';
import { PROMOTION_ERROR, rejectionOf, toError } from '../../../../domain/promotion/errors.js';
import { GroupBuy, paymentEvents, paymentRejection } from '../../../../domain/promotion/group-buy.js';
import type {
  Activities,
  ActivityBudgets,
  Bargains,
  BudgetCharge,
  BudgetChargeResult,
  GroupBuys,
  GroupPaymentResult,
} from '../../../../domain/promotion/ports.js';
import { DomainError } from '../../../../domain/shared/domain-error.js';
import { Money } from '../../../../domain/shared/money.js';
import type { TxScope } from '../db.js';
import {
  ActivityRecord,
  BargainRecord,
  GroupBuyRecord,
  activityFromRow,
  activityRecord,
  bargainFromRow,
  bargainRecord,
  groupBuyFromRows,
  groupBuyRecord,
  type ActivityRow,
  type BargainRow,
  type GroupBuyRow,
  type GroupMemberRow,
} from './records.js';
import { MikroOrmPurchaseLimits } from './purchase-limits.js';
import { saveVersionedRow } from '../repositories/versioned-row.js';

/** The promotion store of one PostgreSQL transaction. */
export const pgPromotionStore = (tx: TxScope): PromotionStore => ({
  activities: new MikroOrmActivities(tx),
  activityBudgets: new MikroOrmActivityBudgets(tx),
  purchaseLimits: new MikroOrmPurchaseLimits(tx),
  groupBuys: new MikroOrmGroupBuys(tx),
  bargains: new MikroOrmBargains(tx),
});

/** Activities on PostgreSQL; a code taken by a racing transaction fails the save (`activity_code_unique`); a save records the activity's events. */
export class MikroOrmActivities implements Activities {
  constructor(private readonly tx: TxScope) {}

  async get(id: string): Promise<Activity | null> {
    const [row] = await this.tx.rows<ActivityRow>('select * from activity where id = ?', [id]);
    return row ? Activity.restore(activityFromRow(row)) : null;
  }

  async save(activity: Activity): Promise<void> {
    const s = activity.toSnapshot();
    activity.markSaved(await saveVersionedRow(this.tx, ActivityRecord, 'activities', s.version, activityRecord(s, s.version + 1)));
    this.tx.touched.add('promotion');
    this.tx.record(activity.pullEvents());
  }

  async all(): Promise<Activity[]> {
    return this.list('select * from activity order by created_at desc, id collate "C" desc');
  }

  /** Served from the promotion read cache until this transaction writes to the domain (decision 0030). */
  async published(): Promise<Activity[]> {
    const rows = await this.tx.cachedOne('promotion', 'published', '', () =>
      this.tx.rows<ActivityRow>('select * from activity where live_version is not null and voided_at is null order by created_at desc, id collate "C" desc'),
    );
    return (rows ?? []).map((r) => Activity.restore(activityFromRow(r)));
  }

  async codeTaken(code: string, exceptActivityId?: string): Promise<boolean> {
    const rows = await this.tx.rows('select 1 from activity where code = ? and id is distinct from ? limit 1', [code, exceptActivityId ?? null]);
    return rows.length > 0;
  }

  private async list(sql: string): Promise<Activity[]> {
    return (await this.tx.rows<ActivityRow>(sql)).map((r) => Activity.restore(activityFromRow(r)));
  }
}

/**
 * Budgets on PostgreSQL (decision 0010): a charge is one statement — the charge row inserted first
 * (`on conflict do nothing`: a concurrent replay waits on its key, then sees the first), then the guarded
 * `spent = spent + amount where spent + amount <= budget`, which runs only if the insert did.
 */
export class MikroOrmActivityBudgets implements ActivityBudgets {
  constructor(private readonly tx: TxScope) {}

  async spent(activityIds: readonly string[]): Promise<Map<string, Money>> {
    const rows = await this.tx.rows<{ activity_id: string; spent: string }>(
      'select activity_id, spent from activity_budget where activity_id = any(?::text[])',
      [activityIds],
    );
    const found = new Map(rows.map((r) => [r.activity_id, Money.of(r.spent)]));
    return new Map(activityIds.map((id) => [id, found.get(id) ?? Money.zero()]));
  }

  async charge(c: BudgetCharge): Promise<BudgetChargeResult> {
    await this.tx.rows('insert into activity_budget (activity_id, spent) values (?, 0) on conflict (activity_id) do nothing', [c.activityId]);
    const [r] = await this.tx.rows<{ inserted: number; spent: string | null }>(
      `with ch as (
         insert into activity_budget_charge (activity_id, reference, amount, released, at) values ($1, $2, $3::numeric, false, $5)
         on conflict (activity_id, reference) do nothing returning 1
       ), upd as (
         update activity_budget set spent = spent + $3::numeric
         where activity_id = $1 and ($4::numeric is null or spent + $3::numeric <= $4::numeric) and exists (select 1 from ch) returning spent
       )
       select (select count(*)::int from ch) as inserted, (select spent from upd) as spent`,
      [c.activityId, c.reference, c.amount.toString(), c.budget?.toString() ?? null, c.at],
    );
    if (r!.inserted === 0) return { spent: await this.spentOf(c.activityId), replayed: true };
    if (r!.spent === null) {
      // The guard refused: its verdict stands; the figures in the message are the ones read now.
      throw toError(
        chargeRejection(c.activityId, await this.spentOf(c.activityId), c.amount, c.budget) ??
          rejectionOf(PROMOTION_ERROR.BUDGET_EXHAUSTED, `activity ${c.activityId}'s budget is used up`, { activityId: c.activityId }),
      );
    }
    return { spent: Money.of(r!.spent), replayed: false };
  }

  async release(activityId: string, reference: string): Promise<BudgetChargeResult> {
    const [r] = await this.tx.rows<{ released: number; spent: string | null }>(
      `with rel as (
         update activity_budget_charge set released = true where activity_id = $1 and reference = $2 and not released returning amount
       ), upd as (
         update activity_budget set spent = spent - (select amount from rel) where activity_id = $1 and exists (select 1 from rel) returning spent
       )
       select (select count(*)::int from rel) as released, (select spent from upd) as spent`,
      [activityId, reference],
    );
    if (r!.released === 0) return { spent: await this.spentOf(activityId), replayed: true };
    return { spent: Money.of(r!.spent!), replayed: false };
  }

  private async spentOf(activityId: string): Promise<Money> {
    return (await this.spent([activityId])).get(activityId)!;
  }
}

/**
 * Groups on PostgreSQL: `group_buy` (versioned; `paid` is the capacity counter) and `group_member`.
 * A save inserts the members that are not stored yet and never touches stored ones, whose status only
 * the payment statement changes: so a join never waits on a member row a payment holds.
 */
export class MikroOrmGroupBuys implements GroupBuys {
  constructor(private readonly tx: TxScope) {}

  async get(id: string): Promise<GroupBuy | null> {
    return (await this.load('select * from group_buy where id = ?', [id]))[0] ?? null;
  }

  async save(group: GroupBuy): Promise<void> {
    const s = group.toSnapshot();
    const version = await saveVersionedRow(this.tx, GroupBuyRecord, 'groupBuys', s.version, groupBuyRecord(s, s.version + 1));
    const stored = new Set((await this.tx.rows<{ order_id: string }>('select order_id from group_member where group_id = ?', [s.id])).map((r) => r.order_id));
    const fresh = s.members.map((m, position) => ({ m, position })).filter(({ m }) => !stored.has(m.orderId));
    if (fresh.length > 0) {
      await this.tx.rows(
        `insert into group_member (group_id, order_id, position, member_id, leader, status, joined_at, paid_at)
         select ?, t.o, t.p, t.m, t.l, t.s, t.j, t.pa
         from unnest(?::text[], ?::int[], ?::text[], ?::boolean[], ?::text[], ?::timestamptz[], ?::timestamptz[]) as t(o, p, m, l, s, j, pa)`,
        [
          s.id,
          fresh.map((f) => f.m.orderId),
          fresh.map((f) => f.position),
          fresh.map((f) => f.m.memberId),
          fresh.map((f) => f.m.leader),
          fresh.map((f) => f.m.status),
          fresh.map((f) => f.m.joinedAt.toISOString()),
          fresh.map((f) => f.m.paidAt?.toISOString() ?? null),
        ],
      );
    }
    group.markSaved(version);
    this.tx.record(group.pullEvents());
  }

  /**
   * Two guarded statements: the member's order pending → paid (a concurrent replay of the same order waits
   * on that row, then finds it paid), then the capacity guard — `paid = paid + 1 … where paid < size` and
   * the group still forming before its deadline — which PostgreSQL re-checks on the newest row version
   * after waiting, so concurrent payments never over-fill the group. A refusal rolls the transaction back
   * and is explained by the domain's `paymentRejection` on the row read afterwards. An accepted payment
   * records the domain's `paymentEvents`, read off the group after it.
   */
  async confirmPayment(groupId: string, orderId: string, at: Date): Promise<GroupPaymentResult> {
    const member = await this.tx.rows(
      `update group_member set status = 'paid', paid_at = ? where group_id = ? and order_id = ? and status = 'pending' returning 1`,
      [at, groupId, orderId],
    );
    if (member.length === 0) {
      const group = await this.get(groupId);
      if (!group) throw DomainError.notFound(PROMOTION_ERROR.GROUP_NOT_FOUND, `no group ${groupId}`, { groupId });
      if (!group.toSnapshot().members.some((m) => m.orderId === orderId)) {
        throw DomainError.notFound(PROMOTION_ERROR.ORDER_NOT_IN_GROUP, `no member of group ${groupId} joined with order ${orderId}`, { groupId, orderId });
      }
      return { group: group.toSnapshot(), replayed: true };
    }
    const seat = await this.tx.rows(
      `update group_buy set paid = paid + 1,
         status = case when paid + 1 >= size then 'succeeded' else 'open' end,
         closed_at = case when paid + 1 >= size then ?::timestamptz else closed_at end,
         version = version + 1
       where id = ? and paid < size and status in ('pending', 'open') and deadline > ?::timestamptz
       returning 1`,
      [at, groupId, at],
    );
    const group = (await this.get(groupId))!.toSnapshot();
    if (seat.length === 0) {
      throw toError(paymentRejection(group, at) ?? rejectionOf(PROMOTION_ERROR.GROUP_FULL, `group ${groupId} has no room`, { groupId, size: group.size }));
    }
    this.tx.record(paymentEvents(group, orderId, at));
    return { group, replayed: false };
  }

  async dueToClose(now: Date, limit: number): Promise<GroupBuy[]> {
    return this.load(`select * from group_buy where status in ('pending', 'open') and deadline <= ? order by deadline, id collate "C" limit ?`, [now, limit]);
  }

  async ofActivity(activityId: string): Promise<GroupBuy[]> {
    return this.load('select * from group_buy where activity_id = ? order by opened_at desc, id collate "C" desc', [activityId]);
  }

  private async load(sql: string, params: readonly unknown[]): Promise<GroupBuy[]> {
    const groups = await this.tx.rows<GroupBuyRow>(sql, params);
    if (groups.length === 0) return [];
    const members = await this.tx.rows<GroupMemberRow>('select * from group_member where group_id = any(?::text[]) order by position', [
      groups.map((g) => g.id),
    ]);
    return groups.map((g) =>
      GroupBuy.restore(
        groupBuyFromRows(
          g,
          members.filter((m) => m.group_id === g.id),
        ),
      ),
    );
  }
}

/** Bargains on PostgreSQL; one per member and activity (`bargain_member_unique`); a save records the bargain's events. */
export class MikroOrmBargains implements Bargains {
  constructor(private readonly tx: TxScope) {}

  async get(id: string): Promise<Bargain | null> {
    const [row] = await this.tx.rows<BargainRow>('select * from bargain where id = ?', [id]);
    return row ? Bargain.restore(bargainFromRow(row)) : null;
  }

  async save(bargain: Bargain): Promise<void> {
    const s = bargain.toSnapshot();
    bargain.markSaved(await saveVersionedRow(this.tx, BargainRecord, 'bargains', s.version, bargainRecord(s, s.version + 1)));
    this.tx.record(bargain.pullEvents());
  }

  async ofMember(activityId: string, memberId: string): Promise<Bargain | null> {
    const [row] = await this.tx.rows<BargainRow>('select * from bargain where activity_id = ? and member_id = ?', [activityId, memberId]);
    return row ? Bargain.restore(bargainFromRow(row)) : null;
  }
}
