import type { Payment } from './payment.js';

/**
 * Port: payments, read like a collection. `save` is optimistic: it fails with `CONCURRENCY.STALE_AGGREGATE`
 * when the stored version moved since the payment was loaded (creating an id that exists is stale too).
 */
export interface Payments {
  get(id: string): Promise<Payment | null>;
  save(payment: Payment): Promise<void>;
  /** PAY-1: the payment a channel transaction (its accepted success, or any callback handled) belongs to. */
  byChannelTransaction(channel: string, channelTransactionId: string): Promise<Payment | null>;
  /** Every payment that pays for this order (a combined payment included), oldest first. */
  ofOrder(orderId: string): Promise<Payment[]>;
}
