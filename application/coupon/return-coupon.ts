import type { RefundExtent, ReturnOutcome } from '../../domain/coupon/owned-coupon.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { settle, type CouponActionResult, type OrderCouponCommand } from './coupon-actions.js';
import { requireCoupon } from './lookups.js';

/**
 * CPN-2: the order that used the coupon was refunded. A full refund returns the coupon while it is
 * still valid (usable again); a partial refund, or a coupon past its validity, returns nothing. The
 * deduction is never refunded as cash (that is the after-sales context's rule, AFS-2). Idempotent per order.
 */
export class ReturnCoupon {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: OrderCouponCommand & { readonly refund: RefundExtent }): Promise<CouponActionResult & Omit<ReturnOutcome, 'replayed'>> {
    return this.d.uow.run(async (tx) => {
      const at = this.d.clock.now();
      const coupon = await requireCoupon(tx, cmd.couponId);
      const { replayed, returned, reason } = coupon.returnOnRefund(cmd.orderId, cmd.refund, at);
      // A coupon kept because it expired still records the order's refund (so a replay is one).
      const changed = !replayed && reason !== 'PARTIAL_REFUND';
      const view = await settle(tx, coupon, changed, at);
      return { coupon: view, replayed, returned, reason };
    });
  }
}
