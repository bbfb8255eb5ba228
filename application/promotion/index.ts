// The promotion context's public edge (促销中心, spec §5): its use cases, their answers, and what other
// contexts ask of it inside their own transaction — the activities serving now for pricing (cart:
// `servingActivities`; checkout: `promotionsForPricing`, with the member's purchase allowances), purchase
// limits consumed and released for an order (placing, cancelling, refunds), a group order's payment confirmed.
export * from './create-activity.js';
export * from './submit-activity.js';
export * from './approve-activity.js';
export * from './reject-activity.js';
export * from './void-activity.js';
export * from './revise-activity.js';
export * from './get-activity.js';
export * from './list-activities.js';
export * from './active-activities.js';
export * from './charge-activity-budget.js';
export * from './release-activity-budget.js';
export * from './open-group.js';
export * from './join-group.js';
export * from './confirm-group-payment.js';
export * from './close-expired-groups.js';
export * from './get-group.js';
export * from './list-groups.js';
export * from './start-bargain.js';
export * from './help-bargain.js';
export * from './get-bargain.js';
export * from './preview-price.js';
export * from './consume-purchase-limit.js';
export * from './release-purchase-limit.js';
export * from './get-purchase-allowance.js';
export type { ActivityFields, ReviewCommand } from './activity-steps.js';
export type { MemberCommand } from './group-members.js';
export type { ActivityView, BargainView } from './lookups.js';
export {
  consumePurchaseLimit,
  releasePurchaseLimits,
  type ConsumePurchaseLimitCommand,
  type PurchaseAllowance,
  type PurchaseLimitOutcome,
} from './purchase-limits.js';
export { promotionsForPricing, servingActivities, type PromotionsForPricing } from './serving.js';
