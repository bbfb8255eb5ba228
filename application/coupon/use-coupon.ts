import type { OwnedCoupon } from '../../domain/coupon/owned-coupon.js';
import { HeldCouponAction } from './coupon-actions.js';

/** The order holding the coupon was paid: the coupon is used (核销). */
export class UseCoupon extends HeldCouponAction {
  protected act(coupon: OwnedCoupon, orderId: string, at: Date) {
    return coupon.use(orderId, at);
  }
}
