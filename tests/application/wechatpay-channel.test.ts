import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAYMENT_STORE } from '../../application/payment/store.js';
import { codeOf, inTx } from '../adapters/contract/support.js';
import { wechatPayKit, type WechatPayKit } from '../adapters/channels/wechatpay/kit.js';
import { checkoutWorld, type CheckoutWorld } from '../support/checkout-world.js';

const consignee = { name: '张三', phone: '13800000000', district: '330106', address: '文三路 1 号' };

/**
 * PAY-1 through the WeChat Pay channel (decision 0034), configured like any channel
 * (`createZhongtai({ ordering: { channels: [wechatPayChannel(config)] } })`) and pointed at the fake
 * WeChat Pay server: the order is paid by the notification WeChat Pay signs, once.
 */
describe('paying an order through WeChat Pay (the fake server)', () => {
  let kit: WechatPayKit;
  let w: CheckoutWorld;
  beforeAll(async () => {
    kit = await wechatPayKit();
    w = await checkoutWorld({ ordering: { channels: [kit.channel] } });
  });
  afterAll(() => kit.fake.close());

  it('native pay opens a WeChat Pay order of 10000 fen; its signed notification pays the order; the same one again is a replay; a tampered one is refused and writes nothing', async () => {
    const { zt } = w;
    expect(zt.payments.channels.names).toEqual(['wechatpay']);
    const { orderId } = await zt.orders.place({ memberId: 'm1', consignee, buyNow: { skuId: w.skus.a1, quantity: 1 }, coupons: 'none' });
    const opened = await zt.payments.pay({ memberId: 'm1', orderIds: [orderId], channel: 'wechatpay', method: 'native' });
    expect([opened.channel, opened.amount]).toEqual(['wechatpay', '100.00']);
    const atFake = kit.fake.transactions.get(opened.number!)!;
    expect([atFake.method, atFake.total, atFake.state]).toEqual(['native', 10000, 'NOTPAY']);
    expect(opened.payUrl).toBe(`weixin://wxpay/bizpayurl?pr=${atFake.prepayId.slice(2, 12)}`);

    const paidAt = new Date();
    kit.fake.pay(opened.number!, paidAt);
    const n = kit.fake.transactionNotification(opened.number!);
    const handle = (request: { rawBody: string; headers: Record<string, string | undefined> }) =>
      zt.payments.handleCallback({ channel: 'wechatpay', body: JSON.parse(request.rawBody), request });
    expect(await handle(n)).toEqual({ paymentId: opened.paymentId, outcome: 'paid', replayed: false, orderIds: [orderId] });
    expect((await zt.orderQueries.get({ memberId: 'm1', orderId })).status).toBe('pending_shipment');
    const stored = async () => (await inTx(zt.persistence, (tx) => tx.use(PAYMENT_STORE).payments.get(opened.paymentId!)))!.toSnapshot();
    const paid = await stored();
    expect(paid.status).toBe('paid');
    expect(paid.paid).toMatchObject({
      channel: 'wechatpay',
      channelTransactionId: atFake.transactionId,
      paidAt: new Date(Math.floor(paidAt.getTime() / 1000) * 1000),
    });

    // WeChat Pay sends the notification again (it retries until answered 2xx): a replay, nothing moves.
    expect(await handle(n)).toEqual({ paymentId: opened.paymentId, outcome: 'paid', replayed: true, orderIds: [orderId] });
    const tampered = { ...n, rawBody: n.rawBody.replace('"summary":"支付成功"', '"summary":"支付成功!"') };
    expect(tampered.rawBody).not.toBe(n.rawBody);
    expect(await codeOf(handle(tampered))).toBe('PAYMENT.INVALID_SIGNATURE');
    const after = await stored();
    expect(after.callbacks.map((c) => c.channelTransactionId)).toEqual([atFake.transactionId]);
    expect(after.version).toBe(paid.version);
    expect((await zt.orderQueries.get({ memberId: 'm1', orderId })).status).toBe('pending_shipment');
  });
});
