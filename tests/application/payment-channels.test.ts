import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createZhongtai, type Zhongtai } from '../../adapters/container/create-zhongtai.js';
import { createRouter, Hs256Authenticator, silentLogger } from '../../adapters/http/express/index.js';
import { fakePaymentChannel, FakePaymentChannel, fakeTransactionId, type FakeCallbackBody } from '../../adapters/channels/payment/fake-channel.js';
import { checkoutWorld, populateCheckoutWorld, type CheckoutWorld } from '../support/checkout-world.js';
import { at } from '../support/mothers.js';
import { codeOf, inTx } from '../adapters/contract/support.js';
import { PAYMENT_STORE } from '../../application/payment/store.js';

const consignee = { name: '张三', phone: '13800000000', district: '330106', address: '文三路 1 号' };

describe('payment channels are explicit (issue #12 finding 1, decision 0019)', () => {
  it('createZhongtai() takes no payment channel: paying answers 422 PAYMENT.NO_CHANNEL_CONFIGURED and opens nothing; a callback for the fake channel is refused alike', async () => {
    const now = at(10);
    const zt = createZhongtai({ clock: { now: () => now } });
    const w = await populateCheckoutWorld(zt, now);
    const { orderId } = await zt.orders.place({ memberId: 'm1', consignee, buyNow: { skuId: w.skus.a1, quantity: 1 }, coupons: 'none' });
    expect(zt.payments.channels.names).toEqual([]);
    expect(await codeOf(zt.payments.pay({ memberId: 'm1', orderIds: [orderId], channel: 'fake' }))).toBe('PAYMENT.NO_CHANNEL_CONFIGURED');
    expect(await codeOf(zt.payments.handleCallback({ channel: 'fake', body: {} }))).toBe('PAYMENT.NO_CHANNEL_CONFIGURED');
    expect(await inTx(zt.persistence, (tx) => tx.use(PAYMENT_STORE).payments.ofOrder(orderId))).toEqual([]);
    expect((await zt.orderQueries.get({ memberId: 'm1', orderId })).status).toBe('pending_payment');
  });

  it('the fake payment page is mounted only where asked for, and asking for it without the fake channel is refused when the router is made', () => {
    const options = { authenticator: new Hs256Authenticator('test-secret-of-at-least-16-chars'), logger: silentLogger };
    expect(() => createRouter({ ...options, zhongtai: createZhongtai(), fakePaymentPage: true })).toThrow(/needs the fake payment channel/);
    // An adapter passed as it is (not made by fakePaymentChannel()) has no host to call back: it cannot complete a payment.
    const bare = createZhongtai({ ordering: { channels: [new FakePaymentChannel()] } });
    expect(() => createRouter({ ...options, zhongtai: bare, fakePaymentPage: true })).not.toThrow();
    return expect((bare.payments.channels.get('fake') as FakePaymentChannel).complete('P1')).rejects.toThrow(/no host/);
  });

  it('the fake channel gives each payment one transaction id, whatever instance or secret signs it (so a second completion is a replay)', () => {
    const number = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/);
    fc.assert(
      fc.property(number, number, fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (a, b, s1, s2) => {
        const signed = (secret: string, n: string) => new FakePaymentChannel({ secret }).callbackFor(n, { amount: '1.00' }).transactionId;
        expect(signed(s1, a)).toBe(fakeTransactionId(a));
        expect(signed(s2, a)).toBe(signed(s1, a));
        expect(fakeTransactionId(a) === fakeTransactionId(b)).toBe(a === b);
        expect(fakeTransactionId(a)).toMatch(/^FAKE[0-9A-F]{24}$/);
      }),
    );
  });
});

type Step = 'complete' | 'replay' | 'forged' | 'elsewhere' | 'pay-again';

describe('PAY-1 through the fake channel: a payment is paid once, whatever is repeated', () => {
  let w: CheckoutWorld;
  let zt: Zhongtai;
  let fake: FakePaymentChannel;
  beforeAll(async () => {
    w = await checkoutWorld();
    zt = w.zt;
    fake = zt.payments.channels.get('fake') as FakePaymentChannel;
  });

  it('any sequence of fake completions, replayed and forged callbacks and payment requests records at most one transaction and no refund; the order is paid iff a genuine success came', async () => {
    const step = fc.constantFrom<Step>('complete', 'replay', 'forged', 'elsewhere', 'pay-again');
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        const { orderId } = await zt.orders.place({ memberId: 'm1', consignee, buyNow: { skuId: w.skus.p2, quantity: 1 }, coupons: 'none' });
        const opened = await zt.payments.pay({ memberId: 'm1', orderIds: [orderId], channel: 'fake' });
        const genuine: FakeCallbackBody = fake.callbackFor(opened.number!);
        let paid = false;
        let _first: unknown = null;
        for (const s of steps) {
          if (s === 'complete' || s === 'replay') {
            const result = s === 'complete' ? await fake.complete(opened.number!) : await zt.payments.handleCallback({ channel: 'fake', body: genuine });
            expect(result).toEqual({ paymentId: opened.paymentId, outcome: 'paid', replayed: paid, orderIds: [orderId] });
            _first ??= result;
            paid = true;
          } else if (s === 'forged') {
            expect(await codeOf(zt.payments.handleCallback({ channel: 'fake', body: { ...genuine, signature: '0'.repeat(64) } }))).toBe(
              'PAYMENT.INVALID_SIGNATURE',
            );
          } else if (s === 'elsewhere') {
            expect(await codeOf(zt.payments.handleCallback({ channel: 'alipay', body: genuine }))).toBe('PAYMENT.UNKNOWN_CHANNEL');
          } else {
            const again = zt.payments.pay({ memberId: 'm1', orderIds: [orderId], channel: 'fake' });
            if (paid) expect(await codeOf(again)).toBe('PAYMENT.ORDER_ALREADY_PAID');
            else expect(await again).toMatchObject({ paymentId: opened.paymentId, reused: true });
          }
        }
        await zt.jobs.runUntilIdle();
        const payment = (await inTx(zt.persistence, (tx) => tx.use(PAYMENT_STORE).payments.get(opened.paymentId!)))!;
        expect(payment.status).toBe(paid ? 'paid' : 'unpaid');
        expect(payment.toSnapshot().callbacks.map((c) => c.channelTransactionId)).toEqual(paid ? [fakeTransactionId(opened.number!)] : []);
        expect(payment.lateCallbacks).toEqual([]);
        expect([...fake.refunds.values()].filter((r) => r.paymentNumber === opened.number)).toEqual([]);
        expect((await zt.orderQueries.get({ memberId: 'm1', orderId })).status).toBe(paid ? 'pending_shipment' : 'pending_payment');
      }),
      { numRuns: 40 },
    );
  }, 60_000);

  it('fakePaymentChannel() asked for by name is the only way the fake channel calls back: behaviour "succeed" pays at once', async () => {
    const shop = await checkoutWorld({ ordering: { channels: [fakePaymentChannel({ behaviour: 'succeed' })] } });
    const { orderId } = await shop.zt.orders.place({ memberId: 'm1', consignee, buyNow: { skuId: shop.skus.a1, quantity: 1 }, coupons: 'none' });
    await shop.zt.payments.pay({ memberId: 'm1', orderIds: [orderId], channel: 'fake' });
    expect((await shop.zt.orderQueries.get({ memberId: 'm1', orderId })).status).toBe('pending_shipment');
  });
});
