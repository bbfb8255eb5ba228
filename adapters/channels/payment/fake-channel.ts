import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { CallbackResult, PaymentChannelFactory, PaymentChannelHost } from '../../../application/payment/index.js';
import { PAYMENT_ERROR, paymentNotFound } from '../../../domain/payment/errors.js';
import type { ChannelCharge, PaymentChannel, VerifiedCallback, VerifiedRefundCallback } from '../../../domain/payment/ports.js';
import { DomainError } from '../../../domain/shared/domain-error.js';
import { Money } from '../../../domain/shared/money.js';

/** The body a fake-channel callback has: the success it reports, signed with the shared secret. */
export interface FakeCallbackBody {
  readonly paymentNumber: string;
  readonly transactionId: string;
  readonly amount: string;
  readonly currency: string;
  readonly paidAt: string;
  readonly signature: string;
}

/** A fake-channel refund notification: the outcome of a refund it took, signed with the shared secret. */
export interface FakeRefundCallbackBody {
  readonly paymentNumber: string;
  readonly refundId: string;
  readonly refundTransactionId: string;
  readonly amount: string;
  readonly currency: string;
  readonly outcome: 'succeeded' | 'failed';
  /** Present when the amount is what the payment has refunded so far (as Alipay's `refund_fee` is). */
  readonly amountIs?: 'refunded_so_far';
  readonly signature: string;
}

/**
 * What the fake channel does when asked to collect: 'succeed' (calls back once), 'twice' (the same
 * callback two times), 'fail' (refuses to collect), 'never' (the payer never pays — or the callback is
 * late: the test sends it later with `callbackFor`).
 */
export type FakeBehaviour = 'succeed' | 'twice' | 'fail' | 'never';

export interface FakeChannelOptions {
  readonly secret?: string;
  readonly behaviour?: FakeBehaviour;
  /** Where its callbacks go and where it reads payments (`fakePaymentChannel()` gets it from the composition root); without it the channel only signs. */
  readonly host?: PaymentChannelHost;
}

/**
 * The fake channel, configured by name (decision 0019): `createZhongtai({ ordering: { channels: [fakePaymentChannel()] } })`.
 * It calls back into that instance, as a real channel calls the callback route. For the demo mode of
 * `serve`, tests and an app that asks for it — never a default.
 */
export function fakePaymentChannel(options: Omit<FakeChannelOptions, 'host'> = {}): PaymentChannelFactory {
  return (host) => new FakePaymentChannel({ ...options, host });
}

/**
 * The transaction id the fake channel gives a payment: derived from its number alone, so the same
 * payment always has the same one — in any instance, after any restart — and completing it again is a
 * replay (PAY-1) rather than a second payment.
 */
export function fakeTransactionId(paymentNumber: string): string {
  return `FAKE${createHash('sha256').update(`zhongtai fake channel|${paymentNumber}`).digest('hex').slice(0, 24).toUpperCase()}`;
}

/**
 * A payment channel for tests and the demo: it signs its callbacks with HMAC-SHA256 like real
 * channels do, and can succeed, fail, call back twice, late or out of order. Refunds are kept by
 * refund id (a second refund with one id is the first), and can be made to fail to test retries.
 */
export class FakePaymentChannel implements PaymentChannel {
  readonly name = 'fake';
  behaviour: FakeBehaviour;
  failRefunds = false;
  /** Take refunds and tell their outcome later, by a refund notification (`refundCallbackFor`), as WeChat Pay and Alipay do. */
  refundsLater = false;
  /** What this instance was asked to collect (tests' `callbackFor` reads it; `complete` reads the database). */
  readonly charges = new Map<string, { amount: Money; at: Date }>();
  readonly refunds = new Map<string, { paymentNumber: string; amount: Money; refundTransactionId: string }>();
  private readonly secret: string;
  private readonly host: PaymentChannelHost | null;

  constructor(options: FakeChannelOptions = {}) {
    this.secret = options.secret ?? randomUUID();
    this.behaviour = options.behaviour ?? 'never';
    this.host = options.host ?? null;
  }

