import { createVerify, generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { Money } from '../../../../domain/shared/money.js';
import { domainErrorOf } from '../../../support/mothers.js';
import { wechatPayKit, type WechatPayKit } from './kit.js';

let kit: WechatPayKit;
afterEach(() => kit?.fake.close());

const cny = (amount: string) => Money.of(amount, 'CNY');
const bodyOf = (k: WechatPayKit, i: number) => JSON.parse(k.fake.requests[i]!.body);
const rejection = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e as { code: string; details: Record<string, unknown> };
  }
  throw new Error('expected a rejection');
};

describe('WeChat Pay charge against the fake server', () => {
  it('native (the default): code_url as payUrl; 123.45 goes as 12345 fen, time_expire in +08:00, the merchant signature holds at the fake', async () => {
    kit = await wechatPayKit();
    const charge = await kit.channel.charge({
      paymentNumber: 'P-1',
      amount: cny('123.45'),
      description: 'zhongtai SO-1',
      expiresAt: new Date('2026-03-02T02:15:00Z'),
    });
    expect(charge.channel).toBe('wechatpay');
    expect(charge.payUrl).toMatch(/^weixin:\/\/wxpay\/bizpayurl\?pr=[0-9a-f]{10}$/);
    expect(kit.fake.requests.map((r) => [r.method, r.url, r.signed])).toEqual([['POST', '/v3/pay/transactions/native', true]]);
    expect(bodyOf(kit, 0)).toEqual({
      appid: kit.config.appid,
      mchid: kit.config.mchid,
      description: 'zhongtai SO-1',
      out_trade_no: 'P-1',
      time_expire: '2026-03-02T10:15:00+08:00',
      notify_url: 'https://shop.example/payments/callbacks/wechatpay',
      amount: { total: 12345, currency: 'CNY' },
    });
    // The same payment number again: WeChat Pay answers the same order (one transaction, the same code_url).
    expect((await kit.channel.charge({ paymentNumber: 'P-1', amount: cny('123.45'), description: 'zhongtai SO-1' })).payUrl).toBe(charge.payUrl);
    expect(kit.fake.transactions.size).toBe(1);
  });

  it("h5: h5_url as payUrl, the payer's IP in scene_info; without the IP it is INVALID_PAYMENT and nothing is sent", async () => {
    kit = await wechatPayKit();
    const charge = await kit.channel.charge({ paymentNumber: 'P-2', amount: cny('0.01'), description: 'h5', method: 'h5', payer: { ip: '203.0.113.7' } });
    expect(charge.payUrl).toBe(`https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=${kit.fake.transactions.get('P-2')!.prepayId}`);
    expect(bodyOf(kit, 0).scene_info).toEqual({ payer_client_ip: '203.0.113.7', h5_info: { type: 'Wap' } });
    expect(bodyOf(kit, 0).amount).toEqual({ total: 1, currency: 'CNY' });
    const e = await rejection(kit.channel.charge({ paymentNumber: 'P-3', amount: cny('1.00'), description: 'h5', method: 'h5' }));
    expect([e.code, e.details.reason]).toEqual(['PAYMENT.INVALID_PAYMENT', 'PAYER_IP_REQUIRED']);
    expect(kit.fake.requests).toHaveLength(1);
  });

  it('jsapi: no payUrl, the JSAPI parameters signed by the merchant over appId, timeStamp, nonceStr and package; without an openid INVALID_PAYMENT', async () => {
    kit = await wechatPayKit();
    const charge = await kit.channel.charge({
      paymentNumber: 'P-4',
      amount: cny('9.90'),
      description: 'jsapi',
      method: 'jsapi',
      payer: { openId: 'oUpF8uMuAJO' },
    });
    const prepayId = kit.fake.transactions.get('P-4')!.prepayId;
    expect(charge.payUrl).toBeNull();
    const p = charge.params!;
    expect(Object.keys(p).sort()).toEqual(['appId', 'nonceStr', 'package', 'paySign', 'signType', 'timeStamp']);
    expect([p.appId, p.package, p.signType]).toEqual([kit.config.appid, `prepay_id=${prepayId}`, 'RSA']);
    expect(p.nonceStr).toMatch(/^[0-9A-F]{32}$/);
    expect(Math.abs(Number(p.timeStamp) - Date.now() / 1000)).toBeLessThan(60);
    const message = `${p.appId}\n${p.timeStamp}\n${p.nonceStr}\n${p.package}\n`;
    expect(createVerify('RSA-SHA256').update(message).verify(kit.fake.keys.merchantPublicKey, p.paySign!, 'base64')).toBe(true);
    expect(bodyOf(kit, 0).payer).toEqual({ openid: 'oUpF8uMuAJO' });
    const e = await rejection(kit.channel.charge({ paymentNumber: 'P-5', amount: cny('1.00'), description: 'jsapi', method: 'jsapi' }));
    expect([e.code, e.details.reason]).toEqual(['PAYMENT.INVALID_PAYMENT', 'OPENID_REQUIRED']);
    const unknown = await rejection(kit.channel.charge({ paymentNumber: 'P-6', amount: cny('1.00'), description: 'app', method: 'app' }));
    expect([unknown.code, unknown.details.reason]).toEqual(['PAYMENT.INVALID_PAYMENT', 'UNKNOWN_METHOD']);
    expect(kit.fake.requests).toHaveLength(1);
  });
});

