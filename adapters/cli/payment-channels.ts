import type { PaymentChannelSetting } from '../../application/payment/channels.js';
import { fakePaymentChannel } from '../channels/payment/fake-channel.js';
import type { ServiceConfig } from './config.js';

/** The channel names `serve` knows. Real channels (WeChat Pay, Alipay …) come with a later issue; today only the fake one. */
export const KNOWN_PAYMENT_CHANNELS: readonly string[] = ['fake'];

/** What `serve` takes payments with (decision 0019). */
export interface PaymentSetup {
  readonly channels: readonly PaymentChannelSetting[];
  /** Whether the router mounts the fake channel's payment page. */
  readonly fakePaymentPage: boolean;
  /** The line `serve` prints about payments at start. */
  readonly notice: string;
}

/**
 * The payment channels of `serve`. Demo mode: the fake channel and its page. Production mode
 * (ZHONGTAI_JWT_SECRET set): the channels named in ZHONGTAI_PAYMENT_CHANNELS, never the fake one; with
 * none, payments answer 422 until one is configured. An unknown name is refused in either mode.
 */
export function paymentSetup(config: Pick<ServiceConfig, 'demo' | 'paymentChannels'>): PaymentSetup {
  const unknown = config.paymentChannels.filter((name) => !KNOWN_PAYMENT_CHANNELS.includes(name));
  if (unknown.length > 0) {
    throw new Error(
      `ZHONGTAI_PAYMENT_CHANNELS names unknown payment channels: ${unknown.join(', ')} (known today: ${KNOWN_PAYMENT_CHANNELS.join(', ')}, for demo mode and tests only)`,
    );
  }
  if (config.demo) {
    return {
      channels: [fakePaymentChannel()],
      fakePaymentPage: true,
      notice: 'payments: the fake channel (demo mode) — pay on POST /payments/fake/<payment number>/complete',
    };
  }
  if (config.paymentChannels.includes('fake')) {
    throw new Error(
      'ZHONGTAI_PAYMENT_CHANNELS: the fake channel is for demo mode and tests — it lets anyone mark an order paid; it is refused when ZHONGTAI_JWT_SECRET is set',
    );
  }
  return {
    channels: [],
    fakePaymentPage: false,
    notice: 'payments: no channel configured (ZHONGTAI_PAYMENT_CHANNELS) — paying answers 422 PAYMENT.NO_CHANNEL_CONFIGURED until one is',
  };
}
