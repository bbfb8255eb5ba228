import { sumCents, type Cents } from './amounts.js';
import { applyActivities, type ActivityOutcome } from './activity-plan.js';
import { prepareContext, type PricingContext, type PricingInput } from './context.js';
import { assemble, type Score } from './assemble.js';
import { applyCoupons, bestCoupons, viewCoupons, type CouponChoice, type CouponView } from './coupon-plan.js';
import { PRICING_ERROR, pricingError } from './errors.js';
import type { PlanScore, PricingPlan, PricingResult } from './result.js';

/**
 * Prices an order (issue #4, PRM-3, PRM-4). The calculation order is fixed:
 *
 * 1. item price: quantity × normal unit price;
 * 2. per-line price activities (single-item, flash-sale, group-buy): the lowest, never above normal (PRM-1);
 * 3. set-level activities, by family: group (multi-buy, bundle) → reduction (full-reduction,
 *    full-discount) → add-on → gift, each on the amounts the previous family left;
 * 4. coupons: thresholds and discount bases on the scope's lines after step 3; platform coupon, then
 *    shop coupons;
 * 5. points, up to a share of what step 4 left;
 * 6. freight, less a shipping coupon.
 *
 * Rounding happens at one step: a discount that a rate produces is rounded half-up to the cent once,
 * when it is fixed (`roundedDiscount`); every share of it comes from `allocate` and sums exactly to it.
 *
 * The plan (which exclusive activity, if any, and which coupons) is the best for the shopper among the
 * allowed ones (PRM-4): lowest payable before points, then more gift activities, then fewer discounts,
 * then the higher sum of priorities, then the smaller sorted id list (the plan's exclusive activity always in it). Search: the shared stack and each
 * exclusive activity (1 + E activity plans), each with its exact best coupon combination (`bestCoupons`).
 */
export function priceOrder(input: PricingInput): PricingResult {
  const ctx = prepareContext(input);
  let best: { act: ActivityOutcome; views: readonly CouponView[]; choice: CouponChoice; score: Score } | null = null;
  for (const exclusive of [null, ...ctx.exclusives]) {
    const act = applyActivities(ctx, exclusive);
    const views = viewCoupons(ctx, act);
    const choice = bestCoupons(ctx, act, views);
    // Ranked on the search's own figures; the coupons are allocated for the winner only.
    const score = scoreOf(ctx, act, choice.deduction, choice.indexes);
    if (best === null || compareScore(score, best.score) < 0) best = { act, views, choice, score };
  }
  const { act, views, choice, score } = best!;
  return assemble(ctx, { act, views, cpn: applyCoupons(ctx, act, views, choice.indexes), score });
}

/**
 * Prices the order under a given plan, without searching: the reference for tests and for explaining a
 * price. A plan outside the allowed combinations is `PRICING.PLAN_NOT_ALLOWED`.
 */
export function evaluatePlan(input: PricingInput, plan: PricingPlan): PricingResult {
  const ctx = prepareContext(input);
  let exclusive: number | null = null;
  if (plan.exclusiveActivityId !== null) {
    exclusive = ctx.setActivities.findIndex((a) => a.id === plan.exclusiveActivityId);
    if (!ctx.exclusives.includes(exclusive)) {
      throw pricingError(PRICING_ERROR.PLAN_NOT_ALLOWED, 'NOT_AN_EXCLUSIVE_ACTIVITY', 'the plan names no live exclusive activity covering a line', {
        activityId: plan.exclusiveActivityId,
      });
    }
  }
  const indexes = plan.couponIds.map((id) => {
    const i = ctx.coupons.findIndex((c) => c.id === id);
    if (i < 0) throw pricingError(PRICING_ERROR.PLAN_NOT_ALLOWED, 'UNKNOWN_COUPON', `no coupon ${JSON.stringify(id)}`, { couponId: id });
    return i;
  });
  if (new Set(indexes).size !== indexes.length) {
    throw pricingError(PRICING_ERROR.PLAN_NOT_ALLOWED, 'DUPLICATE_COUPON', 'a coupon is named twice', { couponIds: plan.couponIds });
  }
  const act = applyActivities(ctx, exclusive);
  const views = viewCoupons(ctx, act);
  const cpn = applyCoupons(ctx, act, views, indexes);
  return assemble(ctx, {
    act,
    views,
    cpn,
    score: scoreOf(
      ctx,
      act,
      cpn.goodsDeduction + cpn.freightDeduction,
      cpn.used.map((u) => u.index),
    ),
  });
}

function scoreOf(ctx: PricingContext, act: ActivityOutcome, couponDeduction: Cents, coupons: readonly number[]): Score {
  const applied = act.effects.filter((e) => e.applied);
  // The plan's exclusive activity is in the id list even when it gave nothing (its threshold unmet): two
  // plans that differ only by which exclusive activity they name are then never tied, so the choice
  // between them does not depend on the order the search tries them in.
  const named = act.exclusive === null ? [] : [ctx.setActivities[act.exclusive]!];
  const activities = [...new Set([...applied.map((e) => e.activity), ...named])];
  return {
    payable: sumCents(act.amounts) + ctx.freight - couponDeduction,
    gifts: applied.filter((e) => e.activity.kind === 'gift').length,
    discounts: applied.filter((e) => e.discount > 0n).length + coupons.length,
    prioritySum: applied.reduce((s, e) => s + e.activity.priority, 0) + coupons.reduce((s, i) => s + ctx.coupons[i]!.priority, 0),
    ids: [...activities.map((a) => `activity:${a.id}`), ...coupons.map((i) => `coupon:${ctx.coupons[i]!.id}`)].sort(),
  };
}

function compareScore(a: Score, b: Score): number {
  if (a.payable !== b.payable) return a.payable < b.payable ? -1 : 1;
  if (a.gifts !== b.gifts) return b.gifts - a.gifts;
  if (a.discounts !== b.discounts) return a.discounts - b.discounts;
  if (a.prioritySum !== b.prioritySum) return b.prioritySum - a.prioritySum;
  const n = Math.min(a.ids.length, b.ids.length);
  for (let k = 0; k < n; k++) if (a.ids[k] !== b.ids[k]) return a.ids[k]! < b.ids[k]! ? -1 : 1;
  return a.ids.length - b.ids.length;
}

/** PRM-4 ranking of two plans: negative when `a` is better for the shopper. */
export function comparePlanScores(a: PlanScore, b: PlanScore): number {
  return compareScore({ ...a, payable: a.payableBeforePoints.toMinor() }, { ...b, payable: b.payableBeforePoints.toMinor() });
}
