// The Stripe payment channel (decision 0036): PaymentIntents, signed webhooks, refunds and balance transactions through the official SDK.
import { StripePaymentChannel } from './channel.js';
import type { StripeConfig } from './config.js';

export { StripePaymentChannel } from './channel.js';
export { checkedStripeConfig, STRIPE_DEFAULTS, stripeConfigFromEnv, type StripeConfig } from './config.js';
export { fromStripeAmount, stripeDecimalsOf, toStripeAmount } from './amounts.js';
export { parseBalanceTransactionsCsv } from './statement.js';

/** The Stripe channel, configured by name like every channel (decision 0019): `createZhongtai({ ordering: { channels: [stripePaymentChannel(config)] } })`. */
export function stripePaymentChannel(config: StripeConfig): StripePaymentChannel {
  return new StripePaymentChannel(config);
}
