import type { Activity } from '../../domain/promotion/activity.js';
import { PROMOTION_ERROR } from '../../domain/promotion/errors.js';
import type { PurchaseLimitResult } from '../../domain/promotion/ports.js';
import { periodKey, remainingOf, type LimitPeriod } from '../../domain/promotion/purchase-limit.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { isWholeIn } from '../../domain/shared/integers.js';
import { MAX_QUANTITY } from '../../domain/shared/quantity.js';
import type { Clock } from '../../domain/shared/ports.js';
import type { Transaction, UnitOfWork } from '../shared/unit-of-work.js';
import { requireActivity } from './lookups.js';

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

function serving(a: Activity, now: Date) {
  const live = a.liveAt(now);
  if (!live) throw DomainError.conflict(PROMOTION_ERROR.NOT_ACTIVE, `activity ${a.id} is not serving now`, { activityId: a.id, status: a.timeStatusAt(now) });
  return live.definition;
}

/** The allowances of one member under the given activities at `now`, read in one go (the price preview's input). */
export async function allowancesOf(tx: Transaction, activities: readonly Activity[], memberId: string, now: Date): Promise<PurchaseAllowance[]> {
  const limited = activities.flatMap((a) => {
    const d = a.liveAt(now)?.definition;
    return d && d.perMemberLimit !== null ? [{ a, d, period: periodKey(d.limitPeriod, now) }] : [];
  });
  if (limited.length === 0) return [];
  const used = await tx.purchaseLimits.used(memberId, limited.map((x) => ({ activityId: x.a.id, period: x.period })));
  return limited.map(({ a, d, period }) => {
    const u = used.get(a.id) ?? 0;
    return { activityId: a.id, memberId, limit: d.perMemberLimit, limitPeriod: d.limitPeriod, period, used: u, remaining: remainingOf(d.perMemberLimit, u) };
  });
}

/**
 * 限购: an order takes `quantity` units (price activities, presales) or one participation (set-level
 * activities) under an activity's per-member limit, in the period of now. One guarded update
 * (`used + n <= limit`), so concurrent orders of one member never pass the limit; idempotent per
 * reference (the order). Refused with `PROMOTION.PURCHASE_LIMIT_REACHED` and the figures. Called by order
 * placement (#6). The activity must be serving; without a limit the units are only counted.
 */
export class ConsumePurchaseLimit {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  execute(cmd: { readonly activityId: string; readonly memberId: string; readonly reference: string; readonly quantity: number }): Promise<PurchaseLimitOutcome> {
    return this.uow.run((tx) => consumePurchaseLimit(tx, cmd, this.clock.now()));
  }
}

/** `ConsumePurchaseLimit` inside the caller's transaction (placing an order consumes with everything else it writes). */
export async function consumePurchaseLimit(
  tx: Transaction,
  cmd: { readonly activityId: string; readonly memberId: string; readonly reference: string; readonly quantity: number },
  now: Date,
): Promise<PurchaseLimitOutcome> {
  if (!isWholeIn(cmd.quantity, 1, MAX_QUANTITY)) {
    throw DomainError.invalid(PROMOTION_ERROR.INVALID_QUANTITY, `a quantity is a whole number from 1 to ${MAX_QUANTITY}`, { field: 'quantity', reason: 'NOT_A_WHOLE_QUANTITY' });
  }
  const a = await requireActivity(tx, cmd.activityId);
  const d = serving(a, now);
  const r = await tx.purchaseLimits.consume({
    activityId: a.id, memberId: cmd.memberId, reference: cmd.reference, quantity: cmd.quantity, limit: d.perMemberLimit, period: periodKey(d.limitPeriod, now), at: now,
  });
  return { ...r, limit: d.perMemberLimit, remaining: remainingOf(d.perMemberLimit, r.used) };
}

/** Gives an order's consumption back (cancelled before payment, or refunded); a second release changes nothing. */
export class ReleasePurchaseLimit {
  constructor(private readonly uow: UnitOfWork) {}

  execute(cmd: { readonly activityId: string; readonly reference: string }): Promise<PurchaseLimitResult | null> {
    return this.uow.run(async (tx) => {
      await requireActivity(tx, cmd.activityId);
      return tx.purchaseLimits.release(cmd.activityId, cmd.reference);
    });
  }
}

/** What a member may still buy under an activity now (限购: the product page's "you may buy N more"). */
export class GetPurchaseAllowance {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  execute(cmd: { readonly activityId: string; readonly memberId: string }): Promise<PurchaseAllowance> {
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
      const a = await requireActivity(tx, cmd.activityId);
      const d = serving(a, now);
      const [found] = await allowancesOf(tx, [a], cmd.memberId, now);
      return found ?? { activityId: a.id, memberId: cmd.memberId, limit: null, limitPeriod: d.limitPeriod, period: periodKey(d.limitPeriod, now), used: 0, remaining: null };
    });
  }
}
