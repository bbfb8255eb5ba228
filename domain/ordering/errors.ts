import type { DomainError } from '../shared/domain-error.js';
import { type CodeOf, errorCatalogue } from '../shared/errors.js';

/**
 * The ordering context's error list (订单中心; fulfilment's steps on an order raise these too): each
 * stable code with its kind (invalid → 422, not_found → 404, conflict → 409). `details` name the order
 * and, where it helps a client, the field and a stable upper-case `reason`.
 */
export const ORDER_ERRORS = errorCatalogue('ORDER', {
  /** ORD-2: a status change the order's table does not allow (paying a cancelled order, shipping an unpaid one …) (409); details `from`, `to`. */
  INVALID_TRANSITION: 'conflict',
  /** A new order is malformed: no lines, a bad quantity, mixed currencies, duplicate line ids … (422); details `field`, `reason`. */
  INVALID_ORDER: 'invalid',
  /** ORD-1: amounts that are not whole cents, negative, or discounts above what they discount (422); details `field`, `reason`. */
  INVALID_AMOUNTS: 'invalid',
  /** ORD-5: split groups that do not cover the parent's lines and quantities exactly, or a parent that cannot be split (422); details `reason`. */
  INVALID_SPLIT: 'invalid',
  /** The order was split: pay, cancel and ship its child orders instead (409). */
  SPLIT_PARENT: 'conflict',
  /** Shipping without a carrier or a tracking number (422). */
  INVALID_SHIPMENT: 'invalid',
  /** A service order's verification code (核销码) that is not this order's, or not this shop's (422). */
  INVALID_CODE: 'invalid',
  /** ORD-6: the goods were signed for, or the interception failed: no cancellation, after-sales only (409); details `reason`. */
  AFTER_SALES_ONLY: 'conflict',
  /** A query the read side cannot answer: a bad page or page size, a time window that ends before it starts, a statistics period over 366 days (422); details `field`, `reason`. */
  INVALID_QUERY: 'invalid',
  /** The order would cost another amount now than the member saw (409); details `expected`, `actual`. */
  PRICE_CHANGED: 'conflict',
  /** An idempotency key sent again with another request (409). */
  IDEMPOTENCY_KEY_REUSED: 'conflict',
  /** No such order — also what a member gets for another member's order, which is never visible to them (404). */
  NOT_FOUND: 'not_found',
  /** Cross-border lines (with tax rates) cannot be placed yet: customs declaration is not built (422); details `skuIds`. */
  CROSS_BORDER_NOT_SUPPORTED: 'invalid',
});

/** The codes by name (`ORDER_ERROR.NOT_FOUND` is `'ORDER.NOT_FOUND'`). */
export const ORDER_ERROR = ORDER_ERRORS.codes;

export type OrderErrorCode = CodeOf<typeof ORDER_ERRORS>;

export function crossBorderNotSupported(skuIds: readonly string[]): DomainError {
  return ORDER_ERRORS.raise(
    'CROSS_BORDER_NOT_SUPPORTED',
    'cross-border lines cannot be placed as an order yet (customs declaration is not built): buy them on their own channel',
    {
      skuIds: [...skuIds],
    },
  );
}

export function orderNotFound(orderId: string): DomainError {
  return ORDER_ERRORS.raise('NOT_FOUND', `no order ${orderId}`, { orderId });
}

export function invalidOrder(field: string, reason: string, message?: string): DomainError {
  return ORDER_ERRORS.raise('INVALID_ORDER', message ?? `order: invalid ${field} (${reason})`, { field, reason });
}

export function invalidAmounts(field: string, reason: string, message?: string): DomainError {
  return ORDER_ERRORS.raise('INVALID_AMOUNTS', message ?? `order amounts: invalid ${field} (${reason})`, { field, reason });
}

export function invalidSplit(reason: string, message: string, details: Record<string, unknown> = {}): DomainError {
  return ORDER_ERRORS.raise('INVALID_SPLIT', message, { reason, ...details });
}
