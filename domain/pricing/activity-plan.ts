import { SET_FAMILIES } from './activity.js';
import type { Cents } from './amounts.js';
import type { PricingContext } from './context.js';
import { runActivity, type ActivityEffect } from './set-activities.js';

/** PRM-3 steps 1–3 under one activity plan: the shared stack alone, or one exclusive activity with it. */
export interface ActivityOutcome {
  /** Index (in `ctx.setActivities`) of the exclusive activity of the plan, or null. */
  readonly exclusive: number | null;
  /** Per line (canonical order): the amount after set-level activities. */
  readonly amounts: readonly Cents[];
  /** Per line: the set-level shares it carries (effect index in `effects`, amount). */
  readonly lineShares: readonly (readonly { readonly effect: number; readonly amount: Cents }[])[];
  /** Every set-level activity that had lines, in the order they ran. */
  readonly effects: readonly ActivityEffect[];
}

/**
 * Runs the set-level families in PRM-3 order (group → reduction → add-on → gift) under a plan.
 *
 * Combination rule (PRM-4), as the engine implements it:
 * - in the shared stack each line takes, per family, the covering shared activity of highest priority
 *   (ties → smaller id) — `ctx.sharedMembers`; activities of different families stack on a line;
 * - an exclusive activity takes every line it covers and those lines take no other set-level activity;
 *   the rest of the order keeps the shared stack (minus the exclusive activity's lines);
 * - at most one exclusive set-level activity per order.
 * Each activity takes all its lines or none: it is never split to reach a threshold.
 */
export function applyActivities(ctx: PricingContext, exclusive: number | null): ActivityOutcome {
  const amounts = ctx.itemPrices.map((p) => p.amount);
  const lineShares: { effect: number; amount: Cents }[][] = ctx.lines.map(() => []);
  const effects: ActivityEffect[] = [];
  const excluded = new Uint8Array(ctx.lines.length);
  if (exclusive !== null) for (const li of ctx.eligible[exclusive]!) excluded[li] = 1;

  for (const family of SET_FAMILIES) {
    ctx.setActivities.forEach((a, index) => {
      if (a.family !== family) return;
      const members = index === exclusive ? ctx.eligible[index]! : a.exclusive ? [] : ctx.sharedMembers[index]!.filter((li) => excluded[li] === 0);
      if (members.length === 0) return;
      // Plans differ only around their exclusive activity: an activity meeting the same lines at the same
      // amounts does the same, so its effect is reused.
      const key = `${index}|${members.join(',')}|${members.map((li) => amounts[li]).join(',')}`;
      let effect = ctx.effects.get(key);
      if (!effect) {
        effect = runActivity(ctx, index, members, amounts);
        ctx.effects.set(key, effect);
      }
      const e = effects.push(effect) - 1;
      effect.members.forEach((li, k) => {
        const share = effect.shares[k]!;
        if (share === 0n) return;
        amounts[li] = amounts[li]! - share;
        lineShares[li]!.push({ effect: e, amount: share });
      });
    });
  }
  return { exclusive, amounts, lineShares, effects };
}
