import { effectiveState, type ActionOutcome, type CouponState, type OwnedCoupon } from '../../domain/coupon/owned-coupon.js';
import type { TemplateCouponTerms } from '../../domain/coupon/terms.js';
import type { Transaction } from '../shared/unit-of-work.js';
import { templatesOf } from './lookups.js';
import { COUPON_STORE } from './store.js';

/**
 * The coupon context's published in-transaction services (issue #13): what other contexts ask of coupons
 * inside their own transaction — the member's coupons for pricing (checkout), and the coupons of an order
 * through its life (placing, payment, cancellation, refunds). Each owns its rules; saving records the
 * coupons' events.
 */

/** A member's coupon as of a moment, as checkout judges it. */
export interface MemberCouponAt {
  readonly couponId: string;
  /** Its state then: an available or returned coupon past its validity is `expired` already. */
  readonly state: CouponState;
  /** The pricing engine's `MemberCoupon` (id = the coupon's id) when the coupon may be used then (available or returned, within validity); null otherwise. */
  readonly terms: TemplateCouponTerms | null;
}

/** Every coupon of the member (newest first) with its state at `at`, and the terms of the usable ones (their templates in one query). */
export async function memberCouponsAt(tx: Transaction, memberId: string, at: Date): Promise<MemberCouponAt[]> {
  const owned = (await tx.use(COUPON_STORE).ownedCoupons.ofMember(memberId)).map((coupon) => ({ coupon, state: effectiveState(coupon.toSnapshot(), at) }));
  const usable = owned.filter((c) => c.state === 'available' || c.state === 'returned').map((c) => c.coupon);
  const templates = await templatesOf(tx, usable);
  return owned.map(({ coupon, state }) => ({
    couponId: coupon.id,
    state,
    terms: usable.includes(coupon) ? coupon.toMemberCoupon(templates.get(coupon.templateId)!) : null,
  }));
}

/** The member's coupons that may be used at `at`, as the pricing engine takes them. */
export async function usableCouponTerms(tx: Transaction, memberId: string, at: Date): Promise<TemplateCouponTerms[]> {
  return (await memberCouponsAt(tx, memberId, at)).flatMap((c) => (c.terms ? [c.terms] : []));
}

/** The coupons an order was priced with, and the order that acts on them (a split's top-level order: every action is keyed by it). */
export interface OrderCoupons {
  readonly couponIds: readonly string[];
  readonly orderId: string;
  readonly at: Date;
}

/**
 * Placing an order: it takes (locks) each coupon it was priced with. The checkout already judged them
 * the member's and usable; a coupon taken meanwhile is COUPON.LOCKED_BY_ANOTHER_ORDER (or NOT_USABLE).
 */
export async function lockCouponsForOrder(tx: Transaction, o: OrderCoupons): Promise<void> {
  const coupons = tx.use(COUPON_STORE).ownedCoupons;
  for (const couponId of o.couponIds) {
    const coupon = await coupons.get(couponId);
    if (!coupon) throw new Error(`coupon ${couponId} priced but not found`);
    if (!coupon.lock(o.orderId, o.at).replayed) await coupons.save(coupon);
  }
}

/** The order was paid: the coupons it holds are used (核销); once per order. */
export function useCouponsOfOrder(tx: Transaction, o: OrderCoupons): Promise<void> {
  return eachCouponOfOrder(tx, o, (coupon) => coupon.use(o.orderId, o.at));
}

/** The order was cancelled before payment: the coupons it holds are available again (expired if past validity); once per order. */
export function releaseCouponsOfOrder(tx: Transaction, o: OrderCoupons): Promise<void> {
  return eachCouponOfOrder(tx, o, (coupon) => coupon.release(o.orderId, o.at));
}

/**
 * CPN-2: the order is wholly refunded or cancelled after payment, so the coupons it used come back while
 * still valid. Only coupons in state `used` by this order: one still locked was never paid for (its
 * release is the unpaid cancellation's). Idempotent per order. Answers the ids of the coupons given back now.
 */
export async function returnCouponsOfOrder(tx: Transaction, o: OrderCoupons): Promise<string[]> {
  const coupons = tx.use(COUPON_STORE).ownedCoupons;
  const returned: string[] = [];
  for (const couponId of o.couponIds) {
    const coupon = await coupons.get(couponId);
    const s = coupon?.toSnapshot();
    if (!coupon || s!.state !== 'used' || s!.orderId !== o.orderId) continue;
    const outcome = coupon.returnOnRefund(o.orderId, 'full', o.at);
    if (outcome.replayed) continue;
    await coupons.save(coupon);
    if (outcome.returned) returned.push(couponId);
  }
  return returned;
}

/** Applies an order's action to each of its coupons that exists, saving those it changed. */
async function eachCouponOfOrder(tx: Transaction, o: OrderCoupons, act: (coupon: OwnedCoupon) => ActionOutcome): Promise<void> {
  const coupons = tx.use(COUPON_STORE).ownedCoupons;
  for (const couponId of o.couponIds) {
    const coupon = await coupons.get(couponId);
    if (coupon && !act(coupon).replayed) await coupons.save(coupon);
  }
}
