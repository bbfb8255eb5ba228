import type { ActivityWireChecks } from './activity-wire.js';
import type { GroupBargainWireChecks } from './group-bargain-wire.js';
import type { LimitPreviewWireChecks } from './limit-preview-wire.js';

/**
 * The promotion routes' answers (促销中心): activities with their versions and definitions (PRM-2), group
 * buys (the staff's full view, a member's own view), bargains, purchase limits (限购) and the price preview.
 * Each subject has its file; they are loaded in this order, the order their components were declared in.
 */
export { activityView } from './activity-wire.js';
export {
  bargainHelp,
  expiredGroups,
  groupBuyView,
  groupPayment,
  memberBargain,
  memberBargainView,
  memberGroup,
  memberGroupView,
  memberHelpView,
} from './group-bargain-wire.js';
export { pricePreview, purchaseAllowance, purchaseLimitOutcome, purchaseLimitRelease } from './limit-preview-wire.js';

export type PromotionWireChecks = [...ActivityWireChecks, ...GroupBargainWireChecks, ...LimitPreviewWireChecks];
