import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { PAYMENT_ERROR, paymentNotFound } from '../../domain/payment/errors.js';
import type { ChannelCharge, PaymentChannel, VerifiedCallback } from '../../domain/payment/ports.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { Money } from '../../domain/shared/money.js';

/** The body a fake-channel callback has: the success it reports, signed with the shared secret. */
export interface FakeCallbackBody {
  readonly paymentNumber: string;
  readonly transactionId: string;
  readonly amount: string;
  readonly currency: string;
  readonly paidAt: string;
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
  /** Where callbacks go (the composition root binds the callback use case); without it they are only kept. */
  readonly deliver?: (body: FakeCallbackBody) => Promise<unknown>;
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
  deliver: ((body: FakeCallbackBody) => Promise<unknown>) | null;
  readonly charges = new Map<string, { amount: Money; at: Date }>();
  readonly refunds = new Map<string, { paymentNumber: string; amount: Money; refundTransactionId: string }>();
  private readonly secret: string;

  constructor(options: FakeChannelOptions = {}) {
    this.secret = options.secret ?? randomUUID();
    this.behaviour = options.behaviour ?? 'never';
    this.deliver = options.deliver ?? null;
  }

  async charge(p: { paymentNumber: string; amount: Money; description: string }): Promise<ChannelCharge> {
    if (this.behaviour === 'fail') {
      throw DomainError.conflict(PAYMENT_ERROR.CHANNEL_UNAVAILABLE, 'the fake channel refused to collect this payment; try again', { channel: this.name, retryable: true });
    }
    this.charges.set(p.paymentNumber, { amount: p.amount, at: new Date() });
    if ((this.behaviour === 'succeed' || this.behaviour === 'twice') && this.deliver) {
      const body = this.callbackFor(p.paymentNumber);
      await this.deliver(body);
      if (this.behaviour === 'twice') await this.deliver(body);
    }
    return { channel: this.name, payUrl: `/payments/fake/${encodeURIComponent(p.paymentNumber)}` };
  }

  /** A signed success callback for a payment this channel was asked to collect (amount, time and transaction id may be overridden). */
  callbackFor(paymentNumber: string, o: { transactionId?: string; amount?: string; paidAt?: Date } = {}): FakeCallbackBody {
    const charge = this.charges.get(paymentNumber);
    if (!charge && o.amount === undefined) throw paymentNotFound(paymentNumber);
    const unsigned = {
      paymentNumber,
      transactionId: o.transactionId ?? `FAKE${randomUUID().replaceAll('-', '').slice(0, 20).toUpperCase()}`,
      amount: o.amount ?? charge!.amount.toString(),
      currency: charge?.amount.currency ?? 'CNY',
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

  async refund(r: { paymentNumber: string; refundId: string; channelTransactionId: string | null; amount: Money }): Promise<{ refundTransactionId: string }> {
    const done = this.refunds.get(r.refundId);
    if (done) return { refundTransactionId: done.refundTransactionId };
    if (this.failRefunds) throw new Error('the fake channel is down');
    const refundTransactionId = `FAKER${this.refunds.size + 1}`;
    this.refunds.set(r.refundId, { paymentNumber: r.paymentNumber, amount: r.amount, refundTransactionId });
    return { refundTransactionId };
  }

  private sign(b: Omit<FakeCallbackBody, 'signature'>): string {
    return createHmac('sha256', this.secret).update([b.paymentNumber, b.transactionId, b.amount, b.currency, b.paidAt].join('|')).digest('hex');
  }
}
