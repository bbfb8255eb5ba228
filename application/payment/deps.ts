import type { VerificationCodes } from '../../domain/ordering/index.js';
import type { UseCaseDeps } from '../shared/deps.js';
import type { PaymentChannels } from './channels.js';

/** What the payment context's use cases are built with. */
export interface PaymentDeps extends UseCaseDeps {
  /** The channels the shop takes, by name (none unless configured, decision 0019). */
  readonly channels: PaymentChannels;
  /** Service orders' verification codes, drawn when a payment pays them (ordering's port). */
  readonly codes: VerificationCodes;
  /** PAY-2: how long a payment stays open (never past its orders' time to pay). Default 15 minutes. */
  readonly paymentTimeoutMs?: number;
}
