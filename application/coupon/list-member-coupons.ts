import { COUPON_ERRORS } from '../../domain/coupon/errors.js';
import { COUPON_STATES, type CouponState } from '../../domain/coupon/owned-coupon.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { checkMemberId, couponView, templatesOf, type OwnedCouponView } from './lookups.js';
import { COUPON_STORE } from './store.js';

/** A member's coupons (我的优惠券), newest first, optionally of one state (as of `at`: past validity counts as expired). */
export class ListMemberCoupons {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { readonly memberId: string; readonly state?: CouponState; readonly at?: Date }): Promise<OwnedCouponView[]> {
    checkMemberId(cmd.memberId);
    if (cmd.state !== undefined && !COUPON_STATES.includes(cmd.state)) {
      throw COUPON_ERRORS.raise('INVALID_COMMAND', `not a coupon state: ${String(cmd.state)}`, { state: cmd.state });
    }
    return this.d.uow.run(async (tx) => {
      const at = cmd.at ?? this.d.clock.now();
      const coupons = await tx.use(COUPON_STORE).ownedCoupons.ofMember(cmd.memberId);
      const templates = await templatesOf(tx, coupons);
      return coupons.map((c) => couponView(c, templates.get(c.templateId)!, at)).filter((v) => cmd.state === undefined || v.state === cmd.state);
    });
  }
}
