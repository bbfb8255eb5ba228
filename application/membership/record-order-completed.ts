import { orderGrowth } from '../../domain/membership/growth.js';
import { expiryOf, purchasePoints } from '../../domain/membership/points.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { changeGrowth, changePoints } from './ledgers.js';
import { netOf, paidOrderFact, rules } from './lookups.js';

/**
 * A completed order: growth = settled × factor, and purchase points, once per order (membership's
 * subscription to `order.completed` runs it). `MEMBERSHIP.ORDER_NOT_FOUND` while the paid order is unknown.
 */
export class RecordOrderCompleted {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { orderId: string }): Promise<{ growth: number; points: number }> {
    return this.d.uow.run(async (tx) => {
      const f = await paidOrderFact(tx, cmd.orderId);
      const r = await rules(tx);
      const settled = netOf(f);
      let growth = 0;
      let points = 0;
      const g = orderGrowth(settled, r.growth.orderFactor);
      if (g > 0) {
        const x = await changeGrowth(
          tx,
          this.d,
          { memberId: f.memberId, source: 'order', reference: f.orderId, delta: g, detail: { factor: r.growth.orderFactor } },
          r.levels,
        );
        growth = x.replayed ? 0 : g;
      }
      const p = purchasePoints(r.points, settled);
      if (p > 0) {
        const x = await changePoints(tx, this.d, {
          memberId: f.memberId,
          source: 'purchase',
          reference: f.orderId,
          delta: p,
          expiresAt: expiryOf(r.points, this.d.clock.now()),
          detail: { perYuan: r.points.perYuan },
        });
        points = x.replayed ? 0 : p;
      }
      return { growth, points };
    });
  }
}
