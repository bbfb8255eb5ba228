// The membership context's public edge (会员中心, spec §12): its use cases; what ordering and checkout ask
// of it inside their own transactions (points deducted for an order and given back for cancelled lines,
// the checkout's points port); its reactions to order events.
export type { MembershipRules } from './lookups.js';
export * from './register-member.js';
export * from './get-member.js';
export * from './update-member-profile.js';
export * from './put-address.js';
export * from './remove-address.js';
export * from './buy-paid-card.js';
export * from './join-shop.js';
export * from './set-shop-level.js';
export * from './record-login.js';
export * from './record-review-approved.js';
export * from './record-review-deleted.js';
export * from './adjust-growth.js';
export * from './set-member-level.js';
export * from './get-member-history.js';
export * from './get-membership-rules.js';
export * from './set-membership-rules.js';
export * from './propose-level-thresholds.js';
export * from './sign-in.js';
export * from './earn-points.js';
export * from './deduct-points-at-checkout.js';
export * from './spend-points.js';
export * from './adjust-points.js';
export * from './expire-points.js';
export * from './record-paid-order.js';
export * from './record-order-completed.js';
export * from './record-refund.js';
export * from './run-rfm.js';
export * from './rfm-segment-counts.js';
export * from './member-rfm.js';
export * from './checkout-points.js';
export * from './order-points.js';
export * from './order-subscriptions.js';
