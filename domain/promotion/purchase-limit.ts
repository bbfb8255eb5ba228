import { PROMOTION_ERROR, rejectionOf, type PromotionRejection } from './errors.js';

export const LIMIT_PERIODS = ['activity', 'day', 'week', 'month'] as const;
/**
 * 限购 period: the per-member limit counts over the whole activity, or afresh every calendar day, week
 * (ISO, Monday first) or month — in China Standard Time (UTC+08:00, no daylight saving), the business's
 * calendar.
 */
export type LimitPeriod = (typeof LIMIT_PERIODS)[number];

const CST_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * The key of the period `at` falls in: `activity`, `2026-11-22` (day), `2026-W47` (ISO week), `2026-11`
 * (month). Two moments share a counter exactly when they share the key.
 */
export function periodKey(period: LimitPeriod, at: Date): string {
  if (period === 'activity') return 'activity';
  const local = new Date(at.getTime() + CST_OFFSET_MS); // read with the UTC getters: the wall clock in Beijing
  const [y, m, d] = [local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate()];
  if (period === 'day') return `${y}-${pad(m)}-${pad(d)}`;
  if (period === 'month') return `${y}-${pad(m)}`;
  // ISO week: the week belongs to the year of its Thursday.
  const weekday = (local.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const thursday = new Date(Date.UTC(y, m - 1, d) - weekday * DAY_MS + 3 * DAY_MS);
  const isoYear = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(isoYear, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${isoYear}-W${pad(week)}`;
}

/** What a member may still take: null without a limit; never below 0 (a lowered limit can leave used above it). */
export function remainingOf(limit: number | null, used: number): number | null {
  return limit === null ? null : Math.max(0, limit - used);
}

/**
 * The limit rule (限购): taking `quantity` more fits when used + quantity stays within the limit (no limit:
 * always). The memory adapter applies it in its serialised transaction; PostgreSQL states it as the guard
 * of one statement and explains a refusal with it.
 */
export function purchaseLimitRejection(
  c: { readonly activityId: string; readonly memberId: string; readonly period: string; readonly quantity: number; readonly limit: number | null },
  used: number,
): PromotionRejection | null {
  if (c.limit === null || used + c.quantity <= c.limit) return null;
  const remaining = remainingOf(c.limit, used)!;
  return rejectionOf(
    PROMOTION_ERROR.PURCHASE_LIMIT_REACHED,
    `member ${c.memberId} may take ${remaining} more under activity ${c.activityId} (limit ${c.limit}), not ${c.quantity}`,
    { activityId: c.activityId, memberId: c.memberId, period: c.period, limit: c.limit, used, remaining, requested: c.quantity },
  );
}
