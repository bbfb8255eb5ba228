import type { PaymentChannelSetting } from '../../application/payment/channels.js';
import { alipayConfigFromEnv, alipayPaymentChannel } from '../channels/payment/alipay/index.js';
import { fakePaymentChannel } from '../channels/payment/fake-channel.js';
import { stripeConfigFromEnv, stripePaymentChannel } from '../channels/payment/stripe/index.js';
import { WECHATPAY_ENV, WechatPayConfigError, wechatPayChannel, wechatPayConfigFromEnv } from '../channels/payment/wechatpay/index.js';
import type { ServiceConfig } from './config.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The real channels `serve` takes by name, each configured from its own variables (docs/contexts/payment.md):
 * keys and certificates inline or from `*_FILE` paths, never logged.
 */
const REAL_CHANNELS: Readonly<Record<string, (env: Env) => PaymentChannelSetting>> = {
  wechatpay: (env) => {
    try {
      return wechatPayChannel(wechatPayConfigFromEnv(env));
    } catch (e) {
      throw e instanceof WechatPayConfigError ? new Error(namingVariable(e.message)) : e;
    }
  },
  alipay: (env) => alipayPaymentChannel(alipayConfigFromEnv(env)),
  stripe: (env) => stripePaymentChannel(stripeConfigFromEnv(env as NodeJS.ProcessEnv)),
};

/** A WeChat Pay setting's error (it names the field, `merchantPrivateKey …`) naming the variable it came from as well. */
function namingVariable(message: string): string {
  const fields = Object.keys(WECHATPAY_ENV).sort((a, b) => b.length - a.length) as (keyof typeof WECHATPAY_ENV)[];
  const field = fields.find((f) => new RegExp(`\\b${f}\\b`).test(message));
  return field ? message.replace(field, `${field} (${WECHATPAY_ENV[field]})`) : message;
}

/** The channel names `serve` knows: the real ones, and the fake one for demo mode and tests. */
export const KNOWN_PAYMENT_CHANNELS: readonly string[] = ['fake', ...Object.keys(REAL_CHANNELS)];

/** What `serve` takes payments with (decision 0019). */
export interface PaymentSetup {
  readonly channels: readonly PaymentChannelSetting[];
  /** Whether the router mounts the fake channel's payment page. */
  readonly fakePaymentPage: boolean;
  /** The line `serve` prints about payments at start. */
  readonly notice: string;
}

/**
 * The payment channels of `serve`. Production mode (ZHONGTAI_JWT_SECRET set): the channels named in
 * ZHONGTAI_PAYMENT_CHANNELS, each configured from its variables, never the fake one; with none,
 * payments answer 422 until one is configured. Demo mode: the fake channel and its page, and the real
 * ones named (a vendor's sandbox beside the demo data). An unknown name, or a real channel whose
 * settings are missing or wrong, is refused before anything opens — the message names the variable,
 * never a key.
 */
export function paymentSetup(config: Pick<ServiceConfig, 'demo' | 'paymentChannels'>, env: Env = process.env): PaymentSetup {
  const unknown = config.paymentChannels.filter((name) => !KNOWN_PAYMENT_CHANNELS.includes(name));
  if (unknown.length > 0) {
    throw new Error(`ZHONGTAI_PAYMENT_CHANNELS names unknown payment channels: ${unknown.join(', ')} (known: ${KNOWN_PAYMENT_CHANNELS.join(', ')})`);
  }
  if (!config.demo && config.paymentChannels.includes('fake')) {
    throw new Error(
      'ZHONGTAI_PAYMENT_CHANNELS: the fake channel is for demo mode and tests — it lets anyone mark an order paid; it is refused when ZHONGTAI_JWT_SECRET is set',
    );
  }
  const real = [...new Set(config.paymentChannels.filter((name) => name !== 'fake'))];
  const channels = real.map((name) => REAL_CHANNELS[name]!(env));
  if (config.demo) {
    return {
      channels: [fakePaymentChannel(), ...channels],
      fakePaymentPage: true,
      notice: `payments: the fake channel (demo mode) — pay on POST /payments/fake/<payment number>/complete${real.length > 0 ? `; also ${real.join(', ')}` : ''}`,
    };
  }
  return {
    channels,
    fakePaymentPage: false,
    notice:
      real.length > 0
        ? `payments: ${real.join(', ')} — notifications to POST /payments/callbacks/<channel>`
        : 'payments: no channel configured (ZHONGTAI_PAYMENT_CHANNELS) — paying answers 422 PAYMENT.NO_CHANNEL_CONFIGURED until one is',
  };
}
