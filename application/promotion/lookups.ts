import type { Activity, ActivitySnapshot } from '../../domain/promotion/activity.js';
import type { Bargain, BargainSnapshot } from '../../domain/promotion/bargain.js';
import { PROMOTION_ERROR } from '../../domain/promotion/errors.js';
import type { GroupBuy } from '../../domain/promotion/group-buy.js';
import { OPEN_STATUSES, type ReviewStatus, type TimeStatus } from '../../domain/promotion/review.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { Money } from '../../domain/shared/money.js';
import type { Transaction } from '../shared/unit-of-work.js';
import { PROMOTION_STORE } from './store.js';

export async function requireActivity(tx: Transaction, id: string): Promise<Activity> {
  const a = await tx.use(PROMOTION_STORE).activities.get(id);
  if (!a) throw DomainError.notFound(PROMOTION_ERROR.ACTIVITY_NOT_FOUND, `no activity ${id}`, { activityId: id });
  return a;
}

export async function requireGroup(tx: Transaction, id: string): Promise<GroupBuy> {
  const g = await tx.use(PROMOTION_STORE).groupBuys.get(id);
  if (!g) throw DomainError.notFound(PROMOTION_ERROR.GROUP_NOT_FOUND, `no group ${id}`, { groupId: id });
  return g;
}

export async function requireBargain(tx: Transaction, id: string): Promise<Bargain> {
  const b = await tx.use(PROMOTION_STORE).bargains.get(id);
  if (!b) throw DomainError.notFound(PROMOTION_ERROR.BARGAIN_NOT_FOUND, `no bargain ${id}`, { bargainId: id });
  return b;
}

/** Codes are generated from ids, so a clash means a reused id; the adapters back this with a constraint. */
export async function checkCodeFree(tx: Transaction, activity: Activity): Promise<void> {
  if (await tx.use(PROMOTION_STORE).activities.codeTaken(activity.code, activity.id)) {
    throw DomainError.conflict(PROMOTION_ERROR.DUPLICATE_CODE, `activity code ${activity.code} is taken`, { code: activity.code });
  }
}

/** An activity as staff see it: the stored activity, its PRM-2 status now, its review status, and what it has spent. */
export interface ActivityView extends ActivitySnapshot {
  /** Not started / active / ended / voided, at the moment of the answer. */
  readonly status: TimeStatus;
  /** The review status of the newest version. */
  readonly reviewStatus: ReviewStatus;
  /** Whether a draft or a version under review is waiting beside the live one. */
  readonly hasOpenVersion: boolean;
  readonly budgetSpent: Money;
}

/** What each activity has spent of its budget (zero when nothing was charged); no query for none. */
export async function spentOf(tx: Transaction, activities: readonly Activity[]): Promise<Map<string, Money>> {
  return activities.length === 0 ? new Map<string, Money>() : tx.use(PROMOTION_STORE).activityBudgets.spent(activities.map((a) => a.id));
}

export async function viewsOf(tx: Transaction, activities: readonly Activity[], now: Date): Promise<ActivityView[]> {
  const spent = await spentOf(tx, activities);
  return activities.map((a) => ({
    ...a.toSnapshot(),
    status: a.timeStatusAt(now),
    reviewStatus: a.latest.status,
    hasOpenVersion: OPEN_STATUSES.includes(a.latest.status),
    budgetSpent: spent.get(a.id) ?? Money.zero(),
  }));
}

export async function viewOf(tx: Transaction, a: Activity, now: Date): Promise<ActivityView> {
  return (await viewsOf(tx, [a], now))[0]!;
}

/** An approved version may not have a budget below what the activity has already given away. */
export async function checkBudgetCovers(tx: Transaction, activity: Activity, budget: Money | null): Promise<void> {
  if (budget === null) return;
  const spent = (await spentOf(tx, [activity])).get(activity.id) ?? Money.zero();
  if (budget.lessThan(spent)) {
    throw DomainError.invalid(PROMOTION_ERROR.INVALID_BUDGET, `the budget ${budget.toString()} is below the ${spent.toString()} already spent`, {
      field: 'budget',
      reason: 'BELOW_SPENT',
      spent: spent.toString(),
    });
  }
}

/** A bargain as its member sees it, with the price the helpers have cut it to. */
export interface BargainView extends BargainSnapshot {
  readonly currentPrice: Money;
}

export const bargainView = (b: Bargain): BargainView => ({ ...b.toSnapshot(), currentPrice: b.currentPrice });
