import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveWechatPayConfig, wechatPayChannel, type WechatPayConfig } from '../../../../adapters/channels/payment/wechatpay/index.js';
import { authorization, decryptResource, requestMessage, rsaVerify, signatureFault } from '../../../../adapters/channels/payment/wechatpay/signing.js';
import { Money } from '../../../../domain/shared/money.js';
import { sealResource } from '../../../support/fakes/wechatpay-server.js';
import { domainErrorOf } from '../../../support/mothers.js';

/**
 * Known answers (tests/adapters/channels/wechatpay/vectors.json, the `wechatpay` key of the shared
 * payment-channel vectors): WeChat Pay's public test certificate, the AEAD known answer of the Java
 * SDK, the Go SDK's notification, the documented request-signing example (its signature derived with
 * the Go SDK's testing key), and a TRANSACTION.SUCCESS notification derived with the same keys.
 */
const V = JSON.parse(readFileSync(new URL('./vectors.json', import.meta.url), 'utf8')).wechatpay;
const cert = new X509Certificate(V.test_certificate.pem);
const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });

/** A channel that verifies with the test certificate, at the given time. */
const channelAt = (seconds: number, apiV3Key: string = V.notify_transaction_derived.api_v3_key, o: Partial<WechatPayConfig> = {}) =>
  wechatPayChannel(
    {
      mchid: '1230000109',
      appid: 'wxd678efh567hg6787',
      merchantPrivateKey: merchant.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      merchantSerialNo: '1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C',
      apiV3Key,
      platformCertificates: [V.test_certificate.pem],
      notifyUrl: 'https://example.invalid/pay/wechat',
      attempts: 1,
      ...o,
    },
    { now: () => new Date(seconds * 1000) },
  );

const lower = (h: Record<string, string>) => Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));

