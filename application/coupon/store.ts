import type { CouponClaims, CouponStatisticsQuery, CouponTemplates, OwnedCoupons } from '../../domain/coupon/ports.js';
import { storeKey } from '../shared/store.js';

/** The coupon context's repositories in one transaction (never exported from the context's index). */
export interface CouponStore {
  /** Coupon templates (definitions, versioned). */
  readonly templates: CouponTemplates;
  /** The guarded counters of handing out, and the one way a member's coupon is created. */
  readonly claims: CouponClaims;
  /** Members' coupons. */
  readonly ownedCoupons: OwnedCoupons;
  readonly statistics: CouponStatisticsQuery;
}

export const COUPON_STORE = storeKey<CouponStore>('coupon');
