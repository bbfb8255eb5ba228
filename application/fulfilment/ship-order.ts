import { shipOrder, type OrderProgress } from '../ordering/index.js';
import { DEFAULT_AUTO_CONFIRM_AFTER_DAYS, type FulfilmentDeps } from './deps.js';
import { FULFILMENT_JOB } from './jobs.js';

/** An order after a fulfilment step: where it stands, and (for a child order) where its split parent stands now. */
export type FulfilmentView = OrderProgress;

const DAY_MS = 86_400_000;

/**
 * Staff ship a paid goods order (发货) with its carrier and tracking number. Receipt is confirmed
 * automatically N days later: the deadline is stored on the order and a durable job
 * (`order.auto-confirm`, keyed by order) is scheduled for it in the same transaction, so the timer
 * exists if and only if the shipment does. A child order moves its split parent (ORD-5). Unpaid,
 * shipped or final orders: ORDER.INVALID_TRANSITION; a split parent: ORDER.SPLIT_PARENT.
 */
export class ShipOrder {
  private readonly afterDays: number;

  constructor(private readonly d: FulfilmentDeps) {
    this.afterDays = d.autoConfirmAfterDays ?? DEFAULT_AUTO_CONFIRM_AFTER_DAYS;
    if (!(Number.isFinite(this.afterDays) && this.afterDays > 0)) throw new RangeError(`autoConfirmAfterDays is a positive number of days: ${this.afterDays}`);
  }

  execute(cmd: { orderId: string; carrier: string; trackingNumber: string }): Promise<FulfilmentView> {
    return this.d.uow.run(async (tx) => {
      const at = this.d.clock.now();
      const autoConfirmAt = new Date(at.getTime() + this.afterDays * DAY_MS);
      const shipped = await shipOrder(tx, { orderId: cmd.orderId, carrier: cmd.carrier, trackingNumber: cmd.trackingNumber, at, autoConfirmAt });
      const kind = FULFILMENT_JOB.AUTO_CONFIRM;
      await tx.jobs.schedule({ kind, key: `${kind}:${shipped.orderId}`, runAt: autoConfirmAt, payload: { orderId: shipped.orderId } });
      return shipped;
    });
  }
}
