import { Activity, type ActivitySnapshot } from '../../../domain/promotion/activity.js';
import { Bargain } from '../../../domain/promotion/bargain.js';
import { chargeRejection } from '../../../domain/promotion/budget.js';
import { PROMOTION_ERROR, toError } from '../../../domain/promotion/errors.js';
import { GroupBuy } from '../../../domain/promotion/group-buy.js';
import type { Activities, ActivityBudgets, Bargains, BudgetCharge, BudgetChargeResult, GroupBuys, GroupPaymentResult } from '../../../domain/promotion/ports.js';
import { DomainError } from '../../../domain/shared/domain-error.js';
import { Money } from '../../../domain/shared/money.js';
import type { MemoryTables } from './memory-database.js';
import type { MemoryTransactionState } from './memory-unit-of-work.js';

const newestFirst = (a: ActivitySnapshot, b: ActivitySnapshot) =>
  b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** Activities in memory; `save` refuses a taken code as PostgreSQL's unique constraint does. */
export class MemoryActivities implements Activities {
  constructor(private readonly tx: MemoryTransactionState) {}

  async get(id: string): Promise<Activity | null> {
    const s = this.tx.read('activities', id);
    return s ? Activity.restore(s) : null;
  }
  async save(activity: Activity): Promise<void> {
    const s = activity.toSnapshot();
    if (await this.codeTaken(s.code, s.id)) {
      throw DomainError.conflict(PROMOTION_ERROR.DUPLICATE_CODE, `activity code ${s.code} is taken`, { code: s.code });
    }
    activity.markSaved(this.tx.write('activities', s));
  }
  async all(): Promise<Activity[]> {
    return this.tx.rows('activities').sort(newestFirst).map((s) => Activity.restore(s));
  }
  async published(): Promise<Activity[]> {
    return (await this.all()).filter((a) => a.live !== null && !a.voided);
  }
  async codeTaken(code: string, exceptActivityId?: string): Promise<boolean> {
    return this.tx.rows('activities').some((s) => s.code === code && s.id !== exceptActivityId);
  }
}

type BudgetRow = MemoryTables['activityBudgets'] extends Map<string, infer R> ? R : never;
type ChargeRow = MemoryTables['activityBudgetCharges'] extends Map<string, infer R> ? R : never;
const chargeKey = (activityId: string, reference: string) => `${activityId}\u0000${reference}`;

/** Budgets in memory: transactions are serialised, so checking then writing is atomic. */
export class MemoryActivityBudgets implements ActivityBudgets {
  constructor(private readonly tx: MemoryTransactionState) {}

  async spent(activityIds: readonly string[]): Promise<Map<string, Money>> {
    return new Map(activityIds.map((id) => [id, this.tx.read('activityBudgets', id)?.spent ?? Money.zero()]));
  }

  async charge(c: BudgetCharge): Promise<BudgetChargeResult> {
    const key = chargeKey(c.activityId, c.reference);
    const row = this.tx.read('activityBudgets', c.activityId) ?? { id: c.activityId, spent: Money.zero(), version: 0 };
    if (this.tx.read('activityBudgetCharges', key)) return { spent: row.spent, replayed: true };
    const r = chargeRejection(c.activityId, row.spent, c.amount, c.budget);
    if (r) throw toError(r);
    const spent = row.spent.add(c.amount);
    const budget: BudgetRow = { ...row, spent };
    const charge: ChargeRow = { id: key, activityId: c.activityId, reference: c.reference, amount: c.amount, released: false, at: c.at, version: 0 };
    this.tx.write('activityBudgets', budget);
    this.tx.write('activityBudgetCharges', charge);
    return { spent, replayed: false };
  }

  async release(activityId: string, reference: string): Promise<BudgetChargeResult> {
    const charge = this.tx.read('activityBudgetCharges', chargeKey(activityId, reference));
    const row = this.tx.read('activityBudgets', activityId) ?? { id: activityId, spent: Money.zero(), version: 0 };
    if (!charge || charge.released) return { spent: row.spent, replayed: true };
    const spent = row.spent.subtract(charge.amount);
    const budget: BudgetRow = { ...row, spent };
    const released: ChargeRow = { ...charge, released: true };
    this.tx.write('activityBudgets', budget);
    this.tx.write('activityBudgetCharges', released);
    return { spent, replayed: false };
  }
}

/** Groups in memory; an order is in one group at most, as PostgreSQL's unique index says. */
export class MemoryGroupBuys implements GroupBuys {
  constructor(private readonly tx: MemoryTransactionState) {}

  async get(id: string): Promise<GroupBuy | null> {
    const s = this.tx.read('groupBuys', id);
    return s ? GroupBuy.restore(s) : null;
  }

  async save(group: GroupBuy): Promise<void> {
    const s = group.toSnapshot();
    const mine = new Set(s.members.map((m) => m.orderId));
    const taken = this.tx.rows('groupBuys').find((g) => g.id !== s.id && g.members.some((m) => mine.has(m.orderId)));
    if (taken) {
      const orderId = taken.members.find((m) => mine.has(m.orderId))!.orderId;
      throw DomainError.conflict(PROMOTION_ERROR.ORDER_IN_ANOTHER_GROUP, `order ${orderId} is in another group`, { orderId });
    }
    group.markSaved(this.tx.write('groupBuys', s));
  }

  /** The aggregate's own rule, applied inside the serialised transaction. */
  async confirmPayment(groupId: string, orderId: string, at: Date): Promise<GroupPaymentResult> {
    const group = await this.get(groupId);
    if (!group) throw DomainError.notFound(PROMOTION_ERROR.GROUP_NOT_FOUND, `no group ${groupId}`, { groupId });
    const { replayed } = group.confirmPayment(orderId, at);
    if (!replayed) group.markSaved(this.tx.write('groupBuys', group.toSnapshot()));
    return { group: group.toSnapshot(), replayed };
  }

  async dueToClose(now: Date, limit: number): Promise<GroupBuy[]> {
    return this.tx
      .rows('groupBuys')
      .filter((g) => (g.status === 'pending' || g.status === 'open') && g.deadline.getTime() <= now.getTime())
      .sort((a, b) => a.deadline.getTime() - b.deadline.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, limit)
      .map((s) => GroupBuy.restore(s));
  }

  async ofActivity(activityId: string): Promise<GroupBuy[]> {
    return this.tx
      .rows('groupBuys')
      .filter((g) => g.activityId === activityId)
      .sort((a, b) => b.openedAt.getTime() - a.openedAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
      .map((s) => GroupBuy.restore(s));
  }
}

/** Bargains in memory; one per member and activity, as PostgreSQL's unique constraint says. */
export class MemoryBargains implements Bargains {
  constructor(private readonly tx: MemoryTransactionState) {}

  async get(id: string): Promise<Bargain | null> {
    const s = this.tx.read('bargains', id);
    return s ? Bargain.restore(s) : null;
  }

  async save(bargain: Bargain): Promise<void> {
    const s = bargain.toSnapshot();
    if (this.tx.rows('bargains').some((b) => b.id !== s.id && b.activityId === s.activityId && b.memberId === s.memberId)) {
      throw DomainError.conflict(PROMOTION_ERROR.BARGAIN_EXISTS, `member ${s.memberId} already bargains on activity ${s.activityId}`, { activityId: s.activityId });
    }
    bargain.markSaved(this.tx.write('bargains', s));
  }

  async ofMember(activityId: string, memberId: string): Promise<Bargain | null> {
    const s = this.tx.rows('bargains').find((b) => b.activityId === activityId && b.memberId === memberId);
    return s ? Bargain.restore(s) : null;
  }
}
