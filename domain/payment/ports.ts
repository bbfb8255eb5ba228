import type { Money } from '../shared/money.js';
import type { Payment, PaymentCallback, PaymentSnapshot, PaymentStatus } from './payment.js';
import type { StatementRecord } from './reconciliation.js';

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
  /** Staff search, newest first, at most `limit`: read only (snapshots, nothing to save). */
  search(q: PaymentSearch): Promise<PaymentSnapshot[]>;
}

/**
 * What staff look payments up by: any of the payment's number, an order it pays, its member, status,
 * the channel that took it, when it was opened [from, to) — or, for refunds, a refund made in
 * [refundedFrom, refundedTo) (the payments that made one).
 */
export interface PaymentSearch {
  readonly number?: string;
  readonly orderId?: string;
  readonly memberId?: string;
  readonly status?: PaymentStatus;
  readonly channel?: string;
  readonly from?: Date;
  readonly to?: Date;
  readonly refunded?: { readonly from?: Date; readonly to?: Date };
  readonly limit: number;
}

/**
 * What the payer's app needs to pay at the channel: a page or QR-code URL (WeChat Pay Native `code_url`,
 * H5 `h5_url`, an Alipay page/wap URL), and/or the parameters of an in-app payment (WeChat Pay JSAPI's
 * signed `appId`/`timeStamp`/`nonceStr`/`package`/`signType`/`paySign`, Alipay app's order string,
 * Stripe's PaymentIntent `client_secret`).
 */
export interface ChannelCharge {
  readonly channel: string;
  readonly payUrl: string | null;
  readonly params?: Readonly<Record<string, string>>;
}

/** What a channel is asked to collect. */
export interface ChargeRequest {
  readonly paymentNumber: string;
  readonly amount: Money;
  readonly description: string;
  /** How the payer pays, in the channel's terms (WeChat Pay `jsapi` | `native` | `h5`; Alipay `page` | `wap` | `app`); the channel's default when absent. */
  readonly method?: string;
  /** Who pays: WeChat Pay JSAPI needs the payer's `openId`; H5 the payer's IP. */
  readonly payer?: { readonly openId?: string; readonly ip?: string };
  /** PAY-2: the channel stops taking the payment at this time (WeChat Pay `time_expire`, Alipay `time_expire`). */
  readonly expiresAt?: Date;
}

/**
 * A notification as it reached the HTTP edge: the exact body text (WeChat Pay v3 and Stripe sign the
 * bytes) and the headers, names in lower case. Absent when a caller in the process hands over a body
 * it made (the fake channel); a real channel refuses a notification without it (`PAYMENT.INVALID_CALLBACK`).
 */
export interface ChannelRequest {
  readonly rawBody: string;
  readonly headers: Readonly<Record<string, string | undefined>>;
}

/** What the channel says of a payment when asked (查询订单): for a notification that never came. */
export interface ChannelPaymentStatus {
  readonly state: 'unpaid' | 'paid' | 'closed' | 'refunded' | 'failed';
  /** When paid: the same success a notification carries (PAY-1 treats both alike). */
  readonly callback?: PaymentCallback;
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
  /**
   * What `amount` is: this refund's own amount (the default), or all the payment has refunded at the
   * channel so far, this refund included (Alipay's `refund_fee`), which is checked as a range.
   */
  readonly amountIs?: 'this_refund' | 'refunded_so_far';
}

/**
 * Port: a payment channel (WeChat Pay, Alipay, UnionPay … or the fake one). It collects a payment,
 * turns a callback it sent into a `VerifiedCallback` — `PAYMENT.INVALID_SIGNATURE` when the signature
 * does not hold, before anything is read from it — and gives money back (idempotent per refund id).
 */
export interface PaymentChannel {
  readonly name: string;
  charge(p: ChargeRequest): Promise<ChannelCharge>;
  /** `body` as the HTTP layer parsed it (JSON, or form fields), `request` the body's exact text and the headers. */
  verifyCallback(body: unknown, request?: ChannelRequest): VerifiedCallback;
  /**
   * Gives money back, idempotent per refund id. `processing`: the channel took the refund and tells its
   * outcome later by a refund notification (`verifyRefundCallback`); otherwise it is done.
   */
  refund(r: {
    readonly paymentNumber: string;
    readonly refundId: string;
    readonly channelTransactionId: string | null;
    readonly amount: Money;
    /** What the payment collected in all (WeChat Pay's refund names the order's total). */
    readonly paymentAmount?: Money;
  }): Promise<{ readonly refundTransactionId: string; readonly processing?: boolean }>;
  /** A refund notification it sent, its signature checked (`PAYMENT.INVALID_SIGNATURE`); absent for a channel that answers refunds at once. */
  verifyRefundCallback?(body: unknown, request?: ChannelRequest): VerifiedRefundCallback;
  /**
   * For a channel that sends refund notifications to its payment notification address (Alipay): whether
   * this one is about a refund, read from its fields before any check (`verifyRefundCallback` checks it).
   */
  isRefundNotification?(body: unknown, request?: ChannelRequest): boolean;
  /**
   * The answer the channel expects to a notification it sent once it is handled (Alipay: the text
   * `success`); absent: the JSON result with 200, which WeChat Pay and Stripe take.
   */
  readonly acknowledgement?: { readonly contentType: string; readonly body: string };
  /** 查询订单: the channel's own state of a payment. */
  query?(paymentNumber: string): Promise<ChannelPaymentStatus>;
  /** 关闭订单: the channel stops taking the payment (PAY-2 closes it here); closing one closed already is no error. */
  close?(paymentNumber: string): Promise<void>;
  /** 下载对账单: every payment and refund the channel settled on `day` (YYYY-MM-DD, in the channel's time zone). */
  statement?(day: string): Promise<StatementRecord[]>;
  /** The same records from the statement file an operator downloaded from the channel's console and uploads. */
  parseStatement?(file: Uint8Array): StatementRecord[];
}
