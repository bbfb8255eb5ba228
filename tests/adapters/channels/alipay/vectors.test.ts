// Known answers (the "alipay" key of the shared payment-channel-vectors.json, copied beside this file as vectors.json): two notifications
// Alipay signed, with their sign strings, checked through the adapter and the official SDK it uses.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AlipayPaymentChannel } from '../../../../adapters/channels/payment/alipay/index.js';
import { signContent } from '../../../support/fakes/alipay-server.js';
import { codeOf } from '../../contract/support.js';
import { keys } from './setup.js';

interface NotifyVector {
  readonly params: Record<string, string>;
  readonly sign_content: string;
  readonly alipay_public_key_b64?: string;
  readonly alipay_public_key_pem?: string;
  readonly form_urlencoded_derived?: string;
}
const vectors = JSON.parse(readFileSync(new URL('./vectors.json', import.meta.url), 'utf8')).alipay as {
  notify_trade: NotifyVector;
  notify_servicemarket: NotifyVector;
};
const trade = vectors.notify_trade;
const market = vectors.notify_servicemarket;

const channelFor = (appId: string, alipayPublicKey: string) =>
  new AlipayPaymentChannel({ appId, privateKey: keys.app.privateKey, alipayPublicKey, gateway: 'http://127.0.0.1:9/gateway.do' });
const verifying = (f: () => unknown) => codeOf(Promise.resolve().then(f));

describe('Alipay notification vectors', () => {
  it('the trade notification: its sign string is the sorted fields without sign and sign_type, and it verifies from the exact form body (Alipay key as bare base64)', () => {
    expect(signContent(trade.params, ['sign', 'sign_type'])).toBe(trade.sign_content);
    const channel = channelFor('2019073166072302', trade.alipay_public_key_b64!);
    const v = channel.verifyCallback({}, { rawBody: trade.form_urlencoded_derived!, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(v.paymentNumber).toBe('20190815155618536-564-57');
    expect(v.callback.channel).toBe('alipay');
    expect(v.callback.channelTransactionId).toBe('2019081522001468450512505578');
    expect(v.callback.amount.toString()).toBe('0.10');
    expect(v.callback.amount.currency).toBe('CNY');
    // gmt_payment 2019-08-15 15:56:24 is Beijing time.
    expect(v.callback.paidAt.toISOString()).toBe('2019-08-15T07:56:24.000Z');
    // The same fields, parsed by the HTTP layer, without the body text.
    expect(channel.verifyCallback(trade.params).paymentNumber).toBe('20190815155618536-564-57');
  });

  it('the trade notification with one field changed, the signature altered or the wrong Alipay key is PAYMENT.INVALID_SIGNATURE', async () => {
    const channel = channelFor('2019073166072302', trade.alipay_public_key_b64!);
    const tampered = trade.form_urlencoded_derived!.replace('total_amount=0.10', 'total_amount=100.10');
    expect(tampered).not.toBe(trade.form_urlencoded_derived);
    expect(await verifying(() => channel.verifyCallback({}, { rawBody: tampered, headers: {} }))).toBe('PAYMENT.INVALID_SIGNATURE');
    expect(await verifying(() => channel.verifyCallback({ ...trade.params, sign: trade.params.sign!.replace('Qf', 'Qg') }))).toBe('PAYMENT.INVALID_SIGNATURE');
    expect(await verifying(() => channel.verifyCallback({ ...trade.params, sign_type: 'RSA' }))).toBe('PAYMENT.INVALID_SIGNATURE');
    const otherKey = channelFor('2019073166072302', market.alipay_public_key_pem!);
    expect(await verifying(() => otherKey.verifyCallback(trade.params))).toBe('PAYMENT.INVALID_SIGNATURE');
  });

  it('the trade notification for another app id is PAYMENT.INVALID_CALLBACK (reason APP_ID), after its signature held', async () => {
    const channel = channelFor('2021000000000001', trade.alipay_public_key_b64!);
    const e = await Promise.resolve()
      .then(() => channel.verifyCallback(trade.params))
      .catch((x: { code: string; details: unknown }) => x);
    expect(e).toMatchObject({ code: 'PAYMENT.INVALID_CALLBACK', details: { reason: 'APP_ID' } });
  });

  it('the service-market notification is signed with sign_type kept: the SDK check takes that form too, and it is no payment', async () => {
    expect(signContent(market.params, ['sign'])).toBe(market.sign_content);
    const channel = channelFor('2017122801303261', market.alipay_public_key_pem!);
    expect(channel.gateway.verifyNotification(market.params)).toBe(true);
    expect(channel.gateway.verifyNotification({ ...market.params, total_price: '1.00' })).toBe(false);
    // Signature good, app ours, but no trade status: not a payment.
    expect(await verifying(() => channel.verifyCallback(market.params))).toBe('PAYMENT.INVALID_CALLBACK');
  });
});
