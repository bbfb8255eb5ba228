import type { Money } from '../shared/money.js';
import type { Payment, PaymentCallback } from './payment.js';

/**
 * Port: payments, read like a collection. `save` is optimistic: it fails with `CONCURRENCY.STALE_AGGREGATE`
 * when the stored version moved since the payment was loaded (creating an id that exists is stale too).
 */
export interface Payments {
  get(id: string): Promise<Payment | null>;
  /** The payment with this number (the merchant trade number channels call back with). */
  byNumber(number: string): Promise<Payment | null>;
  save(payment: Payment): Promise<void>;
  /** PAY-1: the payment a channel transaction (its accepted success, or any callback handled) belongs to. */
  byChannelTransaction(channel: string, channelTransactionId: string): Promise<Payment | null>;
  /** Every payment that pays for this order (a combined payment included), oldest first. */
  ofOrder(orderId: string): Promise<Payment[]>;
}

/** What the payer's app needs to pay at the channel (a payment page, or the parameters of an in-app payment). */
export interface ChannelCharge {
  readonly channel: string;
  readonly payUrl: string;
}

/** A callback as the channel adapter read it, its signature checked: which payment, and the success it reports. */
export interface VerifiedCallback {
  readonly paymentNumber: string;
  readonly callback: PaymentCallback;
}

/** A refund notification (退款通知) as the channel adapter read it, its signature checked. */
export interface VerifiedRefundCallback {
  readonly paymentNumber: string;
  /** Our refund id (the channel's out-refund number). */
  readonly refundId: string;
  readonly refundTransactionId: string;
  readonly amount: Money;
  /** Whether the money went back; a failed refund is asked of the channel again. */
  readonly outcome: 'succeeded' | 'failed';
}

/**
 * Port: a payment channel (WeChat Pay, Alipay, UnionPay … or the fake one). It collects a payment,
 * turns a callback it sent into a `VerifiedCallback` — `PAYMENT.INVALID_SIGNATURE` when the signature
 * does not hold, before anything is read from it — and gives money back (idempotent per refund id).
 */
export interface PaymentChannel {
  readonly name: string;
  charge(p: { readonly paymentNumber: string; readonly amount: Money; readonly description: string }): Promise<ChannelCharge>;
  verifyCallback(body: unknown): VerifiedCallback;
  /**
   * Gives money back, idempotent per refund id. `processing`: the channel took the refund and tells its
   * outcome later by a refund notification (`verifyRefundCallback`); otherwise it is done.
   */
  refund(r: {
    readonly paymentNumber: string;
    readonly refundId: string;
    readonly channelTransactionId: string | null;
    readonly amount: Money;
  }): Promise<{ readonly refundTransactionId: string; readonly processing?: boolean }>;
  /** A refund notification it sent, its signature checked (`PAYMENT.INVALID_SIGNATURE`); absent for a channel that answers refunds at once. */
  verifyRefundCallback?(body: unknown): VerifiedRefundCallback;
}
