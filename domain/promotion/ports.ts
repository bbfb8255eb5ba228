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

/** 限购: taking units (or an order's participation) under an activity's per-member limit, keyed by a business reference. */
export interface PurchaseLimitConsumption {
  readonly activityId: string;
  readonly memberId: string;
  /** The order (or its line): replaying a reference changes nothing and returns the first. */
  readonly reference: string;
  /** Whole, ≥ 1. */
  readonly quantity: number;
  /** The live version's per-member limit: refused when used + quantity would exceed it; null: only counted. */
  readonly limit: number | null;
  /** The period key (`periodKey`): the counter this consumption moves. */
  readonly period: string;
  readonly at: Date;
}

export interface PurchaseLimitResult {
  readonly activityId: string;
  readonly memberId: string;
  readonly period: string;
  /** What the member has taken in the period after this call. */
  readonly used: number;
  /** The quantity this reference holds (0 once released, or when it never consumed). */
  readonly quantity: number;
  readonly replayed: boolean;
}

/**
 * Port: what each member has taken under each activity per period (限购), a counter changed by guarded
 * atomic updates only (`used + n <= limit`, decision 0010), never by a value computed in JavaScript and
 * saved later.
 */
export interface PurchaseLimits {
  /** Used per activity for one member, each in its given period (0 when nothing was taken). */
  used(memberId: string, periods: readonly { readonly activityId: string; readonly period: string }[]): Promise<Map<string, number>>;
  /** `PROMOTION.PURCHASE_LIMIT_REACHED` (nothing written) when the quantity does not fit. */
  consume(c: PurchaseLimitConsumption): Promise<PurchaseLimitResult>;
  /** Gives a consumption back to its period (the order was cancelled); releasing twice, or what was never taken, changes nothing. */
  release(activityId: string, reference: string): Promise<PurchaseLimitResult | null>;
}
