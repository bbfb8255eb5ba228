import type { PromotionStore } from '../../../../application/promotion/store.js';
import { Activity, type ActivitySnapshot } from '../../../../domain/promotion/activity.js';
import { Bargain, type BargainSnapshot } from '../../../../domain/promotion/bargain.js';
import { chargeRejection } from '../../../../domain/promotion/budget.js';
import { PROMOTION_ERROR, toError } from '../../../../domain/promotion/errors.js';
import { GROUP, GroupBuy, type GroupBuySnapshot } from '../../../../domain/promotion/group-buy.js';
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
import type { MemoryTransactionState } from '../memory-transaction.js';
import { MemoryPurchaseLimits } from './purchase-limits.js';

/** The promotion context's tables in the memory database (its purchase limits' are in ./purchase-limits.ts). */
const ACTIVITIES = 'activities';
/** What each activity has spent of its budget (moved only by charges and releases). */
const BUDGETS = 'activityBudgets';
/** Keyed by (activity, reference): a charge, replays are no-ops. */
const CHARGES = 'activityBudgetCharges';
const GROUPS = 'groupBuys';
const BARGAINS = 'bargains';
type BudgetRow = { id: string; spent: Money; version: number };
type ChargeRow = { id: string; activityId: string; reference: string; amount: Money; released: boolean; at: Date; version: number };

/** The promotion store of one memory transaction. */
export const memoryPromotionStore = (tx: MemoryTransactionState): PromotionStore => ({
  activities: new MemoryActivities(tx),
  activityBudgets: new MemoryActivityBudgets(tx),
  purchaseLimits: new MemoryPurchaseLimits(tx),
  groupBuys: new MemoryGroupBuys(tx),
  bargains: new MemoryBargains(tx),
});

const cu = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const newestFirst = (a: ActivitySnapshot, b: ActivitySnapshot) => b.createdAt.getTime() - a.createdAt.getTime() || cu(b.id, a.id);

/** Activities in memory; `save` refuses a taken code as PostgreSQL's unique constraint does, and records the activity's events. */
export class MemoryActivities implements Activities {
  constructor(private readonly tx: MemoryTransactionState) {}

  async get(id: string): Promise<Activity | null> {
    const s = this.tx.read<ActivitySnapshot>(ACTIVITIES, id);
    return s ? Activity.restore(s) : null;
  }
  async save(activity: Activity): Promise<void> {
    const s = activity.toSnapshot();
    if (await this.codeTaken(s.code, s.id)) {
      throw DomainError.conflict(PROMOTION_ERROR.DUPLICATE_CODE, `activity code ${s.code} is taken`, { code: s.code });
    }
    activity.markSaved(this.tx.write(ACTIVITIES, s));
    this.tx.record(activity.pullEvents());
  }
  async all(): Promise<Activity[]> {
    return this.tx
      .rows<ActivitySnapshot>(ACTIVITIES)
      .sort(newestFirst)
      .map((s) => Activity.restore(s));
  }
  async published(): Promise<Activity[]> {
    return (await this.all()).filter((a) => a.live !== null && !a.voided);
  }
  async codeTaken(code: string, exceptActivityId?: string): Promise<boolean> {
    return this.tx.rows<ActivitySnapshot>(ACTIVITIES).some((s) => s.code === code && s.id !== exceptActivityId);
  }
}

const chargeKey = (activityId: string, reference: string) => `${activityId}\u0000${reference}`;

/** Budgets in memory: transactions are serialised, so checking then writing is atomic. */
export class MemoryActivityBudgets implements ActivityBudgets {
  constructor(private readonly tx: MemoryTransactionState) {}

  async spent(activityIds: readonly string[]): Promise<Map<string, Money>> {
    return new Map(activityIds.map((id) => [id, this.tx.read<BudgetRow>(BUDGETS, id)?.spent ?? Money.zero()]));
  }

  async charge(c: BudgetCharge): Promise<BudgetChargeResult> {
    const key = chargeKey(c.activityId, c.reference);
    const row = this.budgetOf(c.activityId);
    if (this.tx.read<ChargeRow>(CHARGES, key)) return { spent: row.spent, replayed: true };
    const r = chargeRejection(c.activityId, row.spent, c.amount, c.budget);
    if (r) throw toError(r);
    const spent = row.spent.add(c.amount);
    const budget: BudgetRow = { ...row, spent };
    const charge: ChargeRow = { id: key, activityId: c.activityId, reference: c.reference, amount: c.amount, released: false, at: c.at, version: 0 };
    this.tx.write(BUDGETS, budget);
    this.tx.write(CHARGES, charge);
    return { spent, replayed: false };
  }

