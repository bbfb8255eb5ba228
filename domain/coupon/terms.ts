import type { Money } from '../shared/money.js';
import type { MemberCoupon, Stacking } from '../pricing/index.js';
import type { CouponTemplateSnapshot } from './coupon-template.js';

/** What a coupon's terms are made of: the template's definition of the benefit and where it applies. */
export type CouponTerms = Pick<
  CouponTemplateSnapshot,
  'name' | 'kind' | 'issuer' | 'scope' | 'amount' | 'threshold' | 'percentOff' | 'cap' | 'channels' | 'stacking' | 'priority'
>;

/**
 * A `MemberCoupon` as a template makes it: name, stacking and priority always given, amounts as Money,
 * the percentage as the template's decimal string (what a member's coupon shows as its `terms`).
 */
export interface TemplateCouponTerms extends MemberCoupon {
  readonly name: string;
  readonly amount?: Money;
  readonly threshold?: Money;
  readonly percentOff?: string;
  readonly cap?: Money;
  readonly stacking: Stacking;
  readonly priority: number;
}

/**
 * The terms a coupon from this template carries, as the pricing engine prices it (`MemberCoupon`),
 * given the coupon's own id, validity and (random kind) drawn amount.
 */
export function memberCouponTerms(t: CouponTerms, coupon: { id: string; validFrom: Date; validUntil: Date; amount: Money | null }): TemplateCouponTerms {
  const amount = t.kind === 'random' ? coupon.amount : t.amount;
  return {
    id: coupon.id,
    name: t.name,
    kind: t.kind,
    issuer: t.issuer,
    scope: t.scope,
    ...(amount ? { amount } : {}),
    ...(t.threshold ? { threshold: t.threshold } : {}),
    ...(t.percentOff !== null ? { percentOff: t.percentOff } : {}),
    ...(t.cap ? { cap: t.cap } : {}),
    validFrom: coupon.validFrom,
    validUntil: coupon.validUntil,
    ...(t.channels.length > 0 ? { channels: t.channels } : {}),
    stacking: t.stacking,
    priority: t.priority,
  };
}
