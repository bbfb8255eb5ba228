// PAY-1 through the Stripe channel: a zhongtai configured with it pays an order against the local fake of Stripe's API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StripePaymentChannel, stripePaymentChannel } from '../../adapters/channels/payment/stripe/index.js';
import { PAYMENT_STORE } from '../../application/payment/store.js';
import { codeOf, inTx } from '../adapters/contract/support.js';
import { checkoutWorld, type CheckoutWorld } from '../support/checkout-world.js';
import { FakeStripe, type SignedEvent } from '../support/fakes/stripe-server.js';

const consignee = { name: '张三', phone: '13800000000', district: '330106', address: '文三路 1 号' };

describe('a zhongtai that takes Stripe', () => {
  let fake: FakeStripe;
  let w: CheckoutWorld;
  beforeAll(async () => {
    fake = await FakeStripe.start();
    w = await checkoutWorld({ ordering: { channels: [stripePaymentChannel(fake.config())] } });
  });
  afterAll(() => fake.close());

  const callback = (e: SignedEvent, rawBody = e.raw) => ({
    channel: 'stripe',
    body: JSON.parse(e.raw),
    request: { rawBody, headers: { 'stripe-signature': e.header } },
  });
  const stored = (paymentId: string) => inTx(w.zt.persistence, (tx) => tx.use(PAYMENT_STORE).payments.get(paymentId));

  it('pays an order: the intent is of the payable in fen; a tampered success is refused and writes nothing; the signed one pays once, again is a replay', async () => {
    expect(w.zt.payments.channels.names).toEqual(['stripe']);
    expect(w.zt.payments.channels.get('stripe')).toBeInstanceOf(StripePaymentChannel);
    const { orderId } = await w.zt.orders.place({ memberId: 'm1', consignee, buyNow: { skuId: w.skus.p2, quantity: 3 }, coupons: 'none' });
    const opened = await w.zt.payments.pay({ memberId: 'm1', orderIds: [orderId], channel: 'stripe' });
    const intent = fake.intents.get(opened.params!.paymentIntentId!)!;
    expect(opened).toMatchObject({ channel: 'stripe', payUrl: null, params: { clientSecret: intent.client_secret, paymentIntentId: intent.id } });
    // P2 is 9.90 a piece; three, with the platform shop's 6.00 freight: 35.70 = 3570 fen.
    expect([opened.amount, intent.amount, intent.currency, intent.metadata.payment_number]).toEqual(['35.70', 3570, 'cny', opened.number]);

    const success = fake.pay(intent.id);
    const tampered = success.raw.replace(`"id": "${intent.id}"`, '"id": "pi_forged"');
    expect(tampered).not.toBe(success.raw);
    expect(await codeOf(w.zt.payments.handleCallback(callback(success, tampered)))).toBe('PAYMENT.INVALID_SIGNATURE');
    expect((await stored(opened.paymentId!))!.status).toBe('unpaid');
    expect((await stored(opened.paymentId!))!.toSnapshot().callbacks).toEqual([]);

    const first = await w.zt.payments.handleCallback(callback(success));
    expect(first).toEqual({ paymentId: opened.paymentId, outcome: 'paid', replayed: false, orderIds: [orderId] });
    const again = await w.zt.payments.handleCallback(callback(success));
    expect(again).toEqual({ paymentId: opened.paymentId, outcome: 'paid', replayed: true, orderIds: [orderId] });

    const payment = (await stored(opened.paymentId!))!;
    expect(payment.status).toBe('paid');
    expect(payment.toSnapshot().callbacks.map((c) => [c.channel, c.channelTransactionId, c.amount.toString()])).toEqual([['stripe', intent.id, '35.70']]);
    expect((await w.zt.orderQueries.get({ memberId: 'm1', orderId })).status).toBe('pending_shipment');
  });

  it('a success without the raw body (the HTTP layer must hand it over) is INVALID_CALLBACK, and a wrong secret INVALID_SIGNATURE', async () => {
    const { orderId } = await w.zt.orders.place({ memberId: 'm1', consignee, buyNow: { skuId: w.skus.p2, quantity: 1 }, coupons: 'none' });
    const opened = await w.zt.payments.pay({ memberId: 'm1', orderIds: [orderId], channel: 'stripe' });
    const success = fake.pay(opened.params!.paymentIntentId!);
    expect(await codeOf(w.zt.payments.handleCallback({ channel: 'stripe', body: JSON.parse(success.raw) }))).toBe('PAYMENT.INVALID_CALLBACK');
    const forged = { ...success, header: fake.sign(success.raw, new Date(), 'whsec_not_the_endpoint_secret') };
    expect(await codeOf(w.zt.payments.handleCallback(callback(forged)))).toBe('PAYMENT.INVALID_SIGNATURE');
    expect((await stored(opened.paymentId!))!.status).toBe('unpaid');
  });
});