  async charge(p: { paymentNumber: string; amount: Money; description: string }): Promise<ChannelCharge> {
    if (this.behaviour === 'fail') {
      throw DomainError.conflict(PAYMENT_ERROR.CHANNEL_UNAVAILABLE, 'the fake channel refused to collect this payment; try again', {
        channel: this.name,
        retryable: true,
      });
    }
    this.charges.set(p.paymentNumber, { amount: p.amount, at: new Date() });
    if ((this.behaviour === 'succeed' || this.behaviour === 'twice') && this.host) {
      const body = this.callbackFor(p.paymentNumber);
      await this.host.handleCallback({ channel: this.name, body });
      if (this.behaviour === 'twice') await this.host.handleCallback({ channel: this.name, body });
    }
    return { channel: this.name, payUrl: `/payments/fake/${encodeURIComponent(p.paymentNumber)}` };
  }

  /**
   * The payer pays on the fake page: the payment is read from the database (number, amount, currency),
   * its success signed with the payment's own transaction id and handed to the callback use case. A
   * second completion is a replay: answered like the first, recording nothing.
   */
  async complete(paymentNumber: string): Promise<CallbackResult> {
    if (!this.host) throw new Error('this fake channel has no host to call back: configure it with fakePaymentChannel()');
    const p = await this.host.findPayment({ number: paymentNumber });
    return this.host.handleCallback({ channel: this.name, body: this.callbackFor(p.number, { amount: p.amount, currency: p.currency }) });
  }

  /**
   * A signed success callback for a payment: by default of what this instance was asked to collect,
   * with the payment's own transaction id (amount, currency, time and transaction id may be given).
   */
  callbackFor(paymentNumber: string, o: { transactionId?: string; amount?: string; currency?: string; paidAt?: Date } = {}): FakeCallbackBody {
    const charge = this.charges.get(paymentNumber);
    if (!charge && o.amount === undefined) throw paymentNotFound(paymentNumber);
    const unsigned = {
      paymentNumber,
      transactionId: o.transactionId ?? fakeTransactionId(paymentNumber),
      amount: o.amount ?? charge!.amount.toString(),
      currency: o.currency ?? charge?.amount.currency ?? 'CNY',
      paidAt: (o.paidAt ?? new Date()).toISOString(),
    };
    return { ...unsigned, signature: this.sign(unsigned) };
  }

  verifyCallback(body: unknown): VerifiedCallback {
    const b = body as Partial<FakeCallbackBody> | null;
    const fields = ['paymentNumber', 'transactionId', 'amount', 'currency', 'paidAt', 'signature'] as const;
    if (b === null || typeof b !== 'object' || fields.some((f) => typeof b[f] !== 'string' || b[f]!.length === 0 || b[f]!.length > 128)) {
      throw DomainError.invalid(PAYMENT_ERROR.INVALID_CALLBACK, `a fake-channel callback has ${fields.join(', ')}`, { channel: this.name });
    }
    const expected = Buffer.from(this.sign(b as FakeCallbackBody), 'hex');
    const given = Buffer.from(b.signature!, 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new DomainError(PAYMENT_ERROR.INVALID_SIGNATURE, 'the callback signature does not hold', 'unauthenticated', { channel: this.name });
    }
    const paidAt = new Date(b.paidAt!);
    if (!/^\d{1,13}(\.\d{1,2})?$/.test(b.amount!) || Number.isNaN(paidAt.getTime()) || !/^[A-Z]{3}$/.test(b.currency!)) {
      throw DomainError.invalid(PAYMENT_ERROR.INVALID_CALLBACK, 'a callback amount is like "12.30" and its time ISO 8601', { channel: this.name });
    }
    return {
      paymentNumber: b.paymentNumber!,
      callback: { channel: this.name, channelTransactionId: b.transactionId!, amount: Money.of(b.amount!, b.currency!), paidAt },
    };
  }

