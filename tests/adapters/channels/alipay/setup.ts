import { AlipayPaymentChannel } from '../../../../adapters/channels/payment/alipay/index.js';
import type { AlipayConfig } from '../../../../adapters/channels/payment/alipay/config.js';
import { FakeAlipay, type PemPair, rsaPair } from '../../../support/fakes/alipay-server.js';

export const APP_ID = '2021000000000001';

/** The two key pairs of a test file: the app's and Alipay's (made once: RSA 2048 takes a moment). */
export const keys: { readonly app: PemPair; readonly alipay: PemPair } = { app: rsaPair(), alipay: rsaPair() };

/** A fake Alipay and the channel pointed at it: 300 ms per call, 3 tries, waits recorded instead of waited. */
export async function alipayWorld(config: Partial<AlipayConfig> = {}) {
  const fake = await FakeAlipay.start(APP_ID, keys);
  const waits: number[] = [];
  const channel = new AlipayPaymentChannel({
    appId: APP_ID,
    privateKey: keys.app.privateKey,
    alipayPublicKey: keys.alipay.publicKey,
    gateway: fake.gateway,
    notifyUrl: 'https://shop.example.com/payments/callbacks/alipay',
    returnUrl: 'https://shop.example.com/paid',
    timeoutMs: 300,
    retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 40, random: () => 0.5, sleep: async (ms) => void waits.push(ms) },
    ...config,
  });
  return { fake, channel, waits };
}
