import { handOutRejection, type CouponTemplateSnapshot } from '../../domain/coupon/coupon-template.js';
import type { CouponDeps } from './deps.js';
import { checkMemberId } from './lookups.js';
import { COUPON_STORE } from './store.js';

/** A template the member may claim now, with what is left and how many the member already has. */
export interface ClaimableCoupon {
  readonly template: CouponTemplateSnapshot;
  readonly remaining: number;
  readonly claimed: number;
}

/** 领券中心: public, active templates in their claim window and still valid, in the member's audience, with coupons left and the member under the limit. */
export class ListClaimableCoupons {
  constructor(private readonly d: CouponDeps) {}

  execute(cmd: { readonly memberId: string; readonly at?: Date }): Promise<ClaimableCoupon[]> {
    checkMemberId(cmd.memberId);
    return this.d.uow.run(async (tx) => {
      const store = tx.use(COUPON_STORE);
      const at = cmd.at ?? this.d.clock.now();
      const templates = (await store.templates.claimable(at)).map((t) => t.toSnapshot());
      const isNewCustomer = templates.some((t) => t.audience === 'new_customers') ? await this.d.customers.isNewCustomer(cmd.memberId) : true;
      const open = templates.filter((t) => handOutRejection(t, { at, isNewCustomer, source: 'claim' }) === null);
      const counts = await store.claims.counts(
        open.map((t) => t.id),
        cmd.memberId,
      );
      return open.flatMap((template) => {
        const c = counts.get(template.id)!;
        const remaining = template.totalQuantity - c.issued;
        return remaining > 0 && c.claimed < template.perMemberLimit ? [{ template, remaining, claimed: c.claimed }] : [];
      });
    });
  }
}
