import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAYMENT_STORE } from '../../application/payment/store.js';
import { inTx } from '../adapters/contract/support.js';
import { wechatPayKit, type WechatPayKit } from '../adapters/channels/wechatpay/kit.js';
import { checkoutWorld, type CheckoutWorld } from '../support/checkout-world.js';
import { at } from '../support/mothers.js';

const consignee = { name: '张三', phone: '13800000000', district: '330106', address: '文三路 1 号' };
const MINUTE = 60_000;

/**
 * PAY-2 at the channel (issue #16): a payment that closes here — expired, or its order cancelled — is
 * closed at the channel that was asked to collect it (the durable job `payment.channel-close`), here the
 * fake WeChat Pay server. If the payer paid there meanwhile and the notification never came, the
 * channel's answer to 查询订单 goes through PAY-1: late, and the 100.00 goes back.
 */
describe('closing a payment at its channel (PAY-2, WeChat Pay fake server)', () => {
  let kit: WechatPayKit;
  let w: CheckoutWorld;
  const clock = { at: at(10) }; // the checkout world's day
  beforeAll(async () => {
    kit = await wechatPayKit();
    w = await checkoutWorld({ ordering: { channels: [kit.channel] }, clock: { now: () => clock.at } });
  });
  afterAll(() => kit.fake.close());

  const opened = async () => {
    const { orderId } = await w.zt.orders.place({ memberId: 'm1', consignee, buyNow: { skuId: w.skus.a1, quantity: 1 }, coupons: 'none' });
    const payment = await w.zt.payments.pay({ memberId: 'm1', orderIds: [orderId], channel: 'wechatpay', method: 'native' });
    return { orderId, number: payment.number!, paymentId: payment.paymentId! };
  };
  const stored = async (paymentId: string) => (await inTx(w.zt.persistence, (tx) => tx.use(PAYMENT_STORE).payments.get(paymentId)))!.toSnapshot();

  it('an expired payment is closed at WeChat Pay too, once; a payment of a channel that cannot close needs nothing', async () => {
    const p = await opened();
    expect(kit.fake.transactions.get(p.number)!.state).toBe('NOTPAY');
    clock.at = new Date(clock.at.getTime() + 16 * MINUTE);
    expect((await w.zt.payments.expire({ paymentId: p.paymentId })).closed).toBe(true);
    expect((await stored(p.paymentId)).channel).toBe('wechatpay');
    await w.zt.jobs.runUntilIdle();
    expect(kit.fake.transactions.get(p.number)!.state).toBe('CLOSED');
    // Asked again (a retried job): closed already is no error.
    expect(await w.zt.payments.closeAtChannel({ paymentId: p.paymentId })).toEqual({ closed: true, paidAtChannel: false });
  });

  it('paid at WeChat Pay before the order was cancelled, the notification lost: the close finds it paid, PAY-1 flags it late and refunds the 100.00', async () => {
    const p = await opened();
    kit.fake.pay(p.number, new Date(clock.at.getTime() - MINUTE)); // the payer paid; WeChat Pay's notification never arrives
    await w.zt.orders.cancel({ memberId: 'm1', orderId: p.orderId });
    await w.zt.jobs.runUntilIdle();
    const s = await stored(p.paymentId);
    expect(s.status).toBe('cancelled');
    const late = s.callbacks.filter((c) => c.outcome === 'late');
    expect(late.map((c) => [c.channel, c.channelTransactionId, c.amount.toString()])).toEqual([
      ['wechatpay', kit.fake.transactions.get(p.number)!.transactionId, '100.00'],
    ]);
    const refunds = [...kit.fake.refunds.values()].filter((r) => r.outTradeNo === p.number);
    expect(refunds.map((r) => [r.outRefundNo, r.refund])).toEqual([[late[0]!.refund!.refundId, 10000]]);
  });
});
