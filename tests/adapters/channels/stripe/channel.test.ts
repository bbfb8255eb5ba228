// The Stripe channel end to end through the official SDK against the local fake of Stripe's API.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StripePaymentChannel } from '../../../../adapters/channels/payment/stripe/index.js';
import type { ChannelRequest } from '../../../../domain/payment/ports.js';
import { DomainError } from '../../../../domain/shared/domain-error.js';
import { Money } from '../../../../domain/shared/money.js';
import { FakeStripe, type SignedEvent } from '../../../support/fakes/stripe-server.js';

let fake: FakeStripe;
let channel: StripePaymentChannel;
beforeEach(async () => {
  fake = await FakeStripe.start();
  channel = new StripePaymentChannel(fake.config());
});
afterEach(() => fake.close());

const request = (e: SignedEvent, header = e.header): ChannelRequest => ({ rawBody: e.raw, headers: { 'stripe-signature': header } });

async function refusalOf(run: () => unknown): Promise<{ kind: string; code: string; details: Record<string, unknown>; message: string }> {
  try {
    await run();
  } catch (e) {
    if (e instanceof DomainError) return { kind: e.kind, code: e.code, details: { ...e.details }, message: e.message };
    throw e;
  }
  throw new Error('expected a refusal');
}

/** A payment opened and paid at the fake: its intent id and signed success. */
async function paid(number: string, amount: Money): Promise<{ intentId: string; success: SignedEvent }> {
  const charge = await channel.charge({ paymentNumber: number, amount, description: `zhongtai ${number}` });
  const intentId = charge.params!.paymentIntentId!;
  return { intentId, success: fake.pay(intentId, new Date('2026-03-02T02:00:05Z')) };
}

describe('charge: a PaymentIntent in minor units, once per payment number', () => {
  it('123.45 CNY is 12345 "cny" with the number in metadata, automatic payment methods, key pi-<number>; the app gets the client secret', async () => {
    const answer = await channel.charge({ paymentNumber: 'P-1', amount: Money.of('123.45', 'CNY'), description: 'zhongtai SO-1' });
    const [pi] = [...fake.intents.values()];
    expect(pi).toMatchObject({ amount: 12345, currency: 'cny', description: 'zhongtai SO-1', metadata: { payment_number: 'P-1' } });
    expect(pi!.automatic_payment_methods).toEqual({ enabled: true });
    expect(answer).toEqual({ channel: 'stripe', payUrl: null, params: { clientSecret: pi!.client_secret, paymentIntentId: pi!.id } });
    expect(fake.requests.map((r) => [r.method, r.path, r.key])).toEqual([['POST', '/v1/payment_intents', 'pi-P-1']]);
  });

  it('JPY has no minor unit: ¥1500 is amount 1500; USD 0.99 is 99', async () => {
    await channel.charge({ paymentNumber: 'P-JPY', amount: Money.of('1500', 'JPY'), description: 'd' });
    await channel.charge({ paymentNumber: 'P-USD', amount: Money.of('0.99', 'USD'), description: 'd' });
    expect([...fake.intents.values()].map((i) => [i.amount, i.currency])).toEqual([
      [1500, 'jpy'],
      [99, 'usd'],
    ]);
  });

  it('charging the same payment again answers the same intent (one at Stripe); other parameters under its key are refused', async () => {
    const a = await channel.charge({ paymentNumber: 'P-2', amount: Money.of('10.00', 'CNY'), description: 'd' });
    const b = await channel.charge({ paymentNumber: 'P-2', amount: Money.of('10.00', 'CNY'), description: 'd' });
    expect(b).toEqual(a);
    expect(fake.intents.size).toBe(1);
    const other = await refusalOf(() => channel.charge({ paymentNumber: 'P-2', amount: Money.of('11.00', 'CNY'), description: 'd' }));
    expect([other.code, other.details.retryable, other.details.stripeType]).toEqual(['PAYMENT.CHANNEL_UNAVAILABLE', false, 'StripeIdempotencyError']);
    expect(fake.intents.size).toBe(1);
  });

  it('a currency whose minor unit Stripe counts otherwise (CLP: whole pesos there, cents here) is refused before any request', async () => {
    const e = await refusalOf(() => channel.charge({ paymentNumber: 'P-CLP', amount: Money.of('1000.00', 'CLP'), description: 'd' }));
    expect([e.code, e.details.reason]).toEqual(['PAYMENT.INVALID_PAYMENT', 'CURRENCY_NOT_SUPPORTED']);
    expect(fake.requests).toEqual([]);
  });

  it('a create that meets 500 twice is retried by the SDK with the same key: one intent; 500 three times is CHANNEL_UNAVAILABLE, retryable', async () => {
    fake.failNext(2, '500');
    await channel.charge({ paymentNumber: 'P-3', amount: Money.of('1.00', 'CNY'), description: 'd' });
    expect(fake.requests.map((r) => [r.key, r.status])).toEqual([
      ['pi-P-3', 500],
      ['pi-P-3', 500],
      ['pi-P-3', 200],
    ]);
    fake.failNext(3, '500');
    const e = await refusalOf(() => channel.charge({ paymentNumber: 'P-4', amount: Money.of('1.00', 'CNY'), description: 'd' }));
    expect([e.kind, e.code, e.details.channel, e.details.retryable, e.details.status]).toEqual([
      'conflict',
      'PAYMENT.CHANNEL_UNAVAILABLE',
      'stripe',
      true,
      500,
    ]);
    expect(fake.intents.size).toBe(1);
  }, 20_000);

  it('Stripe that cannot be reached at all is CHANNEL_UNAVAILABLE, retryable', async () => {
    await fake.close();
    const e = await refusalOf(() => channel.charge({ paymentNumber: 'P-5', amount: Money.of('1.00', 'CNY'), description: 'd' }));
    expect([e.code, e.details.retryable, e.details.stripeType]).toEqual(['PAYMENT.CHANNEL_UNAVAILABLE', true, 'StripeConnectionError']);
    fake = await FakeStripe.start();
  }, 20_000);
});

