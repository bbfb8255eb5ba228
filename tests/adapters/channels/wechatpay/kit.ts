import { wechatPayChannel, type WechatPayChannel, type WechatPayConfig } from '../../../../adapters/channels/payment/wechatpay/index.js';
import { FakeWechatPay } from '../../../support/fakes/wechatpay-server.js';

/** A fake WeChat Pay server and a channel pointed at it; waits between attempts are recorded, not slept. */
export interface WechatPayKit {
  readonly fake: FakeWechatPay;
  readonly channel: WechatPayChannel;
  readonly config: WechatPayConfig;
  /** The waits the channel asked for between attempts (ms). */
  readonly waits: number[];
}

export async function wechatPayKit(o: Partial<WechatPayConfig> = {}): Promise<WechatPayKit> {
  const fake = await FakeWechatPay.start();
  const k = fake.keys;
  const config: WechatPayConfig = {
    mchid: k.mchid,
    appid: k.appid,
    merchantPrivateKey: k.merchantPrivateKeyPem,
    merchantSerialNo: k.merchantSerialNo,
    apiV3Key: k.apiV3Key,
    platformPublicKey: { id: k.platformKeyId, pem: k.platformPublicKeyPem },
    notifyUrl: 'https://shop.example/payments/callbacks/wechatpay',
    refundNotifyUrl: 'https://shop.example/payments/refund-callbacks/wechatpay',
    baseUrl: fake.url,
    timeoutMs: 2_000,
    attempts: 3,
    backoffMs: 100,
    ...o,
  };
  const waits: number[] = [];
  // Jitter fixed at its midpoint so the waits are known numbers: 100 ms steps → 75, then 150.
  const channel = wechatPayChannel(config, { sleep: async (ms) => void waits.push(ms), random: () => 0.5 });
  return { fake, channel, config, waits };
}
