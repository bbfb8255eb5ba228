import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { wechatPayChannel, wechatPayConfigFromEnv, WechatPayConfigError } from '../../../../adapters/channels/payment/wechatpay/index.js';
import { Money } from '../../../../domain/shared/money.js';
import { FakeWechatPay, fakeWechatPayKeys } from '../../../support/fakes/wechatpay-server.js';

let fake: FakeWechatPay | undefined;
let dir: string | undefined;
afterEach(async () => {
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The lines of a PEM's body (base64), each long enough to be recognisable if it leaked. */
const pemLines = (pem: string) => pem.split('\n').filter((l) => l.length >= 40 && !l.startsWith('-----'));

describe('WeChat Pay configuration from ZHONGTAI_WECHATPAY_* variables', () => {
  it('keys inline or from *_FILE paths make a channel that pays at the fake; defaults: 10 s, 3 attempts, WeChat Pay’s base URL', async () => {
    fake = await FakeWechatPay.start();
    const k = fake.keys;
    dir = mkdtempSync(join(tmpdir(), 'wechatpay-'));
    writeFileSync(join(dir, 'apiclient_key.pem'), k.merchantPrivateKeyPem);
    writeFileSync(join(dir, 'apiv3.key'), `${k.apiV3Key}\n`);
    const env = {
      ZHONGTAI_WECHATPAY_MCHID: k.mchid,
      ZHONGTAI_WECHATPAY_APPID: k.appid,
      ZHONGTAI_WECHATPAY_MERCHANT_SERIAL_NO: k.merchantSerialNo,
      ZHONGTAI_WECHATPAY_PRIVATE_KEY_FILE: join(dir, 'apiclient_key.pem'),
      ZHONGTAI_WECHATPAY_API_V3_KEY_FILE: join(dir, 'apiv3.key'),
      ZHONGTAI_WECHATPAY_PUBLIC_KEY: k.platformPublicKeyPem,
      ZHONGTAI_WECHATPAY_PUBLIC_KEY_ID: k.platformKeyId,
      ZHONGTAI_WECHATPAY_NOTIFY_URL: 'https://shop.example/payments/callbacks/wechatpay',
    };
    const config = wechatPayConfigFromEnv(env);
    expect([config.mchid, config.apiV3Key, config.baseUrl, config.timeoutMs, config.attempts]).toEqual([k.mchid, k.apiV3Key, undefined, undefined, undefined]);
    const channel = wechatPayChannel(wechatPayConfigFromEnv({ ...env, ZHONGTAI_WECHATPAY_BASE_URL: fake.url, ZHONGTAI_WECHATPAY_ATTEMPTS: '1' }));
    expect((await channel.charge({ paymentNumber: 'P-1', amount: Money.of('1.00', 'CNY'), description: 'x' })).payUrl).toMatch(/^weixin:\/\//);
    expect(fake.requests.map((r) => r.signed)).toEqual([true]);
  });

  it('a bad setting names the variable and holds no key material: a 31-byte API v3 key, a broken PEM, a missing file, a missing variable', () => {
    const k = fakeWechatPayKeys();
    const env = {
      ZHONGTAI_WECHATPAY_MCHID: k.mchid,
      ZHONGTAI_WECHATPAY_APPID: k.appid,
      ZHONGTAI_WECHATPAY_MERCHANT_SERIAL_NO: k.merchantSerialNo,
      ZHONGTAI_WECHATPAY_PRIVATE_KEY: k.merchantPrivateKeyPem,
      ZHONGTAI_WECHATPAY_API_V3_KEY: k.apiV3Key,
      ZHONGTAI_WECHATPAY_PUBLIC_KEY: k.platformPublicKeyPem,
      ZHONGTAI_WECHATPAY_PUBLIC_KEY_ID: k.platformKeyId,
      ZHONGTAI_WECHATPAY_NOTIFY_URL: 'https://shop.example/payments/callbacks/wechatpay',
    };
    const messageOf = (e: Record<string, string | undefined>) => {
      try {
        wechatPayConfigFromEnv(e, () => {
          throw new Error(`ENOENT: ${k.merchantPrivateKeyPem}`);
        });
      } catch (error) {
        expect(error).toBeInstanceOf(WechatPayConfigError);
        return (error as Error).message;
      }
      throw new Error('expected the configuration to be refused');
    };
    const secrets = [k.apiV3Key, k.apiV3Key.slice(0, 31), k.apiV3Key.slice(1), ...pemLines(k.merchantPrivateKeyPem), ...pemLines(k.platformPublicKeyPem)];
    const broken = k.merchantPrivateKeyPem.replace(/\n[A-Za-z0-9+/]{20}/, '\n!!!!');
    const cases: [Record<string, string | undefined>, RegExp][] = [
      [{ ...env, ZHONGTAI_WECHATPAY_API_V3_KEY: k.apiV3Key.slice(0, 31) }, /apiV3Key must be exactly 32 bytes/],
      [{ ...env, ZHONGTAI_WECHATPAY_PRIVATE_KEY: broken }, /merchantPrivateKey is not a readable PEM/],
      [
        { ...env, ZHONGTAI_WECHATPAY_PRIVATE_KEY: undefined, ZHONGTAI_WECHATPAY_PRIVATE_KEY_FILE: '/nowhere/key.pem' },
        /ZHONGTAI_WECHATPAY_PRIVATE_KEY_FILE names a file that cannot be read/,
      ],
      [
        { ...env, ZHONGTAI_WECHATPAY_PRIVATE_KEY_FILE: '/nowhere/key.pem' },
        /set ZHONGTAI_WECHATPAY_PRIVATE_KEY or ZHONGTAI_WECHATPAY_PRIVATE_KEY_FILE, not both/,
      ],
      [{ ...env, ZHONGTAI_WECHATPAY_PUBLIC_KEY_ID: undefined }, /ZHONGTAI_WECHATPAY_PUBLIC_KEY and ZHONGTAI_WECHATPAY_PUBLIC_KEY_ID go together/],
      [{ ...env, ZHONGTAI_WECHATPAY_NOTIFY_URL: undefined }, /ZHONGTAI_WECHATPAY_NOTIFY_URL is not set/],
      [{ ...env, ZHONGTAI_WECHATPAY_PUBLIC_KEY: k.merchantPrivateKeyPem.slice(0, 200) }, /platformPublicKey.pem is not a readable PEM/],
    ];
    for (const [e, expected] of cases) {
      const message = messageOf(e);
      expect(message).toMatch(expected);
      for (const s of secrets) expect(message.includes(s), `${message} holds key material`).toBe(false);
    }
  });
});
