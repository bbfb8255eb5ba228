import { MEMBERSHIP_ERRORS } from '../../domain/membership/errors.js';
import { orderGrowth } from '../../domain/membership/growth.js';
import { checkReference } from '../../domain/membership/ledger.js';
import { expiryOf, purchasePoints } from '../../domain/membership/points.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { Money } from '../../domain/shared/money.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { changeGrowth, changePoints, taken } from './ledgers.js';
import { netOf, paidOrderFact, rules } from './lookups.js';
import { MEMBERSHIP_STORE } from './store.js';

export interface RefundOutcome {
  readonly replayed: boolean;
  readonly growthRolledBack: number;
  readonly pointsRolledBack: number;
  readonly pointsReturned: number;
}

/**
 * After-sales calls this on a refund, once per refund id (its `after-sales.request.refund-issued`
 * subscription): the fact's refunded amount grows (RFM sees the net); MBR-1 takes back the growth and
 * purchase points of the refunded amount (never below zero); the points the refunded units used at
 * checkout come back — `points` when the caller priced them (AFS-2: the requested units' share), else by
 * the lines' allocated shares (`lineIds`; all remaining lines when the order is fully refunded). Never
 * more points come back than the order used less what came back before. A refund of 0.00 cash (an
 * agent's amount) still gives back its points.
 */
export class RecordRefund {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: {
    orderId: string;
    refundId: string;
    amount: string;
    lineIds?: readonly string[];
    points?: number;
    /** The order whose checkout spent the points (a split child's top-level order); default `orderId`. */
    pointsOrderId?: string;
  }): Promise<RefundOutcome> {
    checkReference(cmd.refundId);
    const amount = Money.parse(cmd.amount);
    if (amount.amount.isNegative()) throw DomainError.invalid('MONEY.INVALID_AMOUNT', 'a refund is not below zero');
    if (cmd.points !== undefined && !(Number.isSafeInteger(cmd.points) && cmd.points >= 0)) {
      throw MEMBERSHIP_ERRORS.raise('INVALID_AMOUNT', 'the points of a refund are a whole number of at least 0', { points: cmd.points });
    }
    return this.d.uow.run(async (tx) => {
      const store = tx.use(MEMBERSHIP_STORE);
      const before = await paidOrderFact(tx, cmd.orderId);
      const outcome = await store.orderFacts.refund(cmd.orderId, cmd.refundId, amount.amount.toFixed(2));
      if (outcome === 'replayed') return { replayed: true, growthRolledBack: 0, pointsRolledBack: 0, pointsReturned: 0 };
      if (outcome === 'exceeds') {
        throw MEMBERSHIP_ERRORS.raise('REFUND_EXCEEDS_PAID', `only ${netOf(before).toString()} of order ${cmd.orderId} is left to refund`, {
          left: netOf(before).toString(),
        });
      }
      const f = await paidOrderFact(tx, cmd.orderId);
      const memberId = f.memberId;
      const ref = `${cmd.orderId}:${cmd.refundId}`;
      const r = await rules(tx);
      let growthRolledBack = 0;
      const g = await store.growthLedger.entry(memberId, 'order', cmd.orderId);
      if (g && g.delta > 0) {
        const due = orderGrowth(netOf(f), String(g.detail.factor ?? r.growth.orderFactor));
        const back = g.delta - (await taken(store.growthLedger, memberId, 'order_rollback', `${cmd.orderId}:`)) - due;
        if (back > 0)
          growthRolledBack = -(await changeGrowth(tx, this.d, { memberId, source: 'order_rollback', reference: ref, delta: -back, clamp: true }, r.levels))
            .entry.delta;
      }
      let pointsRolledBack = 0;
      const p = await store.pointsLedger.entry(memberId, 'purchase', cmd.orderId);
      if (p && p.delta > 0) {
        const due = purchasePoints({ perYuan: Number(p.detail.perYuan ?? r.points.perYuan) }, netOf(f));
        const back = p.delta - (await taken(store.pointsLedger, memberId, 'purchase_rollback', `${cmd.orderId}:`)) - due;
        if (back > 0)
          pointsRolledBack = -(await changePoints(tx, this.d, { memberId, source: 'purchase_rollback', reference: ref, delta: -back, clamp: true })).entry
            .delta;
      }
      let pointsReturned = 0;
      // Points come back against the order that spent them (across a split order's children), under its id.
      const spent = cmd.pointsOrderId ?? cmd.orderId;
      const used = await store.pointsLedger.entry(memberId, 'checkout', spent);
      if (used) {
        const perLine = (used.detail.perLine ?? {}) as Record<string, number>;
        const earlier = await store.pointsLedger.entries(memberId, { sources: ['refund'], referencePrefix: `${spent}:` });
        const returned = new Set(earlier.flatMap((e) => (e.detail.lines as string[] | undefined) ?? []));
        const full = !netOf(f).amount.greaterThan(0);
        const lines = cmd.points !== undefined ? [] : Object.keys(perLine).filter((l) => !returned.has(l) && (full || (cmd.lineIds ?? []).includes(l)));
        const left = used.delta < 0 ? -used.delta - earlier.reduce((a, e) => a + e.delta, 0) : 0;
        const points = Math.min(left, cmd.points ?? lines.reduce((a, l) => a + perLine[l]!, 0));
        if (points > 0) {
          const x = await changePoints(tx, this.d, {
            memberId,
            source: 'refund',
            reference: `${spent}:${cmd.refundId}`,
            delta: points,
            expiresAt: expiryOf(r.points, this.d.clock.now()),
            detail: { lines },
          });
          pointsReturned = x.entry.delta;
        }
      }
      return { replayed: false, growthRolledBack, pointsRolledBack, pointsReturned };
    });
  }
}
