import type { CouponDeps } from './deps.js';
import { handOut } from './hand-out.js';
import { checkMemberId, requireTemplate, type OwnedCouponView } from './lookups.js';

/**
 * A member claims a coupon (领券). Hidden templates cannot be claimed (COUPON.NOT_CLAIMABLE), nor
 * outside the claim window (COUPON.CLAIM_WINDOW_CLOSED), nor beyond the total quantity
 * (COUPON.SOLD_OUT) or the member's limit (COUPON.LIMIT_REACHED) — both held under concurrent claims.
 */
export class ClaimCoupon {
  constructor(private readonly d: CouponDeps) {}

  execute(cmd: { readonly templateId: string; readonly memberId: string }): Promise<OwnedCouponView> {
    checkMemberId(cmd.memberId);
    return this.d.uow.run(async (tx) => handOut(tx, this.d, await requireTemplate(tx, cmd.templateId), cmd.memberId, 'claim', this.d.clock.now()));
  }
}
