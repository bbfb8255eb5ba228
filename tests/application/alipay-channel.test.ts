// The Alipay channel configured in createZhongtai, against the fake Alipay gateway: an order paid by
// the notification Alipay signs, a replay changing nothing, a tampered notification writing nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlipayPaymentChannel } from '../../adapters/channels/payment/alipay/index.js';
import { PAYMENT_STORE } from '../../application/payment/store.js';
import { codeOf, inTx } from '../adapters/contract/support.js';
import { type CheckoutWorld, checkoutWorld } from '../support/checkout-world.js';
import { FakeAlipay, rsaPair } from '../support/fakes/alipay-server.js';
import { at } from '../support/mothers.js';

const APP_ID = '2021000000000001';
const consignee = { name: '张三', phone: '13800000000', district: '330106', address: '文三路 1 号' };
const form = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };

let fake: FakeAlipay;
let w: CheckoutWorld;
beforeAll(async () => {
  const keys = { app: rsaPair(), alipay: rsaPair() };
  fake = await FakeAlipay.start(APP_ID, keys);
  fake.now = () => at(11);
  const alipay = new AlipayPaymentChannel({ appId: APP_ID, privateKey: keys.app.privateKey, alipayPublicKey: keys.alipay.publicKey, gateway: fake.gateway });
  w = await checkoutWorld({ ordering: { channels: [alipay] } });
});
afterAll(() => fake.close());

/** An order of A1 (100.00, free shipping), its Alipay payment opened and paid at the fake. */
async function paidAtAlipay() {
  const { orderId } = await w.zt.orders.place({ memberId: 'm1', consignee, buyNow: { skuId: w.skus.a1, quantity: 1 }, coupons: 'none' });
  const opened = await w.zt.payments.pay({ memberId: 'm1', orderIds: [orderId], channel: 'alipay' });
  expect(opened.amount).toBe('100.00');
  expect(opened.payUrl!.startsWith(`${fake.gateway}?method=alipay.trade.page.pay&`)).toBe(true);
  expect((await fetch(opened.payUrl!)).status).toBe(200); // the gateway took its signature
  const trade = fake.pay(opened.number!);
  return { orderId, opened, trade, ...fake.notification(opened.number!) };
}
const paymentOf = (id: string) => inTx(w.zt.persistence, (tx) => tx.use(PAYMENT_STORE).payments.get(id));

describe('paying an order with Alipay (createZhongtai with the Alipay channel)', () => {
  it("the gateway's signed notification pays the order; the same notification again is replayed, one transition", async () => {
    const { orderId, opened, trade, fields, rawBody } = await paidAtAlipay();
    const first = await w.zt.payments.handleCallback({ channel: 'alipay', body: fields, request: { rawBody, headers: form } });
    expect(first).toEqual({ paymentId: opened.paymentId, outcome: 'paid', replayed: false, orderIds: [orderId] });
    const again = await w.zt.payments.handleCallback({ channel: 'alipay', body: fields, request: { rawBody, headers: form } });
    expect(again).toEqual({ paymentId: opened.paymentId, outcome: 'paid', replayed: true, orderIds: [orderId] });
    const payment = (await paymentOf(opened.paymentId!))!;
    expect(payment.status).toBe('paid');
    expect(payment.toSnapshot().callbacks.map((c) => [c.channelTransactionId, c.amount.toString()])).toEqual([[trade.tradeNo, '100.00']]);
    expect((await w.zt.orderQueries.get({ memberId: 'm1', orderId })).status).toBe('pending_shipment');
    expect(w.zt.payments.channels.get('alipay').acknowledgement?.body).toBe('success');
  });

  it('a notification with its amount changed is PAYMENT.INVALID_SIGNATURE and writes nothing', async () => {
    const { orderId, opened, rawBody, fields } = await paidAtAlipay();
    const tampered = rawBody.replace('total_amount=100.00', 'total_amount=1.00');
    expect(tampered).not.toBe(rawBody);
    const forged = { ...fields, total_amount: '1.00' };
    expect(await codeOf(w.zt.payments.handleCallback({ channel: 'alipay', body: forged, request: { rawBody: tampered, headers: form } }))).toBe(
      'PAYMENT.INVALID_SIGNATURE',
    );
    const payment = (await paymentOf(opened.paymentId!))!;
    expect(payment.status).toBe('unpaid');
    expect(payment.toSnapshot().callbacks).toEqual([]);
    expect((await w.zt.orderQueries.get({ memberId: 'm1', orderId })).status).toBe('pending_payment');
  });
});
