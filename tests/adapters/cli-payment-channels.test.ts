import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../adapters/cli/config.js';
import { KNOWN_PAYMENT_CHANNELS, paymentSetup } from '../../adapters/cli/payment-channels.js';
import { createZhongtai } from '../../adapters/container/create-zhongtai.js';

/** `serve`'s payment channels (issue #12 finding 1, decision 0019): the fake one in demo mode only, the rest from ZHONGTAI_PAYMENT_CHANNELS. */
describe('serve: payment channels from configuration', () => {
  const names = (setup: ReturnType<typeof paymentSetup>) => createZhongtai({ ordering: { channels: setup.channels } }).payments.channels.names;

  it('demo mode (no ZHONGTAI_JWT_SECRET) takes the fake channel and mounts its page, so the README demo flow pays', () => {
    const setup = paymentSetup(readConfig({}));
    expect([names(setup), setup.fakePaymentPage]).toEqual([['fake'], true]);
    expect(setup.notice).toMatch(/fake channel \(demo mode\)/);
  });

  it('production mode with no channel configured starts without any, no fake page, and says payments answer 422 until one is', () => {
    const setup = paymentSetup(readConfig({ ZHONGTAI_JWT_SECRET: 'a-production-secret-of-32-chars!!' }));
    expect([names(setup), setup.fakePaymentPage]).toEqual([[], false]);
    expect(setup.notice).toMatch(/no channel configured .* 422 PAYMENT\.NO_CHANNEL_CONFIGURED until one is/);
  });

  it('production mode refuses the fake channel at start: it is for demo mode and tests', () => {
    const config = readConfig({ ZHONGTAI_JWT_SECRET: 'a-production-secret-of-32-chars!!', ZHONGTAI_PAYMENT_CHANNELS: 'fake' });
    expect(config.paymentChannels).toEqual(['fake']);
    expect(() => paymentSetup(config)).toThrow(/the fake channel is for demo mode and tests/);
  });

  it('ZHONGTAI_PAYMENT_CHANNELS is a comma-separated list of names; blanks are ignored', () => {
    expect(readConfig({ ZHONGTAI_PAYMENT_CHANNELS: ' fake , ,wechat' }).paymentChannels).toEqual(['fake', 'wechat']);
    expect(readConfig({ ZHONGTAI_PAYMENT_CHANNELS: '' }).paymentChannels).toEqual([]);
  });

  it('property: an unknown channel name is refused at start in either mode; a real one is taken only with its settings (none here: refused, naming a variable); outside demo mode no setup takes the fake channel or its page', () => {
    const name = fc.oneof(fc.constantFrom(...KNOWN_PAYMENT_CHANNELS), fc.stringMatching(/^[a-z0-9_-]{1,12}$/));
    fc.assert(
      fc.property(fc.boolean(), fc.array(name, { maxLength: 4 }), (demo, list) => {
        const config = { demo, paymentChannels: list };
        const unknown = list.filter((n) => !KNOWN_PAYMENT_CHANNELS.includes(n));
        if (unknown.length > 0) {
          expect(() => paymentSetup(config, {})).toThrow(/unknown payment channels/);
          return;
        }
        if (!demo && list.includes('fake')) {
          expect(() => paymentSetup(config, {})).toThrow(/demo mode and tests/);
          return;
        }
        if (list.some((n) => n !== 'fake')) {
          expect(() => paymentSetup(config, {})).toThrow(/ZHONGTAI_(WECHATPAY|ALIPAY|STRIPE)_/);
          return;
        }
        const setup = paymentSetup(config, {});
        expect(setup.fakePaymentPage).toBe(demo);
        expect(names(setup).includes('fake')).toBe(demo);
      }),
    );
  });

  it('production mode takes WeChat Pay, Alipay and Stripe from their variables (issue #16), names them at start, and never shows a key', () => {
    const pem = () =>
      generateKeyPairSync('rsa', {
        modulusLength: 2048,
        publicKeyEncoding: { type: 'spki', format: 'pem' },
        privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      });
    const merchant = pem();
    const wechat = pem();
    const app = pem();
    const alipay = pem();
    const env = {
      ZHONGTAI_JWT_SECRET: 'a-production-secret-of-32-chars!!',
      ZHONGTAI_PAYMENT_CHANNELS: 'wechatpay,alipay,stripe',
      ZHONGTAI_WECHATPAY_MCHID: '1230000109',
      ZHONGTAI_WECHATPAY_APPID: 'wxd678efh567hg6787',
      ZHONGTAI_WECHATPAY_MERCHANT_SERIAL_NO: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
      ZHONGTAI_WECHATPAY_PRIVATE_KEY: merchant.privateKey,
      ZHONGTAI_WECHATPAY_API_V3_KEY: 'a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb',
      ZHONGTAI_WECHATPAY_PUBLIC_KEY: wechat.publicKey,
      ZHONGTAI_WECHATPAY_PUBLIC_KEY_ID: 'PUB_KEY_ID_0112345678901234567890',
      ZHONGTAI_WECHATPAY_NOTIFY_URL: 'https://shop.example/payments/callbacks/wechatpay',
      ZHONGTAI_ALIPAY_APP_ID: '2021000000000001',
      ZHONGTAI_ALIPAY_PRIVATE_KEY: app.privateKey,
      ZHONGTAI_ALIPAY_PUBLIC_KEY: alipay.publicKey,
      ZHONGTAI_ALIPAY_NOTIFY_URL: 'https://shop.example/payments/callbacks/alipay',
      ZHONGTAI_STRIPE_SECRET_KEY: 'sk_test_51Hzhongtai',
      ZHONGTAI_STRIPE_WEBHOOK_SECRET: 'whsec_zhongtai',
    };
    const setup = paymentSetup(readConfig(env), env);
    expect([names(setup), setup.fakePaymentPage]).toEqual([['wechatpay', 'alipay', 'stripe'], false]);
    expect(setup.notice).toBe('payments: wechatpay, alipay, stripe — notifications to POST /payments/callbacks/<channel>');

    // One key missing or broken: refused at start by the variable's name, without any key's bytes.
    const broken = { ...env, ZHONGTAI_WECHATPAY_PRIVATE_KEY: `${merchant.privateKey.slice(0, 200)}` };
    const message = (() => {
      try {
        paymentSetup(readConfig(broken), broken);
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(message).toMatch(/ZHONGTAI_WECHATPAY_PRIVATE_KEY/);
    for (const secret of [merchant.privateKey.split('\n')[1]!, env.ZHONGTAI_WECHATPAY_API_V3_KEY, env.ZHONGTAI_STRIPE_SECRET_KEY])
      expect(message).not.toContain(secret);
    const { ZHONGTAI_STRIPE_WEBHOOK_SECRET: _, ...noWebhook } = env;
    expect(() => paymentSetup(readConfig(noWebhook), noWebhook)).toThrow(/ZHONGTAI_STRIPE_WEBHOOK_SECRET/);
  });
});
