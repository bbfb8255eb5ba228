import type { Money } from '../shared/money.js';
import type { Activity } from './activity.js';
import type { Bargain } from './bargain.js';
import type { GroupBuy, GroupBuySnapshot } from './group-buy.js';

/**
 * Port: promotion activities (PRM-2), read like a collection. `save` is optimistic
 * (`CONCURRENCY.STALE_AGGREGATE` when the stored version moved; creating an id that exists is stale too).
 * Codes are unique: a save that raced past `codeTaken` is refused with `PROMOTION.DUPLICATE_CODE`.
 */
export interface Activities {
  get(id: string): Promise<Activity | null>;
  save(activity: Activity): Promise<void>;
  /** Every activity, newest first (by creation time, then id). */
  all(): Promise<Activity[]>;
  /** Those with a live (published) version and not voided: the candidates of `activeAt(now)`. */
  published(): Promise<Activity[]>;
  codeTaken(code: string, exceptActivityId?: string): Promise<boolean>;
}

/** One charge on an activity's budget, keyed by a business reference (an order, a refund …). */
export interface BudgetCharge {
  readonly activityId: string;
  /** Replaying a reference changes nothing and returns the first charge. */
  readonly reference: string;
  /** Positive, whole cents. */
  readonly amount: Money;
  /** The budget of the live version: the charge is refused when spent + amount would exceed it; null: no limit. */
  readonly budget: Money | null;
  readonly at: Date;
}

export interface BudgetChargeResult {
  readonly spent: Money;
  readonly replayed: boolean;
}

/**
 * Port: what each activity has given away, a counter changed by guarded atomic updates only
 * (`spent + n <= budget`, decision 0010), never by a value computed in JavaScript and saved later.
 */
export interface ActivityBudgets {
  /** Spent per activity (zero when nothing was charged). */
  spent(activityIds: readonly string[]): Promise<Map<string, Money>>;
  /** `PROMOTION.BUDGET_EXHAUSTED` (nothing written) when the charge does not fit. */
  charge(c: BudgetCharge): Promise<BudgetChargeResult>;
  /** Gives a charge back (a refund); releasing twice, or what was never charged, changes nothing. */
  release(activityId: string, reference: string): Promise<BudgetChargeResult>;
}

export interface GroupPaymentResult {
  readonly group: GroupBuySnapshot;
  readonly replayed: boolean;
}

/**
 * Port: group-buy groups (拼团). `save` is optimistic and inserts members added since the load; an order
 * is in one group at most (`PROMOTION.ORDER_IN_ANOTHER_GROUP`). `confirmPayment` is the capacity guard:
 * it applies `paymentRejection` / `afterPayment` atomically — PostgreSQL by one guarded UPDATE
 * (`paid = paid + 1 … where paid < size`) — so concurrent payments never over-fill a group.
 */
export interface GroupBuys {
  get(id: string): Promise<GroupBuy | null>;
  save(group: GroupBuy): Promise<void>;
  confirmPayment(groupId: string, orderId: string, at: Date): Promise<GroupPaymentResult>;
  /** Groups still forming (pending or open) whose deadline is at or before `now`, earliest first. */
  dueToClose(now: Date, limit: number): Promise<GroupBuy[]>;
  /** The groups of an activity, newest first. */
  ofActivity(activityId: string): Promise<GroupBuy[]>;
}

/** Port: bargains (砍价); optimistic saves; one bargain per member and activity. */
export interface Bargains {
  get(id: string): Promise<Bargain | null>;
  save(bargain: Bargain): Promise<void>;
  ofMember(activityId: string, memberId: string): Promise<Bargain | null>;
}

/** The promotion repositories of a transaction. */
export interface PromotionRepositories {
  readonly activities: Activities;
  readonly activityBudgets: ActivityBudgets;
  readonly groupBuys: GroupBuys;
  readonly bargains: Bargains;
}
