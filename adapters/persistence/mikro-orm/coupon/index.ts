import { COUPON_STORE } from '../../../../application/coupon/store.js';
import { pgStore, type PostgresContextPart } from '../context-part.js';
import { Migration20261122050000_coupons } from './migrations/Migration20261122050000_coupons.js';
import { CouponMemberClaimSchema, CouponTemplateSchema, OwnedCouponSchema } from './records.js';
import { pgCouponStore } from './repositories.js';

/** The coupon context on PostgreSQL: `coupon_template`, `coupon_member_claim`, `owned_coupon`. */
export const couponPostgres: PostgresContextPart = {
  entities: [CouponTemplateSchema, CouponMemberClaimSchema, OwnedCouponSchema],
  migrations: [{ name: 'Migration20261122050000_coupons', class: Migration20261122050000_coupons }],
  stores: [pgStore(COUPON_STORE, pgCouponStore)],
};