  async refund(r: {
    paymentNumber: string;
    refundId: string;
    channelTransactionId: string | null;
    amount: Money;
  }): Promise<{ refundTransactionId: string; processing?: boolean }> {
    const done = this.refunds.get(r.refundId);
    if (done) return { refundTransactionId: done.refundTransactionId, ...(this.refundsLater ? { processing: true } : {}) };
    if (this.failRefunds) throw new Error('the fake channel is down');
    const refundTransactionId = `FAKER${this.refunds.size + 1}`;
    this.refunds.set(r.refundId, { paymentNumber: r.paymentNumber, amount: r.amount, refundTransactionId });
    return { refundTransactionId, ...(this.refundsLater ? { processing: true } : {}) };
  }

  /**
   * The signed refund notification of a refund this instance took (its amount unless given). A `failed`
   * one forgets the refund, so the channel takes it anew when asked again.
   */
  refundCallbackFor(
    refundId: string,
    outcome: 'succeeded' | 'failed' = 'succeeded',
    o: { amount?: string; amountIs?: 'refunded_so_far' } = {},
  ): FakeRefundCallbackBody {
    const r = this.refunds.get(refundId);
    if (!r) throw new Error(`the fake channel took no refund ${refundId}`);
    if (outcome === 'failed') this.refunds.delete(refundId);
    const unsigned = {
      paymentNumber: r.paymentNumber,
      refundId,
      refundTransactionId: r.refundTransactionId,
      amount: o.amount ?? r.amount.toString(),
      currency: r.amount.currency,
      outcome,
      ...(o.amountIs ? { amountIs: o.amountIs } : {}),
    };
    return { ...unsigned, signature: this.signRefund(unsigned) };
  }

  verifyRefundCallback(body: unknown): VerifiedRefundCallback {
    const b = body as Partial<FakeRefundCallbackBody> | null;
    const fields = ['paymentNumber', 'refundId', 'refundTransactionId', 'amount', 'currency', 'outcome', 'signature'] as const;
    if (b === null || typeof b !== 'object' || fields.some((f) => typeof b[f] !== 'string' || b[f]!.length === 0 || b[f]!.length > 128)) {
      throw DomainError.invalid(PAYMENT_ERROR.INVALID_CALLBACK, `a fake-channel refund notification has ${fields.join(', ')}`, { channel: this.name });
    }
    const expected = Buffer.from(this.signRefund(b as FakeRefundCallbackBody), 'hex');
    const given = Buffer.from(b.signature!, 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new DomainError(PAYMENT_ERROR.INVALID_SIGNATURE, 'the refund notification signature does not hold', 'unauthenticated', { channel: this.name });
    }
    if (!/^\d{1,13}(\.\d{1,2})?$/.test(b.amount!) || !/^[A-Z]{3}$/.test(b.currency!) || (b.outcome !== 'succeeded' && b.outcome !== 'failed')) {
      throw DomainError.invalid(PAYMENT_ERROR.INVALID_CALLBACK, 'a refund notification amount is like "12.30" and its outcome succeeded or failed', {
        channel: this.name,
      });
    }
    return {
      paymentNumber: b.paymentNumber!,
      refundId: b.refundId!,
      refundTransactionId: b.refundTransactionId!,
      amount: Money.of(b.amount!, b.currency!),
      outcome: b.outcome,
      ...(b.amountIs === 'refunded_so_far' ? { amountIs: b.amountIs } : {}),
    };
  }

  private signRefund(b: Omit<FakeRefundCallbackBody, 'signature'>): string {
    return createHmac('sha256', this.secret)
      .update(['refund', b.paymentNumber, b.refundId, b.refundTransactionId, b.amount, b.currency, b.outcome, ...(b.amountIs ? [b.amountIs] : [])].join('|'))
      .digest('hex');
  }

  private sign(b: Omit<FakeCallbackBody, 'signature'>): string {
    return createHmac('sha256', this.secret).update([b.paymentNumber, b.transactionId, b.amount, b.currency, b.paidAt].join('|')).digest('hex');
  }
}
