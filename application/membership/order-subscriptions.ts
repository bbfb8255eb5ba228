import { MEMBERSHIP_ERROR } from '../../domain/membership/errors.js';
import { isDomainError } from '../../domain/shared/domain-error.js';
import { requestOfExchangeOrderId } from '../../domain/ordering/index.js';
import type { CommittedEvent, Subscription } from '../shared/subscriptions.js';
import type { RecordPaidOrderCommand } from './record-paid-order.js';

/** What membership's reactions to orders run: its own use cases, as its facade offers them. */
export interface MembershipOfOrders {
  recordPaidOrder(cmd: RecordPaidOrderCommand): Promise<unknown>;
  recordOrderCompleted(cmd: { orderId: string }): Promise<unknown>;
  recordRefund(cmd: { orderId: string; refundId: string; amount: string; points?: number }): Promise<unknown>;
  get(cmd: { memberId: string }): Promise<{ readonly registeredAt: Date }>;
}

export const RECORD_PAID_ORDER = 'membership.record-paid-order';
export const RECORD_COMPLETED_ORDER = 'membership.record-completed-order';
export const RECORD_REFUND = 'membership.record-refund';

function text(event: CommittedEvent, field: string): string {
  const value = event.payload[field];
  if (typeof value !== 'string') throw new Error(`event ${event.type} ${event.id} carries no ${field}`);
  return value;
}

const is = (error: unknown, code: string): boolean => isDomainError(error) && error.code === code;

/**
 * `order.paid` (a leaf order was paid): the paid-order fact RFM reads (`RecordPaidOrder`, idempotent by
 * order). An exchange order (after-sales' new units, nothing paid) is no purchase: none. A buyer who is not a registered member has no membership to tell: that refusal is an answer
 * (`recorded: false`), and the delivery is done. Anything else throws, and the delivery is retried.
 */
export async function recordPaidOrderOf(m: MembershipOfOrders, event: CommittedEvent): Promise<{ recorded: boolean }> {
  if (requestOfExchangeOrderId(event.aggregateId) !== null) return { recorded: false }; // an exchange's new units: no purchase
  const cmd = { orderId: event.aggregateId, memberId: text(event, 'memberId'), paidAt: event.occurredAt, amount: text(event, 'payable') };
  try {
    await m.recordPaidOrder(cmd);
    return { recorded: true };
  } catch (error) {
    if (is(error, MEMBERSHIP_ERROR.MEMBER_NOT_FOUND)) return { recorded: false };
    throw error;
  }
}

/**
 * `order.completed`: growth and purchase points of the order (`RecordOrderCompleted`, once per order).
 * One refusal is an answer: a buyer who was not a member when the order was paid has no paid-order fact
 * (its `order.paid` delivery was acknowledged without one), so there is nothing to record (`recorded:
 * false`). A member's fact that is not there yet (the `order.paid` delivery still retrying) is retried.
 */
export function recordCompletedOrderOf(m: MembershipOfOrders, event: CommittedEvent): Promise<{ recorded: boolean }> {
  if (requestOfExchangeOrderId(event.aggregateId) !== null) return Promise.resolve({ recorded: false }); // nothing was bought: no growth
  return recordingFactOf(m, event, () => m.recordOrderCompleted({ orderId: event.aggregateId }));
}

/**
 * Runs `record`, which needs the order's paid-order fact: MEMBERSHIP.ORDER_NOT_FOUND from a buyer who was
 * no member when paying (`paidAt` of the event) is an answer (`recorded: false`); from a member, the fact
 * is not there yet and it is thrown, so the delivery is retried.
 */
async function recordingFactOf(m: MembershipOfOrders, event: CommittedEvent, record: () => Promise<unknown>): Promise<{ recorded: boolean }> {
  try {
    await record();
    return { recorded: true };
  } catch (error) {
    if (!is(error, MEMBERSHIP_ERROR.ORDER_NOT_FOUND)) throw error;
    const paidAt = typeof event.payload.paidAt === 'string' ? new Date(event.payload.paidAt) : null;
    if (await notAMemberWhenPaid(m, text(event, 'memberId'), paidAt)) return { recorded: false };
    throw error;
  }
}

/**
 * `after-sales.request.refund-issued` (AFS-2, MBR-1): the refunded part of the order rolls back its
 * growth and purchase points, and the points its units used come back (`RecordRefund`, once per refund
 * number). A buyer with no paid-order fact who was not a member when paying has nothing to roll back
 * (`recorded: false`); a member's fact not there yet is retried.
 */
export function recordRefundOf(m: MembershipOfOrders, event: CommittedEvent): Promise<{ recorded: boolean }> {
  const { points, pointsOrderId } = event.payload;
  const cmd = {
    orderId: text(event, 'orderId'),
    refundId: text(event, 'refundNumber'),
    amount: text(event, 'amount'),
    ...(typeof points === 'number' ? { points } : {}),
    ...(typeof pointsOrderId === 'string' ? { pointsOrderId } : {}),
  };
  return recordingFactOf(m, event, () => m.recordRefund(cmd));
}

async function notAMemberWhenPaid(m: MembershipOfOrders, memberId: string, paidAt: Date | null): Promise<boolean> {
  try {
    const member = await m.get({ memberId });
    return paidAt !== null && member.registeredAt.getTime() > paidAt.getTime();
  } catch (error) {
    if (is(error, MEMBERSHIP_ERROR.MEMBER_NOT_FOUND)) return true;
    throw error;
  }
}

/**
 * Membership's reactions to ordering's events (issue #13): delivered durably with the change that paid
 * or completed the order, at least once, retried with backoff until they succeed. Each is idempotent by
 * the order id (membership's own keys), so a second delivery of one event changes nothing.
 */
export function membershipOrderSubscriptions(m: MembershipOfOrders): Subscription[] {
  return [
    { name: RECORD_PAID_ORDER, on: 'order.paid', handle: async (event) => void (await recordPaidOrderOf(m, event)) },
    { name: RECORD_COMPLETED_ORDER, on: 'order.completed', handle: async (event) => void (await recordCompletedOrderOf(m, event)) },
    { name: RECORD_REFUND, on: 'after-sales.request.refund-issued', handle: async (event) => void (await recordRefundOf(m, event)) },
  ];
}