describe('WeChat Pay known answers', () => {
  it('the public test certificate is serial D7CE59D1F522D701 and verifies answers signed under that serial', () => {
    expect(cert.serialNumber).toBe(V.test_certificate.serial);
    expect(new Date(cert.validTo).toISOString()).toBe('2031-04-25T08:55:23.000Z');
    const resolved = resolveWechatPayConfig({
      mchid: '1230000109',
      appid: 'wxd678efh567hg6787',
      merchantPrivateKey: merchant.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      merchantSerialNo: 'ABCDEF0123456789',
      apiV3Key: V.aead_kat.api_v3_key,
      platformCertificates: [V.test_certificate.pem],
      notifyUrl: 'https://example.invalid/pay/wechat',
    });
    expect([...resolved.platformKeys.keys()]).toEqual(['D7CE59D1F522D701']);
  });

  it.each(['request_sign_doc', 'request_sign_post_derived'])(
    'request signing (%s): the message is the documented one and its signature holds under the test certificate',
    (name) => {
      const v = V[name];
      const message = requestMessage(v.method, v.url, v.timestamp, v.nonce_str, v.body);
      expect(message).toBe(v.string_to_sign);
      expect(rsaVerify(cert.publicKey, message, v.signature_derived)).toBe(true);
      // One character of the message, or of the signature, changed: it no longer holds.
      expect(rsaVerify(cert.publicKey, requestMessage(v.method, v.url, v.timestamp, `${v.nonce_str.slice(0, -1)}3`, v.body), v.signature_derived)).toBe(false);
      expect(rsaVerify(cert.publicKey, message, `A${v.signature_derived.slice(1)}`)).toBe(false);
    },
  );

  it('the Authorization header carries mchid, nonce_str, signature, timestamp and serial_no in the documented form, its signature over the documented message', () => {
    const v = V.request_sign_doc;
    const header = authorization({
      mchid: '1900009191',
      serialNo: '1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C',
      privateKey: merchant.privateKey,
      method: v.method,
      pathAndQuery: v.url,
      body: v.body,
      timestamp: v.timestamp,
      nonce: v.nonce_str,
    });
    const m =
      /^WECHATPAY2-SHA256-RSA2048 mchid="1900009191",nonce_str="593BEC0C930BF1AFEB40B4A08C8FB242",signature="([^"]+)",timestamp="1554208460",serial_no="1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C"$/.exec(
        header,
      );
    expect(m).not.toBeNull();
    expect(Buffer.from(m![1]!, 'base64')).toHaveLength(256);
    expect(rsaVerify(merchant.publicKey, v.string_to_sign, m![1]!)).toBe(true);
  });

  it('a Native order for SO-1 of 123.45 is sent as the documented body: the vector body byte for byte, amount 12345 fen', async () => {
    const sent: { url: string; body: string }[] = [];
    const channel = wechatPayChannel(
      {
        mchid: '1230000109',
        appid: 'wxd678efh567hg6787',
        merchantPrivateKey: merchant.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        merchantSerialNo: 'ABCDEF0123456789',
        apiV3Key: V.aead_kat.api_v3_key,
        platformCertificates: [V.test_certificate.pem],
        notifyUrl: 'https://example.invalid/pay/wechat',
        attempts: 1,
      },
      {
        fetch: async (url, init) => {
          sent.push({ url: String(url), body: String(init?.body) });
          return new Response('{"code":"SYSTEM_ERROR"}', { status: 500 });
        },
      },
    );
    const refused = await channel.charge({ paymentNumber: 'SO-1', amount: Money.of('123.45'), description: 'zhongtai SO-1' }).catch((e) => e);
    expect(refused.code).toBe('PAYMENT.CHANNEL_UNAVAILABLE');
    expect(sent).toEqual([{ url: 'https://api.mch.weixin.qq.com/v3/pay/transactions/native', body: V.request_sign_post_derived.body }]);
  });

  it('AEAD_AES_256_GCM: the Java SDK known answer decrypts to "message"; another associated data or nonce is refused; the fake seals the same ciphertext', () => {
    const k = V.aead_kat;
    const key = Buffer.from(k.api_v3_key, 'utf8');
    expect(decryptResource(key, { nonce: k.nonce, associated_data: k.associated_data, ciphertext: k.ciphertext_b64 })).toBe(k.plaintext);
    expect(() => decryptResource(key, { nonce: k.nonce, associated_data: k.bad_associated_data, ciphertext: k.ciphertext_b64 })).toThrow();
    expect(() => decryptResource(key, { nonce: k.bad_nonce, associated_data: k.associated_data, ciphertext: k.ciphertext_b64 })).toThrow();
    expect(sealResource(k.api_v3_key, k.nonce, k.associated_data, k.plaintext)).toBe(k.ciphertext_b64);
  });

  it('the Go SDK notification: its signature holds under the test certificate at its time and is stale 301 s later; its 16-byte key is not an API v3 key here', () => {
    const v = V.notify_payscore;
    const keys = new Map([[cert.serialNumber, cert.publicKey]]);
    const ts = Number(v.headers['Wechatpay-Timestamp']);
    expect(signatureFault(keys, v.headers, v.body, new Date(ts * 1000))).toBeNull();
    expect(signatureFault(keys, v.headers, v.body, new Date((ts + 301) * 1000))).toBe('stale_timestamp');
    expect(signatureFault(keys, v.headers, v.body.replace('签约成功', '签约失败'), new Date(ts * 1000))).toBe('bad_signature');
    // Signature first, then the event: a payscore event is no payment notification.
    const e = domainErrorOf(() => channelAt(ts).verifyCallback(null, { rawBody: v.body, headers: lower(v.headers) }));
    expect([e.code, e.details.reason]).toEqual(['PAYMENT.INVALID_CALLBACK', 'UNEXPECTED_EVENT']);
    // The Go SDK decrypts it with AES-128 (its key is 16 bytes); WeChat Pay's API v3 key is 32 bytes, and nothing less is taken.
    expect(() => decryptResource(Buffer.from(v.api_v3_key), JSON.parse(v.body).resource)).toThrow(RangeError);
    expect(() => channelAt(ts, v.api_v3_key)).toThrow(/apiV3Key must be exactly 32 bytes/);
  });

  it('the derived TRANSACTION.SUCCESS notification reads as SO-1 paid 123.45 CNY by transaction 4200000000202603020000000001 at 2026-03-02 10:00:05 +08:00', () => {
    const v = V.notify_transaction_derived;
    const ts = Number(v.headers['Wechatpay-Timestamp']);
    expect(decryptResource(Buffer.from(v.api_v3_key), JSON.parse(v.body).resource)).toBe(v.plaintext);
    for (const headers of [v.headers, lower(v.headers)]) {
      const verified = channelAt(ts + 5).verifyCallback(JSON.parse(v.body), { rawBody: v.body, headers });
      expect(verified.paymentNumber).toBe('SO-1');
      expect(verified.callback.channel).toBe('wechatpay');
      expect(verified.callback.channelTransactionId).toBe('4200000000202603020000000001');
      expect(verified.callback.amount.equals(Money.of('123.45', 'CNY'))).toBe(true);
      expect(verified.callback.paidAt.toISOString()).toBe('2026-03-02T02:00:05.000Z');
    }
    // 300 s either way is taken; 301 s is a replay.
    expect(channelAt(ts + 300).verifyCallback(null, { rawBody: v.body, headers: v.headers }).paymentNumber).toBe('SO-1');
    expect(channelAt(ts - 300).verifyCallback(null, { rawBody: v.body, headers: v.headers }).paymentNumber).toBe('SO-1');
    for (const at of [ts + 301, ts - 301]) {
      const e = domainErrorOf(() => channelAt(at).verifyCallback(null, { rawBody: v.body, headers: v.headers }));
      expect([e.code, e.kind, e.details.fault]).toEqual(['PAYMENT.INVALID_SIGNATURE', 'unauthenticated', 'stale_timestamp']);
    }
  });

  it('the derived notification tampered with, under another serial, or without its request is refused before its body is read', () => {
    const v = V.notify_transaction_derived;
    const ts = Number(v.headers['Wechatpay-Timestamp']);
    const channel = channelAt(ts);
    const refused = (rawBody: string, headers: Record<string, string>) => domainErrorOf(() => channel.verifyCallback(null, { rawBody, headers }));
    const tampered = refused(v.body.replace('"summary":"支付成功"', '"summary":"支付成功 "'), v.headers);
    expect([tampered.code, tampered.details.fault]).toEqual(['PAYMENT.INVALID_SIGNATURE', 'bad_signature']);
    const otherSerial = refused(v.body, { ...v.headers, 'Wechatpay-Serial': 'PUB_KEY_ID_0000000000000000000000000000000000' });
    expect([otherSerial.code, otherSerial.details.fault]).toEqual(['PAYMENT.INVALID_SIGNATURE', 'unknown_serial']);
    const noSignature = refused(v.body, { ...v.headers, 'Wechatpay-Signature': '' });
    expect([noSignature.code, noSignature.details.fault]).toEqual(['PAYMENT.INVALID_SIGNATURE', 'missing_headers']);
    // A wrong API v3 key: the signature holds but the resource's GCM tag does not.
    const wrongKey = domainErrorOf(() => channelAt(ts, 'b'.repeat(32)).verifyCallback(null, { rawBody: v.body, headers: v.headers }));
    expect([wrongKey.code, wrongKey.details.fault]).toEqual(['PAYMENT.INVALID_SIGNATURE', 'resource_tag']);
    // Another merchant's notification, genuine as it is, is not ours to take.
    const other = domainErrorOf(() => channelAt(ts, undefined, { mchid: '1900009191' }).verifyCallback(null, { rawBody: v.body, headers: v.headers }));
    expect([other.code, other.details.reason]).toEqual(['PAYMENT.INVALID_CALLBACK', 'OTHER_MERCHANT']);
    const missing = domainErrorOf(() => channel.verifyCallback(JSON.parse(v.body)));
    expect([missing.code, missing.kind, missing.details.reason]).toEqual(['PAYMENT.INVALID_CALLBACK', 'invalid', 'NO_REQUEST']);
  });
});
