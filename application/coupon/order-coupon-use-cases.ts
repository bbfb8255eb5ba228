import type { OwnedCoupon, RefundExtent, ReturnOutcome } from '../../domain/coupon/owned-coupon.js';
import type { Clock } from '../../domain/shared/ports.js';
import type { Transaction, UnitOfWork } from '../shared/unit-of-work.js';
import { couponView, requireCoupon, requireTemplate, type OwnedCouponView } from './lookups.js';

export interface CouponActionResult {
  readonly coupon: OwnedCouponView;
  /** The same action for the same order was applied before: nothing changed. */
  readonly replayed: boolean;
}

export interface OrderCouponCommand {
  readonly couponId: string;
  readonly orderId: string;
}

/** Saves the coupon and records its events when the action changed it; answers with its view. */
async function settle(tx: Transaction, coupon: OwnedCoupon, changed: boolean, at: Date): Promise<OwnedCouponView> {
  if (changed) {
    await tx.ownedCoupons.save(coupon);
    tx.recordEvents(coupon.pullEvents());
  }
  return couponView(coupon, (await requireTemplate(tx, coupon.templateId)).toSnapshot(), at);
}

/**
 * An order takes the member's coupon when it is placed (locked). Only the member's own coupon, available
 * (or returned) and inside its validity; replaying the same order id is a no-op. Two orders racing for
 * one coupon: one wins, the other gets COUPON.LOCKED_BY_ANOTHER_ORDER or CONCURRENCY.STALE_AGGREGATE.
 */
export class LockCoupon {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  execute(cmd: OrderCouponCommand & { readonly memberId: string }): Promise<CouponActionResult> {
    return this.uow.run(async (tx) => {
      const at = this.clock.now();
      const coupon = await requireCoupon(tx, cmd.couponId, cmd.memberId);
      const { replayed } = coupon.lock(cmd.orderId, at);
      return { coupon: await settle(tx, coupon, !replayed, at), replayed };
    });
  }
}

/** An order's action on a coupon it holds, by order id (idempotent per order), in one unit of work. */
abstract class HeldCouponAction {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  protected abstract act(coupon: OwnedCoupon, orderId: string, at: Date): { readonly replayed: boolean };

  execute(cmd: OrderCouponCommand): Promise<CouponActionResult> {
    return this.uow.run(async (tx) => {
      const at = this.clock.now();
      const coupon = await requireCoupon(tx, cmd.couponId);
      const { replayed } = this.act(coupon, cmd.orderId, at);
      return { coupon: await settle(tx, coupon, !replayed, at), replayed };
    });
  }
}

/** The order holding the coupon was cancelled: the coupon is available again (expired if past its validity). */
export class ReleaseCoupon extends HeldCouponAction {
  protected act(coupon: OwnedCoupon, orderId: string, at: Date) {
    return coupon.release(orderId, at);
  }
}

/** The order holding the coupon was paid: the coupon is used (核销). */
export class UseCoupon extends HeldCouponAction {
  protected act(coupon: OwnedCoupon, orderId: string, at: Date) {
    return coupon.use(orderId, at);
  }
}

/**
 * CPN-2: the order that used the coupon was refunded. A full refund returns the coupon while it is
 * still valid (usable again); a partial refund, or a coupon past its validity, returns nothing. The
 * deduction is never refunded as cash (that is the after-sales context's rule, AFS-2). Idempotent per order.
 */
export class ReturnCoupon {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  execute(cmd: OrderCouponCommand & { readonly refund: RefundExtent }): Promise<CouponActionResult & Omit<ReturnOutcome, 'replayed'>> {
    return this.uow.run(async (tx) => {
      const at = this.clock.now();
      const coupon = await requireCoupon(tx, cmd.couponId);
      const { replayed, returned, reason } = coupon.returnOnRefund(cmd.orderId, cmd.refund, at);
      // A coupon kept because it expired still records the order's refund (so a replay is one).
      const changed = !replayed && reason !== 'PARTIAL_REFUND';
      const view = await settle(tx, coupon, changed, at);
      return { coupon: view, replayed, returned, reason };
    });
  }
}
