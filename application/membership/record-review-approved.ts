import { qualifies, type GrowthSource } from '../../domain/membership/growth.js';
import { checkReference } from '../../domain/membership/ledger.js';
import { expiryOf, type PointsSource } from '../../domain/membership/points.js';
import { Money } from '../../domain/shared/money.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { changeGrowth, changePoints } from './ledgers.js';
import { rules } from './lookups.js';

/** A review was approved: growth (and points) for a qualifying item; a show-order post among the first N earns more. */
export class RecordReviewApproved {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: {
    memberId: string;
    reviewId: string;
    itemPrice: string;
    virtual: boolean;
    showOrderRank?: number | null;
  }): Promise<{ growth: number; points: number }> {
    checkReference(cmd.reviewId);
    const item = { price: Money.parse(cmd.itemPrice), virtual: cmd.virtual };
    return this.d.uow.run(async (tx) => {
      const r = await rules(tx);
      let growth = 0;
      let points = 0;
      if (!qualifies(r.growth, item)) return { growth, points };
      const grant = async (g: GrowthSource, p: PointsSource, gAmount: number, pAmount: number) => {
        if (gAmount > 0) {
          const x = await changeGrowth(tx, this.d, { memberId: cmd.memberId, source: g, reference: cmd.reviewId, delta: gAmount }, r.levels);
          if (!x.replayed) growth += x.entry.delta;
        }
        if (pAmount > 0) {
          const x = await changePoints(tx, this.d, {
            memberId: cmd.memberId,
            source: p,
            reference: cmd.reviewId,
            delta: pAmount,
            expiresAt: expiryOf(r.points, this.d.clock.now()),
          });
          if (!x.replayed) points += x.entry.delta;
        }
      };
      await grant('review', 'review', r.growth.review, r.points.review);
      const rank = cmd.showOrderRank;
      if (rank !== undefined && rank !== null && Number.isSafeInteger(rank) && rank >= 1 && rank <= r.growth.showOrderFirst) {
        await grant('show_order', 'show_order', r.growth.showOrder, r.points.showOrder);
      }
      return { growth, points };
    });
  }
}
