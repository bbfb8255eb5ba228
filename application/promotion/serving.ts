import type { Activity as PricingActivity, PurchaseLimitInput } from '../../domain/pricing/index.js';
import type { Activity } from '../../domain/promotion/activity.js';
import { Money } from '../../domain/shared/money.js';
import type { Transaction } from '../shared/unit-of-work.js';
import { spentOf } from './lookups.js';
import { allowancesOf, type PurchaseAllowance } from './purchase-limits.js';
import { PROMOTION_STORE } from './store.js';

/** The activities serving at `now`: published, inside the window, not voided, budget not used up. */
export async function liveActivities(tx: Transaction, now: Date): Promise<Activity[]> {
  const live = (await tx.use(PROMOTION_STORE).activities.published()).filter((a) => a.liveAt(now) !== null);
  const spent = await spentOf(tx, live);
  return live.filter((a) => {
    const budget = a.live!.definition.budget;
    return budget === null || (spent.get(a.id) ?? Money.zero()).lessThan(budget);
  });
}

/** What the pricing engine takes of the serving activities: their live versions' rules; group-buy prices apply only inside a group. */
function pricingInputs(serving: readonly Activity[], now: Date): PricingActivity[] {
  return serving.map((a) => a.activeAt(now)).filter((a): a is PricingActivity => a !== null && a.kind !== 'group_buy');
}

/**
 * Published (the cart prices its lines with it, in its own transaction): the pricing engine's input of
 * every activity serving at `now` — group-buy prices left out (they apply only inside a group), bargains
 * and presales have no pricing rule.
 */
export async function servingActivities(tx: Transaction, now: Date): Promise<PricingActivity[]> {
  return pricingInputs(await liveActivities(tx, now), now);
}

/** What promotion gives the pricing engine for one member at one moment. */
export interface PromotionsForPricing {
  /** The serving activities' rules (`servingActivities`). */
  readonly activities: PricingActivity[];
  /** 限购: what the member may still take under each limited activity among `activities`. */
  readonly purchaseLimits: PurchaseLimitInput[];
  /** The member's standing under every serving activity with a per-member limit (none without a member). */
  readonly allowances: PurchaseAllowance[];
}

/**
 * Published (checkout prices with it, in its own transaction; the price preview too): the activities
 * serving at `now` and, for a known member, their purchase allowances read in the same transaction, so
 * an activity price covers no more units than the member has left (PRM-3, 限购).
 */
export async function promotionsForPricing(tx: Transaction, now: Date, memberId: string | undefined): Promise<PromotionsForPricing> {
  const serving = await liveActivities(tx, now);
  const activities = pricingInputs(serving, now);
  const allowances = memberId === undefined ? [] : await allowancesOf(tx, serving, memberId, now);
  const priced = new Set(activities.map((a) => a.id));
  const purchaseLimits = allowances.flatMap((x) =>
    x.remaining !== null && priced.has(x.activityId) ? [{ activityId: x.activityId, remaining: x.remaining }] : [],
  );
  return { activities, purchaseLimits, allowances };
}
