// The Alipay channel end to end against the fake gateway (tests/support/fakes/alipay-server.ts): every
// request's RSA2 signature is checked there, every answer's here (through the official SDK).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlipayPaymentChannel } from '../../../../adapters/channels/payment/alipay/index.js';
import { Money } from '../../../../domain/shared/money.js';
import { type FakeAlipay, rsaPair, signNotification } from '../../../support/fakes/alipay-server.js';
import { codeOf } from '../../contract/support.js';
import { APP_ID, alipayWorld } from './setup.js';

let fake: FakeAlipay;
let channel: AlipayPaymentChannel;
let waits: number[];
beforeEach(async () => {
  ({ fake, channel, waits } = await alipayWorld());
  fake.now = () => new Date('2026-12-08T02:00:00Z'); // 10:00 in Beijing
});
afterEach(() => fake.close());

const charge = (number: string, amount: string, method?: string) =>
  channel.charge({
    paymentNumber: number,
    amount: Money.of(amount, 'CNY'),
    description: 'zhongtai O-1',
    expiresAt: new Date('2026-12-08T02:15:00Z'),
    ...(method ? { method } : {}),
  });
const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: { code: string; details: Record<string, unknown> }) => e,
  );
const sync = (f: () => unknown) => failure(Promise.resolve().then(f));

/** A trade opened through the page URL and paid at the fake. */
async function paid(number: string, amount: string) {
  const { payUrl } = await charge(number, amount);
  expect((await fetch(payUrl!)).status).toBe(200);
  return fake.pay(number);
}

describe('charge', () => {
  it('page (the default) and wap answer a signed GET URL to the gateway, which the fake takes: amount in yuan, time_expire in Beijing time', async () => {
    for (const [method, api, product] of [
      [undefined, 'alipay.trade.page.pay', 'FAST_INSTANT_TRADE_PAY'],
      ['wap', 'alipay.trade.wap.pay', 'QUICK_WAP_WAY'],
    ] as const) {
      const number = `P-${method ?? 'page'}`;
      const c = await charge(number, '12.30', method);
      expect(c.channel).toBe('alipay');
      const url = new URL(c.payUrl!);
      expect(`${url.origin}${url.pathname}`).toBe(fake.gateway);
      expect(url.searchParams.get('method')).toBe(api);
      expect(url.searchParams.get('notify_url')).toBe('https://shop.example.com/payments/callbacks/alipay');
      expect(JSON.parse(url.searchParams.get('biz_content')!)).toMatchObject({
        out_trade_no: number,
        total_amount: '12.30',
        subject: 'zhongtai O-1',
        product_code: product,
        time_expire: '2026-12-08 10:15:00',
      });
      const page = await fetch(c.payUrl!);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(`${number} 12.30`);
    }
    expect(fake.calls.map((c) => [c.method, c.signed])).toEqual([
      ['alipay.trade.page.pay', true],
      ['alipay.trade.wap.pay', true],
    ]);
  });

  it('a page URL with its amount changed is refused by the gateway (isv.invalid-signature)', async () => {
    const { payUrl } = await charge('P-forged', '12.30');
    const forged = payUrl!.replace(encodeURIComponent('"total_amount":"12.30"'), encodeURIComponent('"total_amount":"0.01"'));
    expect(forged).not.toBe(payUrl);
    const page = await fetch(forged);
    expect([page.status, await page.text()]).toEqual([400, 'isv.invalid-signature']);
    expect(fake.trades.has('P-forged')).toBe(false);
  });

  it('app answers no URL and the signed order string, which the fake (as the Alipay client) opens', async () => {
    const c = await charge('P-app', '99.00', 'app');
    expect(c.payUrl).toBeNull();
    const t = fake.openOrderString(c.params!.orderString!);
    expect([t.outTradeNo, t.totalAmount, t.timeExpire]).toEqual(['P-app', '99.00', '2026-12-08 10:15:00']);
    expect(() => fake.openOrderString(c.params!.orderString!.replace('99.00', '9.00'))).toThrow('isv.invalid-signature');
  });

  it('another method or currency is PAYMENT.INVALID_PAYMENT', async () => {
    expect(await codeOf(charge('P-x', '1.00', 'qr'))).toBe('PAYMENT.INVALID_PAYMENT');
    expect(await codeOf(channel.charge({ paymentNumber: 'P-y', amount: Money.of('1.00', 'USD'), description: 'x' }))).toBe('PAYMENT.INVALID_PAYMENT');
  });
});