describe('WeChat Pay notifications from the fake server', () => {
  it('a TRANSACTION.SUCCESS notification is verified and decoded; tampered, stale, under another serial or without its request it is refused', async () => {
    kit = await wechatPayKit();
    await kit.channel.charge({ paymentNumber: 'P-7', amount: cny('88.80'), description: 'x' });
    const paidAt = new Date('2026-03-02T02:00:05Z');
    const t = kit.fake.pay('P-7', paidAt);
    const n = kit.fake.transactionNotification('P-7');
    const v = kit.channel.verifyCallback(JSON.parse(n.rawBody), n);
    expect(v.paymentNumber).toBe('P-7');
    expect([v.callback.channel, v.callback.channelTransactionId, v.callback.amount.toString(), v.callback.paidAt.toISOString()]).toEqual([
      'wechatpay',
      t.transactionId,
      '88.80',
      '2026-03-02T02:00:05.000Z',
    ]);
    const refused = (rawBody: string, headers: Record<string, string | undefined>) =>
      domainErrorOf(() => kit.channel.verifyCallback(null, { rawBody, headers }));
    const tampered = JSON.stringify({ ...JSON.parse(n.rawBody), summary: '支付失败' });
    expect([refused(tampered, n.headers).code, refused(tampered, n.headers).details.fault]).toEqual(['PAYMENT.INVALID_SIGNATURE', 'bad_signature']);
    const stale = kit.fake.transactionNotification('P-7', { timestamp: new Date(Date.now() - 6 * 60_000) });
    expect(refused(stale.rawBody, stale.headers).details.fault).toBe('stale_timestamp');
    expect(refused(n.rawBody, { ...n.headers, 'wechatpay-serial': 'PUB_KEY_ID_0999' }).details.fault).toBe('unknown_serial');
    expect(refused(n.rawBody, { ...n.headers, 'wechatpay-signature': stale.headers['wechatpay-signature'] }).code).toBe('PAYMENT.INVALID_SIGNATURE');
    expect(domainErrorOf(() => kit.channel.verifyCallback(JSON.parse(n.rawBody))).code).toBe('PAYMENT.INVALID_CALLBACK');
    // A genuine refund notification is not a payment one (and the other way round).
    await kit.channel.refund({ paymentNumber: 'P-7', refundId: 'R-7', channelTransactionId: t.transactionId, amount: cny('1.00') });
    const r = kit.fake.refundNotification('R-7');
    expect(domainErrorOf(() => kit.channel.verifyCallback(null, r)).details.reason).toBe('UNEXPECTED_EVENT');
    expect(domainErrorOf(() => kit.channel.verifyRefundCallback(null, n)).details.reason).toBe('UNEXPECTED_EVENT');
  });
});

