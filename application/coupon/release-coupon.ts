import type { OwnedCoupon } from '../../domain/coupon/owned-coupon.js';
import { HeldCouponAction } from './coupon-actions.js';

/** The order holding the coupon was cancelled: the coupon is available again (expired if past its validity). */
export class ReleaseCoupon extends HeldCouponAction {
  protected act(coupon: OwnedCoupon, orderId: string, at: Date) {
    return coupon.release(orderId, at);
  }
}