describe('the payment_intent.succeeded webhook', () => {
  it('verified, it is the payment number, the intent as transaction, amount_received in minor units and the charge time', async () => {
    const { intentId, success } = await paid('P-10', Money.of('123.45', 'CNY'));
    const v = channel.verifyCallback(JSON.parse(success.raw), request(success));
    expect(v.paymentNumber).toBe('P-10');
    expect(v.callback).toEqual({
      channel: 'stripe',
      channelTransactionId: intentId,
      amount: Money.of('123.45', 'CNY'),
      paidAt: new Date('2026-03-02T02:00:05Z'),
    });
    expect(v.callback.amount.toString()).toBe('123.45');
  });

  it('¥98765 JPY comes back as 98765 JPY, not 987.65', async () => {
    const { success } = await paid('P-11', Money.of('98765', 'JPY'));
    expect(channel.verifyCallback(null, request(success)).callback.amount.toString()).toBe('98765');
  });

  it('refused before the body is read: a wrong secret, a tampered body, a signature older than 300 s, no header, no request', async () => {
    const { intentId, success } = await paid('P-12', Money.of('10.00', 'CNY'));
    const pi = fake.intents.get(intentId)!;
    const cases: [string, () => unknown, string, string][] = [
      [
        'wrong secret',
        () => channel.verifyCallback(null, request(success, fake.sign(success.raw, new Date(), 'whsec_wrong'))),
        'INVALID_SIGNATURE',
        'SIGNATURE_MISMATCH',
      ],
      [
        'tampered',
        () => channel.verifyCallback(null, { ...request(success), rawBody: success.raw.replace('"amount_received": 1000', '"amount_received": 1') }),
        'INVALID_SIGNATURE',
        'SIGNATURE_MISMATCH',
      ],
      [
        'old',
        () => channel.verifyCallback(null, request(fake.event('payment_intent.succeeded', pi, new Date(), { signedAt: new Date(Date.now() - 301_000) }))),
        'INVALID_SIGNATURE',
        'TIMESTAMP_OUTSIDE_TOLERANCE',
      ],
      ['no header', () => channel.verifyCallback(null, { rawBody: success.raw, headers: {} }), 'INVALID_SIGNATURE', 'NO_SIGNATURE'],
      ['no request', () => channel.verifyCallback(JSON.parse(success.raw)), 'INVALID_CALLBACK', 'NO_RAW_BODY'],
    ];
    for (const [what, run, code, reason] of cases) {
      const e = await refusalOf(run);
      expect([what, e.code, e.details.reason], what).toEqual([what, `PAYMENT.${code}`, reason]);
    }
    expect(success.raw).toContain('"amount_received": 1000');
  });

  it('a signed event of another type is INVALID_CALLBACK with reason UNHANDLED_EVENT; a signed body that is not JSON, NOT_JSON', async () => {
    const { intentId } = await paid('P-13', Money.of('10.00', 'CNY'));
    const other = fake.event('payment_intent.processing', fake.intents.get(intentId)!);
    expect((await refusalOf(() => channel.verifyCallback(null, request(other)))).details).toMatchObject({
      reason: 'UNHANDLED_EVENT',
      eventType: 'payment_intent.processing',
    });
    const junk = 'not json';
    const e = await refusalOf(() => channel.verifyCallback(null, { rawBody: junk, headers: { 'stripe-signature': fake.sign(junk, new Date()) } }));
    expect([e.code, e.details.reason]).toEqual(['PAYMENT.INVALID_CALLBACK', 'NOT_JSON']);
  });
});