describe('WeChat Pay refunds, retries and timeouts against the fake server', () => {
  it('a refund is taken as processing (the payment total asked of WeChat Pay first), then REFUND.SUCCESS reads succeeded; ABNORMAL reads failed', async () => {
    kit = await wechatPayKit();
    await kit.channel.charge({ paymentNumber: 'P-8', amount: cny('123.45'), description: 'x' });
    const t = kit.fake.pay('P-8');
    const taken = await kit.channel.refund({ paymentNumber: 'P-8', refundId: 'R-8', channelTransactionId: t.transactionId, amount: cny('23.45') });
    const atFake = kit.fake.refunds.get('R-8')!;
    expect(taken).toEqual({ refundTransactionId: atFake.refundId, processing: true });
    expect(kit.fake.requests.slice(1).map((r) => [r.method, r.url])).toEqual([
      ['GET', `/v3/pay/transactions/out-trade-no/P-8?mchid=${kit.config.mchid}`],
      ['POST', '/v3/refund/domestic/refunds'],
    ]);
    expect(bodyOf(kit, 2)).toEqual({
      out_trade_no: 'P-8',
      out_refund_no: 'R-8',
      notify_url: 'https://shop.example/payments/refund-callbacks/wechatpay',
      amount: { refund: 2345, total: 12345, currency: 'CNY' },
    });
    const ok = kit.fake.refundNotification('R-8', 'SUCCESS');
    const v = kit.channel.verifyRefundCallback(JSON.parse(ok.rawBody), ok);
    expect({ ...v, amount: v.amount.toString() }).toEqual({
      paymentNumber: 'P-8',
      refundId: 'R-8',
      refundTransactionId: atFake.refundId,
      amount: '23.45',
      outcome: 'succeeded',
    });
    expect(kit.channel.verifyRefundCallback(null, kit.fake.refundNotification('R-8', 'ABNORMAL')).outcome).toBe('failed');
    expect(kit.channel.verifyRefundCallback(null, kit.fake.refundNotification('R-8', 'CLOSED')).outcome).toBe('failed');
    // Answered SUCCESS at once: not processing.
    kit.fake.refundStatus = 'SUCCESS';
    const done = await kit.channel.refund({
      paymentNumber: 'P-8',
      refundId: 'R-9',
      channelTransactionId: null,
      amount: cny('0.01'),
      paymentAmount: cny('123.45'),
    });
    expect(done.processing).toBe(false);
    expect(kit.fake.hits('GET', '/v3/pay/transactions')).toBe(1);
  });

  it('a refund answered 500 twice is retried with the same out_refund_no after 75 and 150 ms and taken once at WeChat Pay', async () => {
    kit = await wechatPayKit();
    await kit.channel.charge({ paymentNumber: 'P-10', amount: cny('50.00'), description: 'x' });
    kit.fake.pay('P-10');
    kit.fake.failNext = 2;
    const taken = await kit.channel.refund({
      paymentNumber: 'P-10',
      refundId: 'R-10',
      channelTransactionId: null,
      amount: cny('50.00'),
      paymentAmount: cny('50.00'),
    });
    const posts = kit.fake.requests.filter((r) => r.url === '/v3/refund/domestic/refunds');
    expect(posts).toHaveLength(3);
    expect(new Set(posts.map((p) => p.body)).size).toBe(1);
    expect(JSON.parse(posts[0]!.body).out_refund_no).toBe('R-10');
    expect(kit.waits).toEqual([75, 150]);
    expect([...kit.fake.refunds.keys()]).toEqual(['R-10']);
    expect(taken.refundTransactionId).toBe(kit.fake.refunds.get('R-10')!.refundId);
    // Asked again later (the refund job's retry): the same refund, not a second one.
    expect(await kit.channel.refund({ paymentNumber: 'P-10', refundId: 'R-10', channelTransactionId: null, amount: cny('50.00') })).toEqual(taken);
    expect(kit.fake.refunds.size).toBe(1);
  });

  it('500 on every attempt: CHANNEL_UNAVAILABLE, retryable, after 3 attempts', async () => {
    kit = await wechatPayKit();
    kit.fake.failNext = 5;
    const e = await rejection(kit.channel.charge({ paymentNumber: 'P-11', amount: cny('1.00'), description: 'x' }));
    expect([e.code, e.details.channel, e.details.retryable, e.details.attempts, e.details.fault]).toEqual([
      'PAYMENT.CHANNEL_UNAVAILABLE',
      'wechatpay',
      true,
      3,
      'status 500',
    ]);
    expect(kit.fake.requests).toHaveLength(3);
    expect(kit.fake.transactions.size).toBe(0);
  });

  it('an answer lost (the fake does the order, then hangs past the 300 ms timeout) is retried: one order at WeChat Pay, the same code_url', async () => {
    kit = await wechatPayKit({ timeoutMs: 300 });
    kit.fake.hangNext = 1;
    const charge = await kit.channel.charge({ paymentNumber: 'P-12', amount: cny('12.00'), description: 'x' });
    expect(kit.fake.requests).toHaveLength(2);
    expect(kit.fake.requests[0]!.body).toBe(kit.fake.requests[1]!.body);
    expect(kit.fake.transactions.size).toBe(1);
    expect(charge.payUrl).toBe(`weixin://wxpay/bizpayurl?pr=${kit.fake.transactions.get('P-12')!.prepayId.slice(2, 12)}`);
    expect(kit.waits).toEqual([75]);
    kit.fake.hangNext = 3;
    const e = await rejection(kit.channel.query('P-12'));
    expect([e.code, e.details.fault]).toEqual(['PAYMENT.CHANNEL_UNAVAILABLE', 'timeout']);
  });

  it('4xx is not retried: a refund above the payment is refused once (retryable false); a wrong merchant key gets 401 SIGN_ERROR once', async () => {
    kit = await wechatPayKit();
    await kit.channel.charge({ paymentNumber: 'P-13', amount: cny('10.00'), description: 'x' });
    kit.fake.pay('P-13');
    const e = await rejection(
      kit.channel.refund({ paymentNumber: 'P-13', refundId: 'R-13', channelTransactionId: null, amount: cny('10.01'), paymentAmount: cny('10.00') }),
    );
    expect([e.code, e.details.retryable, e.details.status, e.details.vendorCode]).toEqual(['PAYMENT.CHANNEL_UNAVAILABLE', false, 400, 'INVALID_REQUEST']);
    expect(kit.fake.hits('POST', '/v3/refund')).toBe(1);
    expect(kit.waits).toEqual([]);
    // Signed with a key that is not the one of the merchant certificate the fake knows.
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const forged = await wechatPayKit({ merchantPrivateKey: stranger });
    const denied = await rejection(forged.channel.charge({ paymentNumber: 'P-14', amount: cny('1.00'), description: 'x' }));
    expect([denied.code, denied.details.status, denied.details.vendorCode, denied.details.retryable]).toEqual([
      'PAYMENT.CHANNEL_UNAVAILABLE',
      401,
      'SIGN_ERROR',
      false,
    ]);
    expect(forged.fake.requests.map((r) => r.signed)).toEqual([false]);
    expect(forged.fake.transactions.size).toBe(0);
    await forged.fake.close();
  });

  it('an answer whose signature does not hold under the platform key is not acted on (and not retried)', async () => {
    kit = await wechatPayKit();
    kit.fake.signWrongNext = 1;
    const e = await rejection(kit.channel.charge({ paymentNumber: 'P-15', amount: cny('1.00'), description: 'x' }));
    expect([e.code, e.details.reason, e.details.fault]).toEqual(['PAYMENT.CHANNEL_UNAVAILABLE', 'ANSWER_NOT_VERIFIED', 'bad_signature']);
    expect(kit.fake.requests).toHaveLength(1);
  });
});

