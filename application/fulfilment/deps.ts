import type { CarrierInterception, FulfilmentProgress, WarehouseInterception } from '../../domain/ordering/index.js';
import type { PaymentChannels } from '../payment/index.js';
import type { UseCaseDeps } from '../shared/deps.js';

/**
 * Automatic receipt confirmation, N days after shipping. The seeds give no period for it (the 7 or 15
 * days they mention are the after-sales window of a completed order); marketplaces use 7 to 15 days,
 * and 10 is the default here. The deadline is stored on the order when it ships, so changing this
 * moves no deadline of an order already shipped.
 */
export const DEFAULT_AUTO_CONFIRM_AFTER_DAYS = 10;

/** What the fulfilment context's use cases are built with. */
export interface FulfilmentDeps extends UseCaseDeps {
  /** Days from shipping to the automatic receipt confirmation (default `DEFAULT_AUTO_CONFIRM_AFTER_DAYS`). */
  readonly autoConfirmAfterDays?: number;
  /** ORD-6: how far fulfilment went with an order. */
  readonly progress: FulfilmentProgress;
  /** ORD-6: the warehouse's interception. */
  readonly warehouse: WarehouseInterception;
  /** ORD-6: the carrier's interception. */
  readonly carrier: CarrierInterception;
  /** The payment channels (payment's), for `refundThroughChannel`. */
  readonly channels: PaymentChannels;
}