  async release(activityId: string, reference: string): Promise<BudgetChargeResult> {
    const charge = this.tx.read<ChargeRow>(CHARGES, chargeKey(activityId, reference));
    const row = this.budgetOf(activityId);
    if (!charge || charge.released) return { spent: row.spent, replayed: true };
    const spent = row.spent.subtract(charge.amount);
    const budget: BudgetRow = { ...row, spent };
    const released: ChargeRow = { ...charge, released: true };
    this.tx.write(BUDGETS, budget);
    this.tx.write(CHARGES, released);
    return { spent, replayed: false };
  }

  private budgetOf(activityId: string): BudgetRow {
    return this.tx.read<BudgetRow>(BUDGETS, activityId) ?? { id: activityId, spent: Money.zero(), version: 0 };
  }
}

/** Groups in memory; an order is in one group at most, as PostgreSQL's unique index says. Saves record the group's events. */
export class MemoryGroupBuys implements GroupBuys {
  constructor(private readonly tx: MemoryTransactionState) {}

  async get(id: string): Promise<GroupBuy | null> {
    const s = this.tx.read<GroupBuySnapshot>(GROUPS, id);
    return s ? GroupBuy.restore(s) : null;
  }

  async save(group: GroupBuy): Promise<void> {
    const s = group.toSnapshot();
    const mine = new Set(s.members.map((m) => m.orderId));
    const taken = this.tx.rows<GroupBuySnapshot>(GROUPS).find((g) => g.id !== s.id && g.members.some((m) => mine.has(m.orderId)));
    if (taken) {
      const orderId = taken.members.find((m) => mine.has(m.orderId))!.orderId;
      throw DomainError.conflict(PROMOTION_ERROR.ORDER_IN_ANOTHER_GROUP, `order ${orderId} is in another group`, { orderId });
    }
    group.markSaved(this.tx.write(GROUPS, s));
    this.tx.record(group.pullEvents());
  }

  /** The aggregate's own rule, applied inside the serialised transaction; an accepted payment records its events. */
  async confirmPayment(groupId: string, orderId: string, at: Date): Promise<GroupPaymentResult> {
    const group = await this.get(groupId);
    if (!group) throw DomainError.notFound(PROMOTION_ERROR.GROUP_NOT_FOUND, `no group ${groupId}`, { groupId });
    const { replayed } = group.confirmPayment(orderId, at);
    if (!replayed) {
      group.markSaved(this.tx.write(GROUPS, group.toSnapshot()));
      this.tx.record(group.pullEvents());
    }
    return { group: group.toSnapshot(), replayed };
  }

  async dueToClose(now: Date, limit: number): Promise<GroupBuy[]> {
    return this.tx
      .rows<GroupBuySnapshot>(GROUPS)
      .filter((g) => !GROUP.finals.includes(g.status) && g.deadline.getTime() <= now.getTime())
      .sort((a, b) => a.deadline.getTime() - b.deadline.getTime() || cu(a.id, b.id))
      .slice(0, limit)
      .map((s) => GroupBuy.restore(s));
  }

  async ofActivity(activityId: string): Promise<GroupBuy[]> {
    return this.tx
      .rows<GroupBuySnapshot>(GROUPS)
      .filter((g) => g.activityId === activityId)
      .sort((a, b) => b.openedAt.getTime() - a.openedAt.getTime() || cu(b.id, a.id))
      .map((s) => GroupBuy.restore(s));
  }
}

/** Bargains in memory; one per member and activity, as PostgreSQL's unique constraint says. Saves record the bargain's events. */
export class MemoryBargains implements Bargains {
  constructor(private readonly tx: MemoryTransactionState) {}

  async get(id: string): Promise<Bargain | null> {
    const s = this.tx.read<BargainSnapshot>(BARGAINS, id);
    return s ? Bargain.restore(s) : null;
  }

  async save(bargain: Bargain): Promise<void> {
    const s = bargain.toSnapshot();
    if (this.tx.rows<BargainSnapshot>(BARGAINS).some((b) => b.id !== s.id && b.activityId === s.activityId && b.memberId === s.memberId)) {
      throw DomainError.conflict(PROMOTION_ERROR.BARGAIN_EXISTS, `member ${s.memberId} already bargains on activity ${s.activityId}`, {
        activityId: s.activityId,
      });
    }
    bargain.markSaved(this.tx.write(BARGAINS, s));
    this.tx.record(bargain.pullEvents());
  }

  async ofMember(activityId: string, memberId: string): Promise<Bargain | null> {
    const s = this.tx.rows<BargainSnapshot>(BARGAINS).find((b) => b.activityId === activityId && b.memberId === memberId);
    return s ? Bargain.restore(s) : null;
  }
}