describe('refunds: Refunds under re-<refund id>, their outcome by refund.updated', () => {
  it('a pending refund is processing; refund.updated succeeded → the refund id, its re_ id, 25.00 CNY, succeeded', async () => {
    const { intentId } = await paid('P-20', Money.of('100.00', 'CNY'));
    const r = await channel.refund({ paymentNumber: 'P-20', refundId: 'R-1', channelTransactionId: intentId, amount: Money.of('25.00', 'CNY') });
    expect(r.processing).toBe(true);
    const re = fake.refunds.get(r.refundTransactionId)!;
    expect(re).toMatchObject({ amount: 2500, payment_intent: intentId, status: 'pending', metadata: { refund_id: 'R-1', payment_number: 'P-20' } });
    expect(fake.requests.filter((x) => x.method === 'POST' && x.path === '/v1/refunds').map((x) => x.key)).toEqual(['re-R-1']);
    const done = fake.settleRefund(r.refundTransactionId, 'succeeded');
    expect(channel.verifyRefundCallback(null, request(done))).toEqual({
      paymentNumber: 'P-20',
      refundId: 'R-1',
      refundTransactionId: r.refundTransactionId,
      amount: Money.of('25.00', 'CNY'),
      outcome: 'succeeded',
    });
    // Asked again after it succeeded: the same refund, done.
    expect(await channel.refund({ paymentNumber: 'P-20', refundId: 'R-1', channelTransactionId: intentId, amount: Money.of('25.00', 'CNY') })).toEqual({
      refundTransactionId: r.refundTransactionId,
      processing: false,
    });
    expect(fake.refunds.size).toBe(1);
  });

  it('a refund that meets 500 twice is one refund at Stripe (the SDK retried under re-R-2); one processed whose answer was lost, too', async () => {
    const { intentId } = await paid('P-21', Money.of('100.00', 'CNY'));
    fake.failNext(2, '500', (m, p) => m === 'POST' && p === '/v1/refunds');
    const a = await channel.refund({ paymentNumber: 'P-21', refundId: 'R-2', channelTransactionId: intentId, amount: Money.of('30.00', 'CNY') });
    expect(fake.requests.filter((x) => x.path === '/v1/refunds' && x.method === 'POST').map((x) => [x.key, x.status])).toEqual([
      ['re-R-2', 500],
      ['re-R-2', 500],
      ['re-R-2', 200],
    ]);
    const hanging = new StripePaymentChannel(fake.config({ timeoutMs: 300 }));
    fake.failNext(1, 'hang', (m, p) => m === 'POST' && p === '/v1/refunds');
    const b = await hanging.refund({ paymentNumber: 'P-21', refundId: 'R-3', channelTransactionId: intentId, amount: Money.of('20.00', 'CNY') });
    expect(fake.requests.filter((x) => x.key === 're-R-3').map((x) => x.status)).toEqual([null, 200]);
    expect([...fake.refunds.values()].map((x) => [x.id, x.metadata.refund_id, x.amount])).toEqual([
      [a.refundTransactionId, 'R-2', 3000],
      [b.refundTransactionId, 'R-3', 2000],
    ]);
  }, 20_000);

  it('refund.updated failed → failed; asked again, the refund id gets a new Refund under re-R-4-2, and only one however often asked', async () => {
    const { intentId } = await paid('P-22', Money.of('50.00', 'CNY'));
    const first = await channel.refund({ paymentNumber: 'P-22', refundId: 'R-4', channelTransactionId: intentId, amount: Money.of('50.00', 'CNY') });
    expect(channel.verifyRefundCallback(null, request(fake.settleRefund(first.refundTransactionId, 'failed'))).outcome).toBe('failed');
    const again = await channel.refund({ paymentNumber: 'P-22', refundId: 'R-4', channelTransactionId: intentId, amount: Money.of('50.00', 'CNY') });
    const third = await channel.refund({ paymentNumber: 'P-22', refundId: 'R-4', channelTransactionId: intentId, amount: Money.of('50.00', 'CNY') });
    expect(again.refundTransactionId).not.toBe(first.refundTransactionId);
    expect(third).toEqual(again);
    expect(fake.requests.filter((x) => x.path === '/v1/refunds' && x.method === 'POST').map((x) => x.key)).toEqual(['re-R-4', 're-R-4-2']);
    expect(channel.verifyRefundCallback(null, request(fake.settleRefund(again.refundTransactionId, 'canceled'))).outcome).toBe('failed');
  });

  it('without the transaction id the intent is found by its number (Search API); a refund that is still pending in an event is not final', async () => {
    await paid('P-23', Money.of('8.00', 'USD'));
    const fresh = new StripePaymentChannel(fake.config());
    const r = await fresh.refund({ paymentNumber: 'P-23', refundId: 'R-5', channelTransactionId: null, amount: Money.of('8.00', 'USD') });
    expect(fake.requests.some((x) => x.path === '/v1/payment_intents/search')).toBe(true);
    const pending = fake.event('refund.updated', fake.refunds.get(r.refundTransactionId)!);
    expect((await refusalOf(() => fresh.verifyRefundCallback(null, request(pending)))).details).toMatchObject({
      reason: 'REFUND_NOT_FINAL',
      status: 'pending',
    });
    const e = await refusalOf(() => fresh.refund({ paymentNumber: 'NOBODY', refundId: 'R-6', channelTransactionId: null, amount: Money.of('1.00', 'USD') }));
    expect(e.code).toBe('PAYMENT.NOT_FOUND');
  });

  it("with a refund endpoint of its own, refund events verify with its secret and not the payment endpoint's", async () => {
    const split = new StripePaymentChannel(fake.config({ refundWebhookSecret: 'whsec_refund_endpoint' }));
    const { intentId } = await paid('P-25', Money.of('40.00', 'CNY'));
    const r = await split.refund({ paymentNumber: 'P-25', refundId: 'R-8', channelTransactionId: intentId, amount: Money.of('15.00', 'CNY') });
    const settled = fake.settleRefund(r.refundTransactionId, 'succeeded');
    expect((await refusalOf(() => split.verifyRefundCallback(null, request(settled)))).code).toBe('PAYMENT.INVALID_SIGNATURE');
    const own = request(settled, fake.sign(settled.raw, new Date(), 'whsec_refund_endpoint'));
    expect(split.verifyRefundCallback(null, own)).toMatchObject({ refundId: 'R-8', amount: Money.of('15.00', 'CNY'), outcome: 'succeeded' });
  });

  it('charge.refunded with its refunds embedded is read as the latest refund; a refund notification is signed like any webhook', async () => {
    const { intentId } = await paid('P-24', Money.of('40.00', 'CNY'));
    fake.refundStatus = 'succeeded';
    const r = await channel.refund({ paymentNumber: 'P-24', refundId: 'R-7', channelTransactionId: intentId, amount: Money.of('40.00', 'CNY') });
    expect(r.processing).toBe(false);
    const charge = fake.charges.get(fake.intents.get(intentId)!.latest_charge)!;
    const event = fake.event('charge.refunded', { ...charge, refunds: { object: 'list', data: [fake.refunds.get(r.refundTransactionId)] } });
    expect(channel.verifyRefundCallback(null, request(event))).toMatchObject({ refundId: 'R-7', paymentNumber: 'P-24', outcome: 'succeeded' });
    expect((await refusalOf(() => channel.verifyRefundCallback(null, request(event, fake.sign(event.raw, new Date(), 'whsec_x'))))).code).toBe(
      'PAYMENT.INVALID_SIGNATURE',
    );
    const bare = fake.event('charge.refunded', charge);
    expect((await refusalOf(() => channel.verifyRefundCallback(null, request(bare)))).details.reason).toBe('REFUNDS_NOT_EMBEDDED');
  });
});

