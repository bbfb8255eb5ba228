import { COUPON_ERROR } from '../../domain/coupon/errors.js';
import { COUPON_STATES, effectiveState, type CouponState } from '../../domain/coupon/owned-coupon.js';
import type { CustomerHistory } from '../../domain/coupon/ports.js';
import { priceOrder, type Activity, type AmountInput, type Channel, type CouponOption, type MemberCoupon, type PricingLineInput } from '../../domain/pricing/index.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import type { Clock } from '../../domain/shared/ports.js';
import type { Transaction, UnitOfWork } from '../shared/unit-of-work.js';
import { checkMemberId, couponView, templatesOf, type OwnedCouponView } from './lookups.js';

/** A member's coupons (我的优惠券), newest first, optionally of one state (as of `at`: past validity counts as expired). */
export class ListMemberCoupons {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  execute(cmd: { readonly memberId: string; readonly state?: CouponState; readonly at?: Date }): Promise<OwnedCouponView[]> {
    checkMemberId(cmd.memberId);
    if (cmd.state !== undefined && !COUPON_STATES.includes(cmd.state)) {
      throw DomainError.invalid(COUPON_ERROR.INVALID_COMMAND, `not a coupon state: ${String(cmd.state)}`, { state: cmd.state });
    }
    return this.uow.run(async (tx) => {
      const at = cmd.at ?? this.clock.now();
      const coupons = await tx.ownedCoupons.ofMember(cmd.memberId);
      const templates = await templatesOf(tx, coupons);
      return coupons.map((c) => couponView(c, templates.get(c.templateId)!, at)).filter((v) => cmd.state === undefined || v.state === cmd.state);
    });
  }
}

export const DEFAULT_EXPIRY_BATCH = 500;

/** The expiry sweep at `at` (default now): available and returned coupons past their validity become expired, at most `limit` per run. */
export class ExpireCoupons {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  execute(cmd: { readonly at?: Date; readonly limit?: number } = {}): Promise<{ readonly expired: number }> {
    const limit = cmd.limit ?? DEFAULT_EXPIRY_BATCH;
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > 10_000) {
      throw DomainError.invalid(COUPON_ERROR.INVALID_COMMAND, 'a sweep takes 1 to 10000 coupons', { limit });
    }
    return this.uow.run(async (tx) => {
      const at = cmd.at ?? this.clock.now();
      let expired = 0;
      for (const coupon of await tx.ownedCoupons.dueForExpiry(at, limit)) {
        if (!coupon.expire(at)) continue;
        await tx.ownedCoupons.save(coupon);
        tx.recordEvents(coupon.pullEvents());
        expired += 1;
      }
      return { expired };
    });
  }
}

/** The member's coupons that may still be used (available or returned, not past validity), as the pricing engine takes them. */
async function usableCoupons(tx: Transaction, memberId: string, at: Date): Promise<MemberCoupon[]> {
  const coupons = (await tx.ownedCoupons.ofMember(memberId)).filter((c) => {
    const state = effectiveState(c.toSnapshot(), at);
    return state === 'available' || state === 'returned';
  });
  const templates = await templatesOf(tx, coupons);
  return coupons.map((c) => c.toMemberCoupon(templates.get(c.templateId)!));
}

/** The input of the pricing engine's `coupons`: the member's usable coupons as `MemberCoupon`s (ids are the coupons' ids). */
export class MemberCouponsForPricing {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  execute(cmd: { readonly memberId: string; readonly at?: Date }): Promise<MemberCoupon[]> {
    checkMemberId(cmd.memberId);
    return this.uow.run((tx) => usableCoupons(tx, cmd.memberId, cmd.at ?? this.clock.now()));
  }
}

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
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly customers: CustomerHistory,
  ) {}

  execute(cmd: RecommendCouponCommand): Promise<CouponRecommendation> {
    checkMemberId(cmd.memberId);
    return this.uow.run(async (tx) => {
      const now = cmd.at ?? this.clock.now();
      const coupons = await usableCoupons(tx, cmd.memberId, now);
      const isNew = await this.customers.isNewCustomer(cmd.memberId);
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
