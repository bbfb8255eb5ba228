import { DomainError } from '../shared/domain-error.js';

/** Stable codes of the payment context (支付中心). `details` name the payment and, where it helps, a stable `reason`. */
export const PAYMENT_ERROR = {
  /** A status change the payment table does not allow (refunding an unpaid payment, closing a paid one …) (409); details `from`, `to`. */
  INVALID_TRANSITION: 'PAYMENT.INVALID_TRANSITION',
  /** A payment that cannot be opened: no orders, orders of several members or currencies, a zero payable … (422); details `reason`. */
  INVALID_PAYMENT: 'PAYMENT.INVALID_PAYMENT',
  /** PAY-1: a callback whose amount (or currency) is not the payment's (422); nothing is written. */
  AMOUNT_MISMATCH: 'PAYMENT.AMOUNT_MISMATCH',
  /** A callback whose signature does not hold: nothing in it is read (401). */
  INVALID_SIGNATURE: 'PAYMENT.INVALID_SIGNATURE',
  /** A callback that is not the channel's shape (422). */
  INVALID_CALLBACK: 'PAYMENT.INVALID_CALLBACK',
  /** The channel refused or could not be reached to collect a payment (409; try again). */
  CHANNEL_UNAVAILABLE: 'PAYMENT.CHANNEL_UNAVAILABLE',
  /** A channel the shop does not take (422). */
  UNKNOWN_CHANNEL: 'PAYMENT.UNKNOWN_CHANNEL',
  /** The shop takes no payment channel at all: none is configured (422). */
  NO_CHANNEL_CONFIGURED: 'PAYMENT.NO_CHANNEL_CONFIGURED',
  /** Paying an order that is already paid (409); details `orderId`, `paymentId` (the payment that paid it). */
  ORDER_ALREADY_PAID: 'PAYMENT.ORDER_ALREADY_PAID',
  /** No such payment — also a callback naming a payment number nobody issued (404). */
  NOT_FOUND: 'PAYMENT.NOT_FOUND',
  /** A refund above what is left of the payment, or of the order it names (409); details `paid`, `refunded`, `requested`. */
  REFUND_EXCEEDS_PAID: 'PAYMENT.REFUND_EXCEEDS_PAID',
  /** A malformed refund: not a positive amount of whole cents, an order the payment does not cover, a refund id reused for another refund … (422); details `reason`. */
  INVALID_REFUND: 'PAYMENT.INVALID_REFUND',
} as const;

export type PaymentErrorCode = (typeof PAYMENT_ERROR)[keyof typeof PAYMENT_ERROR];

export function paymentNotFound(reference: string): DomainError {
  return DomainError.notFound(PAYMENT_ERROR.NOT_FOUND, `no payment ${reference}`, { reference });
}

/** Paying an order that a payment (`paymentId`) already paid. */
export function orderAlreadyPaid(orderId: string, paymentId: string): DomainError {
  return DomainError.conflict(PAYMENT_ERROR.ORDER_ALREADY_PAID, `order ${orderId} is already paid (payment ${paymentId})`, { orderId, paymentId });
}

export function invalidPayment(reason: string, message: string, details: Record<string, unknown> = {}): DomainError {
  return DomainError.invalid(PAYMENT_ERROR.INVALID_PAYMENT, message, { reason, ...details });
}

export function invalidRefund(reason: string, message: string, details: Record<string, unknown> = {}): DomainError {
  return DomainError.invalid(PAYMENT_ERROR.INVALID_REFUND, message, { reason, ...details });
}