describe('query and close', () => {
  it("query: requires_payment_method → unpaid; succeeded → paid with the webhook's success; fully refunded → refunded; canceled → closed; unknown → NOT_FOUND", async () => {
    await channel.charge({ paymentNumber: 'P-30', amount: Money.of('9.90', 'CNY'), description: 'd' });
    expect(await channel.query('P-30')).toEqual({ state: 'unpaid' });
    const { success, intentId } = await paid('P-31', Money.of('12.30', 'CNY'));
    const fresh = new StripePaymentChannel(fake.config());
    expect(await fresh.query('P-31')).toEqual({ state: 'paid', callback: channel.verifyCallback(null, request(success)).callback });
    fake.refundStatus = 'succeeded';
    await channel.refund({ paymentNumber: 'P-31', refundId: 'R-30', channelTransactionId: intentId, amount: Money.of('12.30', 'CNY') });
    expect((await fresh.query('P-31')).state).toBe('refunded');
    await channel.close('P-30');
    expect(await fresh.query('P-30')).toEqual({ state: 'closed' });
    expect((await refusalOf(() => fresh.query('P-NONE'))).code).toBe('PAYMENT.NOT_FOUND');
  });

  it('close cancels an open intent; closing it again, or one Stripe never had, is no error; a paid one is INVALID_TRANSITION (paid at Stripe)', async () => {
    const { params } = await channel.charge({ paymentNumber: 'P-32', amount: Money.of('5.00', 'CNY'), description: 'd' });
    await channel.close('P-32');
    expect(fake.intents.get(params!.paymentIntentId!)!.status).toBe('canceled');
    await channel.close('P-32');
    await channel.close('P-NEVER');
    const { intentId } = await paid('P-33', Money.of('5.00', 'CNY'));
    const e = await refusalOf(() => channel.close('P-33'));
    expect([e.kind, e.code, e.details.reason, e.details.channelTransactionId]).toEqual(['conflict', 'PAYMENT.INVALID_TRANSITION', 'PAID_AT_CHANNEL', intentId]);
    expect(fake.intents.get(intentId)!.status).toBe('succeeded');
  });
});
