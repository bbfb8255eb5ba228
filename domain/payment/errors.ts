import type { DomainError } from '../shared/domain-error.js';
import { type CodeOf, errorCatalogue } from '../shared/errors.js';
import type { Money } from '../shared/money.js';

/**
 * The payment context's error list (支付中心): each stable code with its kind (invalid → 422, not_found →
 * 404, conflict → 409, unauthenticated → 401). `details` name the payment and, where it helps, a stable `reason`.
 */
export const PAYMENT_ERRORS = errorCatalogue('PAYMENT', {
  /** A status change the payment table does not allow (refunding an unpaid payment, closing a paid one …) (409); details `from`, `to`. */
  INVALID_TRANSITION: 'conflict',
  /** A payment that cannot be opened: no orders, orders of several members or currencies, a zero payable … (422); details `reason`. */
  INVALID_PAYMENT: 'invalid',
  /** PAY-1: a callback whose amount (or currency) is not the payment's (422); nothing is written. */
  AMOUNT_MISMATCH: 'invalid',
  /** A callback whose signature does not hold: nothing in it is read (401). */
  INVALID_SIGNATURE: 'unauthenticated',
  /** A callback that is not the channel's shape (422). */
  INVALID_CALLBACK: 'invalid',
  /** The channel refused or could not be reached to collect a payment (409; try again). */
  CHANNEL_UNAVAILABLE: 'conflict',
  /** A channel the shop does not take (422). */
  UNKNOWN_CHANNEL: 'invalid',
  /** The shop takes no payment channel at all: none is configured (422). */
  NO_CHANNEL_CONFIGURED: 'invalid',
  /** Paying an order that is already paid (409); details `orderId`, `paymentId` (the payment that paid it). */
  ORDER_ALREADY_PAID: 'conflict',
  /** No such payment — also a callback naming a payment number nobody issued (404). */
  NOT_FOUND: 'not_found',
  /** A refund above what is left of the payment, or of the order it names (409); details `paid`, `refunded`, `requested`. */
  REFUND_EXCEEDS_PAID: 'conflict',
  /** A channel's statement file (对账单) that is not the channel's format: an operator uploaded another file, or the download broke (422); details `channel`, `reason`, `line`. */
  INVALID_STATEMENT: 'invalid',
  /** A malformed refund: not a positive amount of whole cents, an order the payment does not cover, a refund id reused for another refund … (422); details `reason`. */
  INVALID_REFUND: 'invalid',
});

/** The codes by name (`PAYMENT_ERROR.NOT_FOUND` is `'PAYMENT.NOT_FOUND'`). */
export const PAYMENT_ERROR = PAYMENT_ERRORS.codes;

export type PaymentErrorCode = CodeOf<typeof PAYMENT_ERRORS>;

export function paymentNotFound(reference: string): DomainError {
  return PAYMENT_ERRORS.raise('NOT_FOUND', `no payment ${reference}`, { reference });
}

/** Paying an order that a payment (`paymentId`) already paid. */
export function orderAlreadyPaid(orderId: string, paymentId: string): DomainError {
  return PAYMENT_ERRORS.raise('ORDER_ALREADY_PAID', `order ${orderId} is already paid (payment ${paymentId})`, { orderId, paymentId });
}

export function invalidPayment(reason: string, message: string, details: Record<string, unknown> = {}): DomainError {
  return PAYMENT_ERRORS.raise('INVALID_PAYMENT', message, { reason, ...details });
}

export function invalidRefund(reason: string, message: string, details: Record<string, unknown> = {}): DomainError {
  return PAYMENT_ERRORS.raise('INVALID_REFUND', message, { reason, ...details });
}

/** A refund larger than what is left of the payment, or of one of its orders' shares (PAY: refunds never exceed what was paid). */
export function refundExceedsPaid(
  paymentId: string,
  r: { readonly paid: Money; readonly refunded: Money; readonly requested: Money; readonly orderId: string | null },
): DomainError {
  const details = { paymentId, orderId: r.orderId, paid: r.paid.toString(), refunded: r.refunded.toString(), requested: r.requested.toString() };
  return PAYMENT_ERRORS.raise(
    'REFUND_EXCEEDS_PAID',
    `a refund of ${r.requested.toString()} exceeds what is left (${r.paid.subtract(r.refunded).toString()})`,
    details,
  );
}