describe('notifications', () => {
  it("the fake's signed form notification of a paid trade is a VerifiedCallback: trade_no, total_amount, gmt_payment in Beijing time", async () => {
    const t = await paid('P-1', '12.30');
    const { fields, rawBody } = fake.notification('P-1');
    const v = channel.verifyCallback(fields, { rawBody, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(v.paymentNumber).toBe('P-1');
    expect(v.callback.channelTransactionId).toBe(t.tradeNo);
    expect(v.callback.amount.equals(Money.of('12.30', 'CNY'))).toBe(true);
    expect(v.callback.paidAt.toISOString()).toBe('2026-12-08T02:00:00.000Z');
    expect(channel.acknowledgement).toEqual({ contentType: 'text/plain; charset=utf-8', body: 'success' });
  });

  it('a tampered field, a missing sign, a sign by another key are PAYMENT.INVALID_SIGNATURE; another app id, a wait or a closed trade PAYMENT.INVALID_CALLBACK', async () => {
    await paid('P-2', '12.30');
    const { fields, rawBody } = fake.notification('P-2');
    const refusal = async (f: () => unknown) => {
      const e = await sync(f);
      return [e?.code, e?.details.reason];
    };
    expect(await refusal(() => channel.verifyCallback({}, { rawBody: rawBody.replace('total_amount=12.30', 'total_amount=0.01'), headers: {} }))).toEqual([
      'PAYMENT.INVALID_SIGNATURE',
      undefined,
    ]);
    const { sign: _, ...unsigned } = fields;
    expect(await refusal(() => channel.verifyCallback(unsigned))).toEqual(['PAYMENT.INVALID_SIGNATURE', undefined]);
    const { sign: __, ...rest } = fields;
    expect(await refusal(() => channel.verifyCallback(signNotification(rest, rsaPair().privateKey)))).toEqual(['PAYMENT.INVALID_SIGNATURE', undefined]);
    const elsewhere = signNotification({ ...rest, app_id: '2021000000000999' }, fake.keys.alipay.privateKey);
    expect(await refusal(() => channel.verifyCallback(elsewhere))).toEqual(['PAYMENT.INVALID_CALLBACK', 'APP_ID']);
    for (const status of ['WAIT_BUYER_PAY', 'TRADE_CLOSED']) {
      const other = signNotification({ ...rest, trade_status: status }, fake.keys.alipay.privateKey);
      expect(await refusal(() => channel.verifyCallback(other))).toEqual(['PAYMENT.INVALID_CALLBACK', 'TRADE_STATUS']);
    }
    expect(await refusal(() => channel.verifyCallback('not a form'))).toEqual(['PAYMENT.INVALID_CALLBACK', undefined]);
    expect(await refusal(() => channel.verifyCallback({}, { rawBody: `${rawBody}&app_id=${APP_ID}`, headers: {} }))).toEqual([
      'PAYMENT.INVALID_CALLBACK',
      'DUPLICATE_FIELD',
    ]);
  });

  it('a refund notification (out_biz_no, refund_fee, gmt_refund with milliseconds) is a succeeded VerifiedRefundCallback', async () => {
    const t = await paid('P-3', '50.00');
    await channel.refund({ paymentNumber: 'P-3', refundId: 'R-1', channelTransactionId: t.tradeNo, amount: Money.of('20.00', 'CNY') });
    const { fields, rawBody } = fake.notification('P-3', { refundId: 'R-1' });
    expect(fields.gmt_refund).toBe('2026-12-08 10:00:00.320');
    expect(channel.verifyRefundCallback(fields, { rawBody, headers: {} })).toEqual({
      paymentNumber: 'P-3',
      refundId: 'R-1',
      refundTransactionId: t.tradeNo,
      amount: Money.of('20.00', 'CNY'),
      amountIs: 'refunded_so_far',
      outcome: 'succeeded',
    });
    // It comes to the trade's notify URL: told apart from the trade's own notification by its fields.
    expect([channel.isRefundNotification(fields, { rawBody, headers: {} }), channel.isRefundNotification(fake.notification('P-3').fields)]).toEqual([
      true,
      false,
    ]);
    expect((await sync(() => channel.verifyRefundCallback({ ...fields, refund_fee: '2.00' })))?.code).toBe('PAYMENT.INVALID_SIGNATURE');
    expect((await sync(() => channel.verifyRefundCallback(fake.notification('P-3').fields)))?.code).toBe('PAYMENT.INVALID_CALLBACK');
  });
});

describe('refund', () => {
  it('fund_change Y answers at once (not processing); the same refund id again is the same refund, settled by query', async () => {
    const t = await paid('P-4', '30.00');
    const r = { paymentNumber: 'P-4', refundId: 'R-4', channelTransactionId: t.tradeNo, amount: Money.of('10.00', 'CNY') };
    expect(await channel.refund(r)).toEqual({ refundTransactionId: t.tradeNo });
    expect(await channel.refund(r)).toEqual({ refundTransactionId: t.tradeNo });
    expect([...fake.refunds.values()].map((x) => [x.outRequestNo, x.amount])).toEqual([['R-4', '10.00']]);
    expect(fake.calls.map((c) => c.method).slice(1)).toEqual(['alipay.trade.refund', 'alipay.trade.refund', 'alipay.trade.fastpay.refund.query']);
  });

  it('after two 5xx the third try refunds, once, with the same out_request_no; the waits back off (10, 20 ms × jitter 0.5)', async () => {
    const t = await paid('P-5', '30.00');
    fake.fail('5xx', 2, 'alipay.trade.refund');
    expect(await channel.refund({ paymentNumber: 'P-5', refundId: 'R-5', channelTransactionId: t.tradeNo, amount: Money.of('30.00', 'CNY') })).toEqual({
      refundTransactionId: t.tradeNo,
    });
    expect(fake.refunds.size).toBe(1);
    expect(fake.calls.filter((c) => c.method === 'alipay.trade.refund')).toHaveLength(3);
    expect(waits).toEqual([5, 10]);
  });

  it('a refund that times out every try (done at Alipay, never answered) is settled by the refund query', async () => {
    const t = await paid('P-6', '30.00');
    fake.fail('hang', 3, 'alipay.trade.refund');
    expect(await channel.refund({ paymentNumber: 'P-6', refundId: 'R-6', channelTransactionId: t.tradeNo, amount: Money.of('5.00', 'CNY') })).toEqual({
      refundTransactionId: t.tradeNo,
    });
    expect(fake.refunds.size).toBe(1);
    expect(fake.calls.map((c) => c.method).slice(-4)).toEqual([...Array(3).fill('alipay.trade.refund'), 'alipay.trade.fastpay.refund.query']);
  });

  it('a timeout then a fund_change N is settled by the query too; a gateway down throughout is PAYMENT.CHANNEL_UNAVAILABLE, retryable', async () => {
    const t = await paid('P-7', '30.00');
    fake.fail('hang', 1, 'alipay.trade.refund');
    expect(await channel.refund({ paymentNumber: 'P-7', refundId: 'R-7', channelTransactionId: t.tradeNo, amount: Money.of('5.00', 'CNY') })).toEqual({
      refundTransactionId: t.tradeNo,
    });
    fake.fail('20000', 6);
    const e = await failure(channel.refund({ paymentNumber: 'P-7', refundId: 'R-8', channelTransactionId: t.tradeNo, amount: Money.of('5.00', 'CNY') }));
    expect([e?.code, e?.details.channel, e?.details.retryable]).toEqual(['PAYMENT.CHANNEL_UNAVAILABLE', 'alipay', true]);
    expect([...fake.refunds.keys()]).toEqual(['P-7|R-7']);
  });

  it('a refund above what is left is refused by Alipay: PAYMENT.CHANNEL_UNAVAILABLE, not retryable, its sub code named', async () => {
    const t = await paid('P-8', '30.00');
    const e = await failure(channel.refund({ paymentNumber: 'P-8', refundId: 'R-9', channelTransactionId: t.tradeNo, amount: Money.of('30.01', 'CNY') }));
    expect([e?.code, e?.details.retryable, e?.details.subCode]).toEqual(['PAYMENT.CHANNEL_UNAVAILABLE', false, 'ACQ.REFUND_AMT_NOT_EQUAL_TOTAL']);
  });
});

describe('query and close', () => {
  it('no trade yet, waiting, paid (with the callback), closed, refunded in full', async () => {
    expect(await channel.query('Q-1')).toEqual({ state: 'unpaid' });
    await fetch((await charge('Q-1', '8.80')).payUrl!);
    expect(await channel.query('Q-1')).toEqual({ state: 'unpaid' });
    const t = fake.pay('Q-1');
    const q = await channel.query('Q-1');
    expect(q.state).toBe('paid');
    expect([q.callback?.channelTransactionId, q.callback?.amount.toString(), q.callback?.paidAt.toISOString()]).toEqual([
      t.tradeNo,
      '8.80',
      '2026-12-08T02:00:00.000Z',
    ]);
    await channel.refund({ paymentNumber: 'Q-1', refundId: 'R-Q', channelTransactionId: t.tradeNo, amount: Money.of('8.80', 'CNY') });
    expect(await channel.query('Q-1')).toEqual({ state: 'refunded' });
    await fetch((await charge('Q-2', '1.00')).payUrl!);
    await channel.close('Q-2');
    expect(await channel.query('Q-2')).toEqual({ state: 'closed' });
  });

  it('closing a trade that does not exist or is closed already is fine; a paid one is PAYMENT.INVALID_TRANSITION', async () => {
    await channel.close('C-none');
    await fetch((await charge('C-1', '1.00')).payUrl!);
    await channel.close('C-1');
    await channel.close('C-1');
    expect(fake.trades.get('C-1')?.status).toBe('TRADE_CLOSED');
    await paid('C-2', '1.00');
    const e = await failure(channel.close('C-2'));
    expect([e?.code, e?.details.from]).toEqual(['PAYMENT.INVALID_TRANSITION', 'paid']);
  });

  it('an answer signed by another key is refused (PAYMENT.CHANNEL_UNAVAILABLE, not retryable, reason ANSWER_SIGNATURE)', async () => {
    const other = await alipayWorld({ alipayPublicKey: rsaPair().publicKey, gateway: fake.gateway });
    const e = await failure(other.channel.query('Q-9'));
    expect([e?.code, e?.details.retryable, e?.details.reason]).toEqual(['PAYMENT.CHANNEL_UNAVAILABLE', false, 'ANSWER_SIGNATURE']);
    await other.fake.close();
  });
});
