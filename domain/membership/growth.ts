import { Dec, toDec } from '../shared/decimal.js';
import type { DomainError } from '../shared/domain-error.js';
import { MEMBERSHIP_ERRORS } from './errors.js';
import type { Money } from '../shared/money.js';

export const GROWTH_SOURCES = ['login', 'order', 'order_rollback', 'review', 'review_rollback', 'show_order', 'show_order_rollback', 'manual'] as const;
export type GrowthSource = (typeof GROWTH_SOURCES)[number];

/**
 * The growth rule table (成长值, JD-style behaviour model, spec §12): configurable by staff.
 * - first manual login of the day → `dailyLogin`;
 * - completed order → settled amount × `orderFactor` (加速系数), rounded down to a whole value;
 * - approved review of an item priced `qualifyingPrice` or more, not virtual → `review`;
 * - an approved show-order post (晒单) among the first `showOrderFirst` of such an item → `showOrder`.
 */
export interface GrowthRules {
  readonly dailyLogin: number;
  readonly orderFactor: string;
  readonly review: number;
  readonly showOrder: number;
  readonly showOrderFirst: number;
  readonly qualifyingPrice: string;
}

export const DEFAULT_GROWTH_RULES: GrowthRules = {
  dailyLogin: 5,
  orderFactor: '1',
  review: 20,
  showOrder: 20,
  showOrderFirst: 10,
  qualifyingPrice: '20.00',
};

const whole = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const decimalText = (v: unknown, places: number) => typeof v === 'string' && new RegExp(`^\\d{1,9}(\\.\\d{1,${places}})?$`).test(v);

export function invalidRule(field: string, reason: string): DomainError {
  return MEMBERSHIP_ERRORS.raise('INVALID_RULE', `${field}: ${reason}`, { field });
}

/** A rule table is whole, non-negative grants and a non-negative factor (a negative factor is refused). */
export function checkGrowthRules(r: GrowthRules): GrowthRules {
  for (const f of ['dailyLogin', 'review', 'showOrder', 'showOrderFirst'] as const) {
    if (!whole(r[f])) throw invalidRule(f, 'a whole number from 0');
  }
  if (!decimalText(r.orderFactor, 4)) throw invalidRule('orderFactor', 'a non-negative decimal with at most 4 places, such as "1.5"');
  if (toDec(r.orderFactor).greaterThan(100)) throw invalidRule('orderFactor', 'at most 100');
  if (!decimalText(r.qualifyingPrice, 2)) throw invalidRule('qualifyingPrice', 'a non-negative amount such as "20.00"');
  return {
    dailyLogin: r.dailyLogin,
    orderFactor: r.orderFactor,
    review: r.review,
    showOrder: r.showOrder,
    showOrderFirst: r.showOrderFirst,
    qualifyingPrice: r.qualifyingPrice,
  };
}

/** Growth of a completed order: ⌊settled × factor⌋ (never negative). */
export function orderGrowth(settled: Money, factor: string): number {
  const g = settled.amount.times(toDec(factor)).floor();
  return g.isNegative() ? 0 : g.toNumber();
}

export interface ReviewedItem {
  readonly price: Money;
  readonly virtual: boolean;
}

/** Whether an item earns review and show-order growth: priced at least the qualifying price and not virtual. */
export function qualifies(rules: GrowthRules, item: ReviewedItem): boolean {
  return !item.virtual && item.price.amount.greaterThanOrEqualTo(new Dec(rules.qualifyingPrice));
}

/**
 * MBR-1: what a rollback takes back — what the source granted minus what earlier rollbacks of it took,
 * and (applied clamped) never more than the balance, so growth never goes below zero.
 */
export function rollbackOf(granted: number, alreadyRolledBack: number, stillDue = 0): number {
  return Math.max(0, granted - alreadyRolledBack - stillDue);
}
