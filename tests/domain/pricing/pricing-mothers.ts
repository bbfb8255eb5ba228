/**
 * Builders for pricing inputs: a line, a coupon and an order with defaults that the tests override only
 * where the rule under test cares. Amounts are strings ("19.90"), as callers write them.
 */
import type { Activity } from '../../../domain/pricing/activity.js';
import type { PricingInput } from '../../../domain/pricing/context.js';
import type { MemberCoupon } from '../../../domain/pricing/coupon.js';
import type { PricingLineInput } from '../../../domain/pricing/line.js';
import type { PricingResult } from '../../../domain/pricing/result.js';

export const NOW = new Date('2025-06-18T12:00:00.000Z');
export const BEFORE = new Date('2025-06-01T00:00:00.000Z');
export const AFTER = new Date('2025-07-01T00:00:00.000Z');

export function line(lineId: string, unitPrice: string, quantity = 1, fields: Partial<PricingLineInput> = {}): PricingLineInput {
  return { lineId, skuId: `sku-${lineId}`, productId: `spu-${lineId}`, shopId: 'shop-a', quantity, unitPrice, ...fields };
}

export function coupon(id: string, fields: Partial<MemberCoupon> & Pick<MemberCoupon, 'kind'>): MemberCoupon {
  return {
    id,
    issuer: { kind: 'platform' },
    scope: { kind: 'platform' },
    validFrom: BEFORE,
    validUntil: AFTER,
    ...fields,
  } as MemberCoupon;
}

export function order(lines: PricingLineInput[], activities: Activity[] = [], coupons: MemberCoupon[] = [], more: Partial<PricingInput> = {}): PricingInput {
  return { now: NOW, member: { memberId: 'm1', level: 'VIP3', isNew: false, channel: 'app' }, lines, activities, coupons, ...more };
}

/** A line of the result by id, its shares as plain strings for readable assertions. */
export function lineOf(r: PricingResult, lineId: string) {
  const l = r.lines.find((x) => x.lineId === lineId);
  if (!l) throw new Error(`no line ${lineId}`);
  return {
    ...l,
    shares: Object.fromEntries(l.discounts.map((d) => [d.id, d.amount.toString()])),
  };
}

export const text = (m: { toString(): string }): string => m.toString();
