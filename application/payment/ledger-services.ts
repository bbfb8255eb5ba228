import type { Transaction } from '../shared/unit-of-work.js';
import { PAYMENT_STORE } from './store.js';

/** What the ledger (finance) needs of a payment to post its money movements: its currency and the channels that moved it. */
export interface PaymentForLedger {
  readonly id: string;
  readonly currency: string;
  /** The channel of the accepted payment (null while unpaid or closed unpaid). */
  readonly channel: string | null;
  /** Every callback handled, accepted or late: the channel of each channel transaction. */
  readonly callbacks: readonly { readonly channel: string; readonly channelTransactionId: string }[];
}

/** A payment as the ledger reads it, in the caller's transaction; null when there is none. */
export async function paymentForLedger(tx: Transaction, paymentId: string): Promise<PaymentForLedger | null> {
  const p = await tx.use(PAYMENT_STORE).payments.get(paymentId);
  if (!p) return null;
  const s = p.toSnapshot();
  return {
    id: s.id,
    currency: s.currency,
    channel: s.paid?.channel ?? null,
    callbacks: s.callbacks.map((c) => ({ channel: c.channel, channelTransactionId: c.channelTransactionId })),
  };
}
