import { compileActivity, type ScopedLine } from '../pricing/index.js';
import { DEFAULT_CURRENCY } from '../shared/money.js';
import { pricingActivityOf, type ActivityDefinition, type ItemPriceRule } from './definition.js';
import { PROMOTION_ERROR, rejectionOf, type PromotionRejection } from './errors.js';
import type { GroupBuySnapshot } from './group-buy.js';

/** What a group buy needs to know of an order (read from the ordering context): whose it is, where it stands, what it holds. */
export interface GroupOrder {
  readonly id: string;
  readonly memberId: string;
  /** ORD-2 pending payment (待付款). */
  readonly awaitingPayment: boolean;
  /** Paid and not given back: pending shipment or redemption, shipped, completed. */
  readonly paid: boolean;
  /** ORD-5: a split parent; its child orders are paid and acted on instead. */
  readonly split: boolean;
  /** Its lines as the pricing engine matches them to an activity. */
  readonly lines: readonly ScopedLine[];
}

export const GROUP_ORDER_REASONS = ['SPLIT_ORDER', 'NOT_AWAITING_PAYMENT', 'NOT_FOR_ACTIVITY', 'NOT_PAID'] as const;
export type GroupOrderReason = (typeof GROUP_ORDER_REASONS)[number];

const notFound = (orderId: string) => rejectionOf(PROMOTION_ERROR.ORDER_NOT_FOUND, `no order ${orderId}`, { orderId });
const notEligible = (orderId: string, reason: GroupOrderReason, message: string, details: Record<string, unknown> = {}) =>
  rejectionOf(PROMOTION_ERROR.ORDER_NOT_ELIGIBLE, message, { orderId, reason, ...details });

/**
 * Whether a member may open or join a group with this order (decision 0021). Only their own (any other
 * order, or none, is `PROMOTION.ORDER_NOT_FOUND`: nobody learns whether another member's order exists);
 * not a split parent; still awaiting payment; and for the activity: EVERY line is one the group's price
 * applies to — the pricing engine's own coverage of the group's tier (the activity's shop and scope, and
 * the SKUs the tier prices). An order with other goods is refused: the group's outcome (success moves
 * the order on, failure cancels and refunds it) applies to the whole order.
 */
export function groupOrderRejection(c: {
  readonly activityId: string;
  readonly definition: ActivityDefinition;
  readonly tier: ItemPriceRule;
  readonly memberId: string;
  readonly orderId: string;
  readonly order: GroupOrder | null;
}): PromotionRejection | null {
  const o = c.order;
  if (o === null || o.memberId !== c.memberId) return notFound(c.orderId);
  if (o.split) return notEligible(o.id, 'SPLIT_ORDER', `order ${o.id} was split: join with the child order of the activity's goods`);
  if (!o.awaitingPayment) return notEligible(o.id, 'NOT_AWAITING_PAYMENT', `order ${o.id} is not awaiting payment`);
  const covers = compileActivity(pricingActivityOf(c.activityId, c.definition, c.tier)!, DEFAULT_CURRENCY).covers;
  const outside = o.lines.filter((l) => !covers(l)).map((l) => l.skuId);
  if (o.lines.length === 0 || outside.length > 0) {
    return notEligible(o.id, 'NOT_FOR_ACTIVITY', `order ${o.id} holds goods outside activity ${c.activityId}: a group order holds only the activity's goods`, {
      skuIds: outside,
    });
  }
  return null;
}

/**
 * Whether the payment of `orderId` may be confirmed in the group: an order a member joined it with
 * (`PROMOTION.ORDER_NOT_IN_GROUP`), still that member's (else not found), and paid (`NOT_PAID`).
 */
export function groupPaymentOrderRejection(group: GroupBuySnapshot, orderId: string, order: GroupOrder | null): PromotionRejection | null {
  const member = group.members.find((m) => m.orderId === orderId);
  if (!member) {
    return rejectionOf(PROMOTION_ERROR.ORDER_NOT_IN_GROUP, `no member of group ${group.id} joined with order ${orderId}`, { groupId: group.id, orderId });
  }
  if (order === null || order.memberId !== member.memberId) return notFound(orderId);
  if (!order.paid) return notEligible(orderId, 'NOT_PAID', `order ${orderId} is not paid`, { groupId: group.id });
  return null;
}
