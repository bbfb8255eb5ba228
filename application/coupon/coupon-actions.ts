import type { OwnedCoupon } from '../../domain/coupon/owned-coupon.js';
import type { UseCaseDeps } from '../shared/deps.js';
import type { Transaction } from '../shared/unit-of-work.js';
import { couponView, requireCoupon, requireTemplate, type OwnedCouponView } from './lookups.js';
import { COUPON_STORE } from './store.js';

/** What the order use cases on one coupon share: their command, their answer, saving, and the held-coupon actions. */

export interface CouponActionResult {
  readonly coupon: OwnedCouponView;
  /** The same action for the same order was applied before: nothing changed. */
  readonly replayed: boolean;
}

export interface OrderCouponCommand {
  readonly couponId: string;
  readonly orderId: string;
}

/** Saves the coupon (which records its events) when the action changed it; answers with its view. */
export async function settle(tx: Transaction, coupon: OwnedCoupon, changed: boolean, at: Date): Promise<OwnedCouponView> {
  if (changed) await tx.use(COUPON_STORE).ownedCoupons.save(coupon);
  return couponView(coupon, (await requireTemplate(tx, coupon.templateId)).toSnapshot(), at);
}

/** An order's action on a coupon it holds, by order id (idempotent per order), in one unit of work. */
export abstract class HeldCouponAction {
  constructor(private readonly d: UseCaseDeps) {}

  protected abstract act(coupon: OwnedCoupon, orderId: string, at: Date): { readonly replayed: boolean };

  execute(cmd: OrderCouponCommand): Promise<CouponActionResult> {
    return this.d.uow.run(async (tx) => {
      const at = this.d.clock.now();
      const coupon = await requireCoupon(tx, cmd.couponId);
      const { replayed } = this.act(coupon, cmd.orderId, at);
      return { coupon: await settle(tx, coupon, !replayed, at), replayed };
    });
  }
}
