import type { UseCaseDeps } from '../shared/deps.js';
import { settle, type CouponActionResult, type OrderCouponCommand } from './coupon-actions.js';
import { requireCoupon } from './lookups.js';

/**
 * An order takes the member's coupon when it is placed (locked). Only the member's own coupon, available
 * (or returned) and inside its validity; replaying the same order id is a no-op. Two orders racing for
 * one coupon: one wins, the other gets COUPON.LOCKED_BY_ANOTHER_ORDER or CONCURRENCY.STALE_AGGREGATE.
 */
export class LockCoupon {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: OrderCouponCommand & { readonly memberId: string }): Promise<CouponActionResult> {
    return this.d.uow.run(async (tx) => {
      const at = this.d.clock.now();
      const coupon = await requireCoupon(tx, cmd.couponId, cmd.memberId);
      const { replayed } = coupon.lock(cmd.orderId, at);
      return { coupon: await settle(tx, coupon, !replayed, at), replayed };
    });
  }
}
