import { DomainError } from '../shared/domain-error.js';

/**
 * Stable codes of the ordering context (订单中心). `details` name the order and, where it helps a
 * client, the field and a stable upper-case `reason`.
 */
export const ORDER_ERROR = {
  /** ORD-2: a status change the order's table does not allow (paying a cancelled order, shipping an unpaid one …) (409); details `from`, `to`. */
  INVALID_TRANSITION: 'ORDER.INVALID_TRANSITION',
  /** A new order is malformed: no lines, a bad quantity, mixed currencies, duplicate line ids … (422); details `field`, `reason`. */
  INVALID_ORDER: 'ORDER.INVALID_ORDER',
  /** ORD-1: amounts that are not whole cents, negative, or discounts above what they discount (422); details `field`, `reason`. */
  INVALID_AMOUNTS: 'ORDER.INVALID_AMOUNTS',
  /** ORD-5: split groups that do not cover the parent's lines and quantities exactly, or a parent that cannot be split (422); details `reason`. */
  INVALID_SPLIT: 'ORDER.INVALID_SPLIT',
  /** The order was split: pay, cancel and ship its child orders instead (409). */
  SPLIT_PARENT: 'ORDER.SPLIT_PARENT',
  /** Shipping without a carrier or a tracking number (422). */
  INVALID_SHIPMENT: 'ORDER.INVALID_SHIPMENT',
  /** A service order's verification code (核销码) that is not this order's, or not this shop's (422). */
  INVALID_CODE: 'ORDER.INVALID_CODE',
  /** ORD-6: the goods were signed for, or the interception failed: no cancellation, after-sales only (409); details `reason`. */
  AFTER_SALES_ONLY: 'ORDER.AFTER_SALES_ONLY',
  /** A query the read side cannot answer: a bad page or page size, a time window that ends before it starts, a statistics period over 366 days (422); details `field`, `reason`. */
  INVALID_QUERY: 'ORDER.INVALID_QUERY',
  /** The order would cost another amount now than the member saw (409); details `expected`, `actual`. */
  PRICE_CHANGED: 'ORDER.PRICE_CHANGED',
  /** An idempotency key sent again with another request (409). */
  IDEMPOTENCY_KEY_REUSED: 'ORDER.IDEMPOTENCY_KEY_REUSED',
  /** No such order — also what a member gets for another member's order, which is never visible to them (404). */
  NOT_FOUND: 'ORDER.NOT_FOUND',
  /** Cross-border lines (with tax rates) cannot be placed yet: customs declaration is not built (422); details `skuIds`. */
  CROSS_BORDER_NOT_SUPPORTED: 'ORDER.CROSS_BORDER_NOT_SUPPORTED',
} as const;

export type OrderErrorCode = (typeof ORDER_ERROR)[keyof typeof ORDER_ERROR];

export function crossBorderNotSupported(skuIds: readonly string[]): DomainError {
  return DomainError.invalid(ORDER_ERROR.CROSS_BORDER_NOT_SUPPORTED, 'cross-border lines cannot be placed as an order yet (customs declaration is not built): buy them on their own channel', {
    skuIds: [...skuIds],
  });
}

export function orderNotFound(orderId: string): DomainError {
  return DomainError.notFound(ORDER_ERROR.NOT_FOUND, `no order ${orderId}`, { orderId });
}

export function invalidOrder(field: string, reason: string, message?: string): DomainError {
  return DomainError.invalid(ORDER_ERROR.INVALID_ORDER, message ?? `order: invalid ${field} (${reason})`, { field, reason });
}

export function invalidAmounts(field: string, reason: string, message?: string): DomainError {
  return DomainError.invalid(ORDER_ERROR.INVALID_AMOUNTS, message ?? `order amounts: invalid ${field} (${reason})`, { field, reason });
}

export function invalidSplit(reason: string, message: string, details: Record<string, unknown> = {}): DomainError {
  return DomainError.invalid(ORDER_ERROR.INVALID_SPLIT, message, { reason, ...details });
}
