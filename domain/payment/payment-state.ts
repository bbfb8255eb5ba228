import type { OrderKind, OrderStatus } from '../ordering/index.js';
import type { Money } from '../shared/money.js';
import { stateMachine } from '../shared/state-machine.js';
import { PAYMENT_ERROR } from './errors.js';

// The payment's states, its table and machine, and the values it holds (its snapshot); the aggregate is payment.ts.

export const PAYMENT_STATUSES = ['unpaid', 'paid', 'partially_refunded', 'refunded', 'cancelled'] as const;
/** §10: 未支付, 已支付, 部分退款, 已退款, 已取消 (closed unpaid: PAY-2 timeout, or its order cancelled). */
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** §10 as data (the docs draw it; a test keeps the drawing true). A second partial refund stays partially refunded. */
export const PAYMENT_TRANSITIONS = {
  unpaid: ['paid', 'cancelled'],
  paid: ['partially_refunded', 'refunded'],
  partially_refunded: ['partially_refunded', 'refunded'],
  refunded: [],
  cancelled: [],
} as const satisfies Record<PaymentStatus, readonly PaymentStatus[]>;

/** The payment's machine: a move the table does not list is `PAYMENT.INVALID_TRANSITION` (409) with `from` and `to`. */
export const PAYMENT_MACHINE = stateMachine<PaymentStatus>(
  PAYMENT_TRANSITIONS,
  PAYMENT_ERROR.INVALID_TRANSITION,
  (from, to) => `a ${from} payment cannot become ${to}`,
);

export type CloseReason = 'timeout' | 'order_cancelled';

/** What a payment needs of an order: `Order` fits as it is. */
export interface PayableOrder {
  readonly id: string;
  readonly number: string;
  readonly kind: OrderKind;
  readonly status: OrderStatus;
  readonly memberId: string;
  readonly payable: Money;
  readonly isSplitParent: boolean;
}

/** One order a payment pays for, its share (= its payable) and what was refunded of it. */
export interface PaymentShare {
  readonly orderId: string;
  readonly orderNumber: string;
  readonly amount: Money;
  readonly refunded: Money;
}

export interface RefundRecord {
  readonly refundId: string;
  readonly amount: Money;
  /** The refund over the orders (ORD-4 / `allocate`); sums exactly to `amount`. */
  readonly orders: readonly { readonly orderId: string; readonly amount: Money }[];
  readonly reason: string;
  readonly at: Date;
  /** When the channel acknowledged it, with the channel's refund number (absent in snapshots stored before #15: not yet). */
  readonly acknowledged?: { readonly refundTransactionId: string; readonly at: Date } | null;
}

/**
 * PAY-1 / PAY-2: money the channel took that the platform must give back: a success that came after
 * the payment was closed or its order cancelled, or a second success of a payment already paid.
 * The application asks the channel to refund it, then calls `settleLateRefund`.
 */
export interface RefundInstruction {
  readonly paymentId: string;
  readonly paymentNumber: string;
  /** The refund's own number at the channel (its idempotency key there). */
  readonly refundId: string;
  readonly channel: string;
  readonly channelTransactionId: string;
  readonly amount: Money;
  readonly reason: 'payment_closed' | 'order_cancelled' | 'already_paid';
}

/** A success notification from the channel, after the channel adapter checked its signature. */
export interface PaymentCallback {
  readonly channel: string;
  readonly channelTransactionId: string;
  readonly amount: Money;
  /** The channel's completion time (what reconciliation compares, PAY-3). */
  readonly paidAt: Date;
}

/** What a callback decided (PAY-1). A duplicate answers the first decision again, with `replayed: true`. */
export type CallbackOutcome =
  | { readonly kind: 'paid'; readonly replayed: boolean; readonly orderIds: readonly string[] }
  | { readonly kind: 'late'; readonly replayed: boolean; readonly refund: RefundInstruction };

export interface HandledCallback {
  readonly channel: string;
  readonly channelTransactionId: string;
  readonly amount: Money;
  readonly paidAt: Date;
  readonly receivedAt: Date;
  readonly outcome: 'paid' | 'late';
  /** For a late one: the refund to make, and when it was made. */
  readonly refund: RefundInstruction | null;
  readonly refundSettledAt: Date | null;
}

export interface PaymentSnapshot {
  readonly id: string;
  /** The merchant's trade number sent to the channel (out trade no); reconciliation matches on it. */
  readonly number: string;
  readonly memberId: string;
  readonly currency: string;
  /** Σ of the shares: exactly the payables of the orders. */
  readonly amount: Money;
  readonly orders: readonly PaymentShare[];
  readonly status: PaymentStatus;
  readonly createdAt: Date;
  /** PAY-2: unpaid at this moment, the payment closes. */
  readonly expiresAt: Date;
  /** The channel asked to collect it (absent in payments opened before issue #16): PAY-2 closes it there too. */
  readonly channel?: string;
  /** The accepted success, once paid. */
  readonly paid: { readonly channel: string; readonly channelTransactionId: string; readonly paidAt: Date; readonly receivedAt: Date } | null;
  readonly cancellation: { readonly reason: CloseReason; readonly at: Date } | null;
  readonly refunds: readonly RefundRecord[];
  /** Every callback handled, by channel transaction id (PAY-1 idempotency); late ones are the flagged ones. */
  readonly callbacks: readonly HandledCallback[];
  readonly updatedAt: Date;
  readonly version: number;
}

export interface RefundOutcome {
  readonly replayed: boolean;
  readonly refund: RefundRecord;
  /** Orders this refund completed (all their money back): the application closes them (ORD-2 交易关闭). */
  readonly fullyRefundedOrderIds: readonly string[];
}
