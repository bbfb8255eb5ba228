// The coupon context's public edge (优惠券, spec §6): its use cases, its deps, and what other contexts ask
// of coupons inside their own transaction (services.ts): a member's coupons for pricing, an order's coupons
// locked, used, released and returned.
export type { CouponDeps } from './deps.js';
export type { CouponTemplateView, OwnedCouponView } from './lookups.js';
export type { CouponActionResult, OrderCouponCommand } from './coupon-actions.js';
export * from './services.js';
export * from './create-coupon-template.js';
export * from './stop-coupon-template.js';
export * from './list-coupon-templates.js';
export * from './get-coupon-template.js';
export * from './get-coupon-statistics.js';
export * from './claim-coupon.js';
export * from './issue-coupons.js';
export * from './list-claimable-coupons.js';
export * from './lock-coupon.js';
export * from './release-coupon.js';
export * from './use-coupon.js';
export * from './return-coupon.js';
export * from './list-member-coupons.js';
export * from './expire-coupons.js';
export * from './member-coupons-for-pricing.js';
export * from './recommend-coupon.js';
