import type { Activity } from '../../domain/promotion/activity.js';
import type { ActivityDefinition } from '../../domain/promotion/definition.js';
import { PROMOTION_ERROR } from '../../domain/promotion/errors.js';
import type { PurchaseLimitResult } from '../../domain/promotion/ports.js';
import { periodKey, remainingOf, type LimitPeriod } from '../../domain/promotion/purchase-limit.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { isWholeIn } from '../../domain/shared/integers.js';
import { MAX_QUANTITY } from '../../domain/shared/quantity.js';
import type { Transaction } from '../shared/unit-of-work.js';
import { requireActivity } from './lookups.js';
import { PROMOTION_STORE } from './store.js';

/** A member's standing under an activity's purchase limit (限购) now. */
export interface PurchaseAllowance {
  readonly activityId: string;
  readonly memberId: string;
  /** The live version's per-member limit; null: none. */
  readonly limit: number | null;
  readonly limitPeriod: LimitPeriod;
  /** The period key the counter runs in now (`activity`, `2026-11-22`, `2026-W47`, `2026-11`). */
  readonly period: string;
  readonly used: number;
  /** What the member may still take in this period; null without a limit. */
  readonly remaining: number | null;
}

export interface PurchaseLimitOutcome extends PurchaseLimitResult {
  readonly limit: number | null;
  readonly remaining: number | null;
}

export interface ConsumePurchaseLimitCommand {
  readonly activityId: string;
  readonly memberId: string;
  /** The order: consuming again under the same reference changes nothing. */
  readonly reference: string;
  /** Units (price activities, presales) or 1 (one participation of a set-level activity). */
  readonly quantity: number;
}

/** The live version's definition of an activity serving at `now` (`PROMOTION.NOT_ACTIVE` otherwise). */
export function servingDefinition(a: Activity, now: Date): ActivityDefinition {
  const live = a.liveAt(now);
  if (!live) throw DomainError.conflict(PROMOTION_ERROR.NOT_ACTIVE, `activity ${a.id} is not serving now`, { activityId: a.id, status: a.timeStatusAt(now) });
  return live.definition;
}

/** The allowances of one member under the given activities at `now`, read in one go (the price's input). */
export async function allowancesOf(tx: Transaction, activities: readonly Activity[], memberId: string, now: Date): Promise<PurchaseAllowance[]> {
  const limited = activities.flatMap((a) => {
    const d = a.liveAt(now)?.definition;
    return d && d.perMemberLimit !== null ? [{ a, d, period: periodKey(d.limitPeriod, now) }] : [];
  });
  if (limited.length === 0) return [];
  const used = await tx.use(PROMOTION_STORE).purchaseLimits.used(
    memberId,
    limited.map((x) => ({ activityId: x.a.id, period: x.period })),
  );
  return limited.map(({ a, d, period }) => {
    const u = used.get(a.id) ?? 0;
    return { activityId: a.id, memberId, limit: d.perMemberLimit, limitPeriod: d.limitPeriod, period, used: u, remaining: remainingOf(d.perMemberLimit, u) };
  });
}

/**
 * Published (placing an order consumes with everything else it writes, in its own transaction): 限购, an
 * order takes `quantity` units (price activities, presales) or one participation (set-level activities)
 * under an activity's per-member limit, in the period of `now`. One guarded update (`used + n <= limit`),
 * so concurrent orders of one member never pass the limit; idempotent per reference (the order). Refused
 * with `PROMOTION.PURCHASE_LIMIT_REACHED` and the figures; the activity must be serving
 * (`PROMOTION.NOT_ACTIVE`); without a limit the units are only counted.
 */
export async function consumePurchaseLimit(tx: Transaction, cmd: ConsumePurchaseLimitCommand, now: Date): Promise<PurchaseLimitOutcome> {
  if (!isWholeIn(cmd.quantity, 1, MAX_QUANTITY)) {
    throw DomainError.invalid(PROMOTION_ERROR.INVALID_QUANTITY, `a quantity is a whole number from 1 to ${MAX_QUANTITY}`, {
      field: 'quantity',
      reason: 'NOT_A_WHOLE_QUANTITY',
    });
  }
  const a = await requireActivity(tx, cmd.activityId);
  const d = servingDefinition(a, now);
  const r = await tx.use(PROMOTION_STORE).purchaseLimits.consume({
    activityId: a.id,
    memberId: cmd.memberId,
    reference: cmd.reference,
    quantity: cmd.quantity,
    limit: d.perMemberLimit,
    period: periodKey(d.limitPeriod, now),
    at: now,
  });
  return { ...r, limit: d.perMemberLimit, remaining: remainingOf(d.perMemberLimit, r.used) };
}

/**
 * Published (an order cancelled before payment, or ended by refunds): gives what `reference` consumed under
 * each activity back to the period it was taken in. Releasing again, or what was never consumed, changes nothing.
 */
export async function releasePurchaseLimits(tx: Transaction, activityIds: readonly string[], reference: string): Promise<void> {
  const limits = tx.use(PROMOTION_STORE).purchaseLimits;
  for (const activityId of activityIds) await limits.release(activityId, reference);
}
