export type { OwnedCouponView } from './lookups.js';
export * from './template-use-cases.js';
export * from './claim-use-cases.js';
export * from './order-coupon-use-cases.js';
export * from './member-coupon-use-cases.js';
