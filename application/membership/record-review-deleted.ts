import { checkReference } from '../../domain/membership/ledger.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { changeGrowth, changePoints } from './ledgers.js';
import { rules } from './lookups.js';
import { MEMBERSHIP_STORE } from './store.js';

/** MBR-1: a deleted review takes back its review and show-order growth and points, never below zero. */
export class RecordReviewDeleted {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { memberId: string; reviewId: string }): Promise<{ growth: number; points: number }> {
    checkReference(cmd.reviewId);
    return this.d.uow.run(async (tx) => {
      const store = tx.use(MEMBERSHIP_STORE);
      const r = await rules(tx);
      let growth = 0;
      for (const [src, back] of [
        ['review', 'review_rollback'],
        ['show_order', 'show_order_rollback'],
      ] as const) {
        const granted = await store.growthLedger.entry(cmd.memberId, src, cmd.reviewId);
        if (!granted || granted.delta <= 0) continue;
        const x = await changeGrowth(
          tx,
          this.d,
          { memberId: cmd.memberId, source: back, reference: cmd.reviewId, delta: -granted.delta, clamp: true },
          r.levels,
        );
        if (!x.replayed) growth += x.entry.delta;
      }
      let pointsGranted = 0;
      for (const src of ['review', 'show_order'] as const) pointsGranted += (await store.pointsLedger.entry(cmd.memberId, src, cmd.reviewId))?.delta ?? 0;
      let points = 0;
      if (pointsGranted > 0) {
        const x = await changePoints(tx, this.d, {
          memberId: cmd.memberId,
          source: 'review_rollback',
          reference: cmd.reviewId,
          delta: -pointsGranted,
          clamp: true,
        });
        if (!x.replayed) points = x.entry.delta;
      }
      return { growth, points };
    });
  }
}
