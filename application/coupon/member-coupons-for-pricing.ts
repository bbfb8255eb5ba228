import type { MemberCoupon } from '../../domain/pricing/index.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { checkMemberId } from './lookups.js';
import { usableCouponTerms } from './services.js';

/** The input of the pricing engine's `coupons`: the member's usable coupons as `MemberCoupon`s (ids are the coupons' ids). */
export class MemberCouponsForPricing {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { readonly memberId: string; readonly at?: Date }): Promise<MemberCoupon[]> {
    checkMemberId(cmd.memberId);
    return this.d.uow.run((tx) => usableCouponTerms(tx, cmd.memberId, cmd.at ?? this.d.clock.now()));
  }
}
