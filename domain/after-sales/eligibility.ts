import type { OrderStatus } from '../ordering/index.js';
import { AFTER_SALES_ERRORS } from './errors.js';

export const REQUEST_TYPES = ['cancel', 'refund_only', 'refund', 'return_and_refund', 'exchange'] as const;
/**
 * 取消 (an unpaid order), 仅退款 (paid, nothing shipped), 退款 (shipped, the goods kept), 退货退款, 换货
 * (spec §11).
 */
export type RequestType = (typeof REQUEST_TYPES)[number];

/** AFS-1 as data: which types each order status allows (a completed order's only within the window). */
export const TYPES_BY_ORDER_STATUS = {
  pending_payment: ['cancel'],
  pending_shipment: ['refund_only'],
  pending_redemption: ['refund_only'],
  shipped: ['refund', 'return_and_refund', 'exchange'],
  completed: ['refund', 'return_and_refund', 'exchange'],
  cancelled: [],
  closed: [],
} as const satisfies Readonly<Record<OrderStatus, readonly RequestType[]>>;

/** The windows a shop may set for after-sales after completion, in days (spec §11: 7 or 15). */
export const AFTER_SALES_WINDOWS = [7, 15] as const;
export type AfterSalesWindow = (typeof AFTER_SALES_WINDOWS)[number];
export const DEFAULT_WINDOW_DAYS: AfterSalesWindow = 7;

const DAY_MS = 86_400_000;

export function checkWindow(days: number): AfterSalesWindow {
  if (!(AFTER_SALES_WINDOWS as readonly number[]).includes(days)) {
    throw AFTER_SALES_ERRORS.raise('INVALID_WINDOW', `an after-sales window is 7 or 15 days, not ${days}`, { days });
  }
  return days as AfterSalesWindow;
}

/** The last instant a completed order takes requests: completion + the window (that instant included). */
export function windowEnd(completedAt: Date, days: AfterSalesWindow): Date {
  return new Date(completedAt.getTime() + days * DAY_MS);
}

/**
 * AFS-1: whether an order in `status` (completed at `completedAt`, for a completed one) takes a request
 * of `type` at `now`; throws AFTER_SALES.TYPE_NOT_ALLOWED or AFTER_SALES.WINDOW_CLOSED otherwise.
 */
export function assertTypeAllowed(
  order: { readonly status: OrderStatus; readonly completedAt: Date | null },
  type: RequestType,
  now: Date,
  windowDays: AfterSalesWindow = DEFAULT_WINDOW_DAYS,
): void {
  const allowed: readonly RequestType[] = TYPES_BY_ORDER_STATUS[order.status];
  if (!allowed.includes(type)) {
    throw AFTER_SALES_ERRORS.raise('TYPE_NOT_ALLOWED', `an order ${order.status.replace('_', ' ')} takes no ${type.replaceAll('_', ' ')} request`, {
      status: order.status,
      type,
      allowed,
    });
  }
  if (order.status === 'completed') {
    const end = windowEnd(order.completedAt ?? now, windowDays);
    if (now.getTime() > end.getTime()) {
      throw AFTER_SALES_ERRORS.raise('WINDOW_CLOSED', `after-sales for this order ended at ${end.toISOString()} (${windowDays} days after completion)`, {
        windowDays,
        endedAt: end.toISOString(),
      });
    }
  }
}
