import { DomainError } from '../../domain/shared/domain-error.js';
import type { PaymentChannel } from '../../domain/payment/ports.js';
import { PAYMENT_ERROR } from '../../domain/payment/errors.js';

/** The payment channels the shop takes, by name (the composition root binds them; the fake one by default). */
export class PaymentChannels {
  private readonly byName: ReadonlyMap<string, PaymentChannel>;

  constructor(channels: readonly PaymentChannel[]) {
    this.byName = new Map(channels.map((c) => [c.name, c]));
  }

  get names(): string[] {
    return [...this.byName.keys()];
  }

  /** The channel of this name: `PAYMENT.UNKNOWN_CHANNEL` (422) when the shop does not take it. */
  get(name: string): PaymentChannel {
    const c = this.byName.get(name);
    if (!c) throw DomainError.invalid(PAYMENT_ERROR.UNKNOWN_CHANNEL, `no payment channel ${name}; the shop takes ${this.names.join(', ') || 'none'}`, { channel: name });
    return c;
  }
}