describe('WeChat Pay query and close against the fake server', () => {
  it('each trade_state reads as the port state; SUCCESS carries the success; an order WeChat Pay never had is unpaid', async () => {
    kit = await wechatPayKit();
    await kit.channel.charge({ paymentNumber: 'P-16', amount: cny('66.60'), description: 'x' });
    const t = kit.fake.transactions.get('P-16')!;
    const states: [typeof t.state, string][] = [
      ['NOTPAY', 'unpaid'],
      ['USERPAYING', 'unpaid'],
      ['CLOSED', 'closed'],
      ['REVOKED', 'closed'],
      ['REFUND', 'refunded'],
      ['PAYERROR', 'failed'],
    ];
    for (const [state, expected] of states) {
      t.state = state;
      expect(await kit.channel.query('P-16')).toEqual({ state: expected });
    }
    kit.fake.pay('P-16', new Date('2026-03-02T03:04:05Z'));
    const paid = await kit.channel.query('P-16');
    expect([paid.state, paid.callback?.channelTransactionId, paid.callback?.amount.toString(), paid.callback?.paidAt.toISOString()]).toEqual([
      'paid',
      t.transactionId,
      '66.60',
      '2026-03-02T03:04:05.000Z',
    ]);
    expect(await kit.channel.query('P-NEVER')).toEqual({ state: 'unpaid' });
  });

  it('close answers 204 and the order is closed; closing it again, or one never placed, is no error; a paid one is refused', async () => {
    kit = await wechatPayKit();
    await kit.channel.charge({ paymentNumber: 'P-17', amount: cny('1.00'), description: 'x' });
    await kit.channel.close('P-17');
    expect(kit.fake.transactions.get('P-17')!.state).toBe('CLOSED');
    expect(JSON.parse(kit.fake.requests[1]!.body)).toEqual({ mchid: kit.config.mchid });
    await kit.channel.close('P-17');
    await kit.channel.close('P-NEVER');
    await kit.channel.charge({ paymentNumber: 'P-18', amount: cny('1.00'), description: 'x' });
    kit.fake.pay('P-18');
    const e = await rejection(kit.channel.close('P-18'));
    expect([e.code, e.details.reason, e.details.vendorCode]).toEqual(['PAYMENT.INVALID_TRANSITION', 'PAID_AT_CHANNEL', 'ORDERPAID']);
  });
});
