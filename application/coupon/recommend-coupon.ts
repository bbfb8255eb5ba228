import { priceOrder, type Activity, type AmountInput, type Channel, type CouponOption, type PricingLineInput } from '../../domain/pricing/index.js';
import type { CouponDeps } from './deps.js';
import { checkMemberId } from './lookups.js';
import { usableCouponTerms } from './services.js';

export interface RecommendCouponCommand {
  readonly memberId: string;
  readonly channel: Channel;
  readonly lines: readonly PricingLineInput[];
  /** Live activities, when the caller has them (thresholds are judged after activities, PRM-3). */
  readonly activities?: readonly Activity[];
  readonly freight?: AmountInput;
  readonly at?: Date;
}

export interface CouponRecommendation {
  /** CPN-1: the coupon that deducts most (ties: the narrower scope), or null. */
  readonly recommendedCouponId: string | null;
  /** Each usable coupon judged on this order: usable or why not, what it deducts alone, and the CPN-1 warning when it exceeds what is payable. */
  readonly options: readonly CouponOption[];
}

/**
 * CPN-1 recommendation: the member's usable coupons priced on the order by the pricing engine
 * (`priceOrder`), which keeps those valid for it (time, channel, scope, threshold), picks the one that
 * deducts most, prefers the narrower scope on ties, and flags a cash coupon larger than what is payable.
 */
export class RecommendCoupon {
  constructor(private readonly d: CouponDeps) {}

  execute(cmd: RecommendCouponCommand): Promise<CouponRecommendation> {
    checkMemberId(cmd.memberId);
    return this.d.uow.run(async (tx) => {
      const now = cmd.at ?? this.d.clock.now();
      const coupons = await usableCouponTerms(tx, cmd.memberId, now);
      const isNew = await this.d.customers.isNewCustomer(cmd.memberId);
      const result = priceOrder({
        now,
        member: { memberId: cmd.memberId, isNew, channel: cmd.channel },
        lines: cmd.lines,
        coupons,
        ...(cmd.activities ? { activities: cmd.activities } : {}),
        ...(cmd.freight !== undefined ? { freight: cmd.freight } : {}),
      });
      return { recommendedCouponId: result.recommendedCouponId, options: result.couponOptions };
    });
  }
}
