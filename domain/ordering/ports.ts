import type { Order } from './order.js';
import type { FulfilmentStage } from './cancellation.js';

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

/**
 * Port: how far fulfilment (§9) went with an order, as ORD-6 tells the stages apart. The warehouse
 * system knows (pre-allocated, sent to the warehouse, signed for …); until one is connected the
 * default adapter derives the stage from the order's status.
 */
export interface FulfilmentProgress {
  stageOf(order: Order): Promise<FulfilmentStage>;
}

/**
 * Port: ask the warehouse to stop an order it received but did not ship yet (ORD-6, 已下发仓库未发货).
 * True when it succeeded (the goods stay in the warehouse). Adapters are idempotent per order: asking
 * twice is one interception.
 */
export interface WarehouseInterception {
  intercept(orderId: string): Promise<boolean>;
}

/**
 * Port: ask the carrier to stop a parcel it carries and bring it back (ORD-6, 已发货未签收). True when
 * it succeeded. Idempotent per tracking number.
 */
export interface CarrierInterception {
  intercept(carrier: string, trackingNumber: string): Promise<boolean>;
}
