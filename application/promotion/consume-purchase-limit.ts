import type { UseCaseDeps } from '../shared/deps.js';
import { consumePurchaseLimit, type ConsumePurchaseLimitCommand, type PurchaseLimitOutcome } from './purchase-limits.js';

/**
 * 限购: an order takes `quantity` units (price activities, presales) or one participation (set-level
 * activities) under an activity's per-member limit, in the period of now — `consumePurchaseLimit` in a
 * transaction of its own (staff over HTTP; placing an order consumes inside its own transaction).
 */
export class ConsumePurchaseLimit {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: ConsumePurchaseLimitCommand): Promise<PurchaseLimitOutcome> {
    return this.d.uow.run((tx) => consumePurchaseLimit(tx, cmd, this.d.clock.now()));
  }
}
