import type { CouponTemplate } from '../../domain/coupon/coupon-template.js';
import type { Transaction } from '../shared/unit-of-work.js';
import type { CouponDeps } from './deps.js';
import { couponView, refusalError, type OwnedCouponView } from './lookups.js';
import { COUPON_STORE } from './store.js';

/**
 * Hands one coupon of `template` to the member, or throws why not: the template's policies (member
 * claims: visible, active, in the claim window, still valid, audience), then the guarded counters
 * (total quantity, per-member limit). The claim records the coupon's events only when it stored it.
 */
export async function handOut(
  tx: Transaction,
  d: CouponDeps,
  template: CouponTemplate,
  memberId: string,
  source: 'claim' | 'issue',
  at: Date,
): Promise<OwnedCouponView> {
  const t = template.toSnapshot();
  // New customer (spec §6: no order ever) is asked of the CustomerHistory port, never taken from the caller.
  const isNewCustomer = t.audience === 'new_customers' ? await d.customers.isNewCustomer(memberId) : true;
  const coupon = template.handOut({ couponId: d.ids.next(), memberId, at, source, isNewCustomer, random: d.random });
  const outcome = await tx.use(COUPON_STORE).claims.claim(coupon);
  if (!outcome.ok) throw refusalError(outcome.refusal, t, memberId);
  return couponView(coupon, t, at);
}
