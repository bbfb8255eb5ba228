import type { Order } from './order.js';

/**
 * Port: verification codes (核销码) for service orders. Paying a service order draws one code; the
 * shop redeems it. Adapters make codes hard to guess (a CSPRNG, 12 digits by default); tests use a
 * fixed sequence. A code has 6 to 32 letters or digits.
 */
export interface VerificationCodes {
  next(): string;
}

/**
 * Port: orders, read like a collection. `save` is optimistic: it fails with `CONCURRENCY.STALE_AGGREGATE`
 * when the stored version moved since the order was loaded (creating an id that exists is stale too).
 */
export interface Orders {
  get(id: string): Promise<Order | null>;
  save(order: Order): Promise<void>;
  /** The order with this number (numbers are unique). */
  byNumber(number: string): Promise<Order | null>;
  /** ORD-5: the child orders of a split parent, by number. */
  children(parentId: string): Promise<Order[]>;
  /**
   * ORD-3: up to `limit` orders still pending payment whose time to pay is over (payBy ≤ now; split
   * parents excluded), earliest first. On PostgreSQL the rows are locked `for update skip locked`, so
   * schedulers running side by side take different orders.
   */
  dueForPaymentTimeout(now: Date, limit: number): Promise<Order[]>;
}
