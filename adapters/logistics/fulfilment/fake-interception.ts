import {
  FULFILMENT_STAGES,
  type CarrierInterception,
  type FulfilmentProgress,
  type FulfilmentStage,
  type Order,
  type OrderStatus,
  type WarehouseInterception,
} from '../../../domain/ordering/index.js';

/**
 * The fulfilment stage as the order's own status tells it, until a warehouse system reports the real
 * one (§9): a paid order not shipped is taken as not yet pre-allocated, a shipped one as shipped and not
 * signed for, a completed one as signed for. `set` overrides the stage of one order (tests, the demo,
 * or an operator relaying what the warehouse said).
 */
export class StatusFulfilmentProgress implements FulfilmentProgress {
  private readonly overrides = new Map<string, FulfilmentStage>();

  static readonly BY_STATUS: Readonly<Record<OrderStatus, FulfilmentStage>> = {
    pending_payment: 'not_allocated',
    pending_shipment: 'not_allocated',
    pending_redemption: 'not_allocated',
    shipped: 'shipped',
    completed: 'signed',
    cancelled: 'not_allocated',
    closed: 'not_allocated',
  };

  async stageOf(order: Order): Promise<FulfilmentStage> {
    return this.overrides.get(order.id) ?? StatusFulfilmentProgress.BY_STATUS[order.status];
  }

  set(orderId: string, stage: FulfilmentStage): this {
    if (!(FULFILMENT_STAGES as readonly string[]).includes(stage)) throw new RangeError(`not a fulfilment stage: ${String(stage)}`);
    this.overrides.set(orderId, stage);
    return this;
  }

  clear(orderId?: string): this {
    if (orderId === undefined) this.overrides.clear();
    else this.overrides.delete(orderId);
    return this;
  }
}

/**
 * An interception that answers as configured: one outcome for everything (success by default), with
 * exceptions by key (the order id at a warehouse, the tracking number at a carrier).
 */
abstract class ConfiguredInterception {
  private readonly byKey = new Map<string, boolean>();
  private succeeds: boolean;

  constructor(options: { succeeds?: boolean } = {}) {
    this.succeeds = options.succeeds ?? true;
  }

  /** Every later request succeeds (true) or fails (false), unless set per key. */
  willSucceed(succeeds: boolean): this {
    this.succeeds = succeeds;
    return this;
  }
  succeedFor(key: string): this {
    this.byKey.set(key, true);
    return this;
  }
  failFor(key: string): this {
    this.byKey.set(key, false);
    return this;
  }

  protected outcomeOf(key: string): boolean {
    return this.byKey.get(key) ?? this.succeeds;
  }
}

/**
 * A warehouse that intercepts as configured (every order by default, or `failFor(orderId)`), and
 * records every request in `calls` (a real adapter is idempotent per order; the fake answers as configured each time).
 */
export class FakeWarehouseInterception extends ConfiguredInterception implements WarehouseInterception {
  readonly calls: string[] = [];

  async intercept(orderId: string): Promise<boolean> {
    this.calls.push(orderId);
    return this.outcomeOf(orderId);
  }
}

/**
 * A carrier that intercepts parcels as configured (all by default, or `failFor(trackingNumber)`), and
 * records every request in `calls`.
 */
export class FakeCarrierInterception extends ConfiguredInterception implements CarrierInterception {
  readonly calls: { readonly carrier: string; readonly trackingNumber: string }[] = [];

  async intercept(carrier: string, trackingNumber: string): Promise<boolean> {
    this.calls.push({ carrier, trackingNumber });
    return this.outcomeOf(trackingNumber);
  }
}
