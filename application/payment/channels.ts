import { DomainError } from '../../domain/shared/domain-error.js';
import type { PaymentChannel } from '../../domain/payment/ports.js';
import { PAYMENT_ERROR } from '../../domain/payment/errors.js';
import type { PaymentView } from './find-payment.js';
import type { CallbackResult } from './handle-payment-callback.js';

/**
 * The payment channels the shop takes, by name. None unless configured (decision 0019): with none,
 * paying and every callback are `PAYMENT.NO_CHANNEL_CONFIGURED` (422).
 */
export class PaymentChannels {
  private readonly byName: ReadonlyMap<string, PaymentChannel>;

  constructor(channels: readonly PaymentChannel[]) {
    this.byName = new Map(channels.map((c) => [c.name, c]));
  }

  get names(): string[] {
    return [...this.byName.keys()];
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** The channel of this name: `PAYMENT.UNKNOWN_CHANNEL` (422) when the shop does not take it, `PAYMENT.NO_CHANNEL_CONFIGURED` (422) when it takes none. */
  get(name: string): PaymentChannel {
    const c = this.byName.get(name);
    if (c) return c;
    if (this.byName.size === 0) {
      throw DomainError.invalid(PAYMENT_ERROR.NO_CHANNEL_CONFIGURED, 'no payment channel is configured: the shop takes no payments until one is', {
        channel: name,
      });
    }
    throw DomainError.invalid(PAYMENT_ERROR.UNKNOWN_CHANNEL, `no payment channel ${name}; the shop takes ${this.names.join(', ')}`, { channel: name });
  }
}

/**
 * What the host offers a channel adapter that calls back inside the process (the fake channel): the
 * callback use case — the same path as `POST /payments/callbacks/:channel` — and the payments as stored.
 */
export interface PaymentChannelHost {
  handleCallback(cmd: { readonly channel: string; readonly body: unknown }): Promise<CallbackResult>;
  findPayment(cmd: { readonly number: string }): Promise<PaymentView>;
}

/** A channel adapter made with the host's use cases (the composition root calls it once). */
export type PaymentChannelFactory = (host: PaymentChannelHost) => PaymentChannel;

/** A configured channel: the adapter itself, or a factory of one that needs the host. */
export type PaymentChannelSetting = PaymentChannel | PaymentChannelFactory;

/** The configured channels, factories made with `host`. */
export function makeChannels(settings: readonly PaymentChannelSetting[], host: PaymentChannelHost): PaymentChannels {
  return new PaymentChannels(settings.map((s) => (typeof s === 'function' ? s(host) : s)));
}
