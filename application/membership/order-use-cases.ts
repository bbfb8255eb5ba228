import { orderGrowth } from '../../domain/membership/growth.js';
import { checkReference } from '../../domain/membership/ledger.js';
import { expiryOf, purchasePoints } from '../../domain/membership/points.js';
import type { OrderFact } from '../../domain/membership/rfm.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { Money } from '../../domain/shared/money.js';
import type { Transaction, UnitOfWork } from '../shared/unit-of-work.js';
import { changeGrowth, changePoints, member, rules, taken, type Deps } from './support.js';

async function fact(tx: Transaction, orderId: string): Promise<OrderFact> {
  const f = await tx.orderFacts.get(orderId);
  if (!f) throw DomainError.notFound('MEMBERSHIP.ORDER_NOT_FOUND', `no paid order ${orderId}`, { orderId });
  return f;
}
const net = (f: OrderFact) => Money.of(f.amount).subtract(Money.of(f.refunded));

/** Orders call this on payment: the paid-order fact RFM reads. Idempotent by order id. */
export class RecordPaidOrder {
  constructor(private readonly uow: UnitOfWork) {}
  execute(cmd: { orderId: string; memberId: string; paidAt: Date; amount: string }): Promise<{ recorded: boolean }> {
    checkReference(cmd.orderId);
    const amount = Money.parse(cmd.amount);
    if (amount.isNegative()) throw DomainError.invalid('MONEY.NEGATIVE', 'a paid amount is not negative');
    if (!(cmd.paidAt instanceof Date) || Number.isNaN(cmd.paidAt.getTime())) throw DomainError.invalid('MEMBERSHIP.INVALID_TIME', 'paidAt is a moment');
    return this.uow.run(async (tx) => {
      await member(tx, cmd.memberId);
      const f: OrderFact = { orderId: cmd.orderId, memberId: cmd.memberId, paidAt: cmd.paidAt, amount: amount.amount.toFixed(2), refunded: '0.00' };
      const recorded = await tx.orderFacts.record(f);
      if (!recorded) {
        const known = (await tx.orderFacts.get(cmd.orderId))!;
        if (known.memberId !== f.memberId || known.amount !== f.amount) throw DomainError.conflict('MEMBERSHIP.ORDER_FACT_MISMATCH', `order ${cmd.orderId} was recorded with other figures`, { orderId: cmd.orderId });
      }
      return { recorded };
    });
  }
}

/** Orders call this on completion: growth = settled × factor, and purchase points, once per order. */
export class RecordOrderCompleted {
  constructor(private readonly uow: UnitOfWork, private readonly d: Deps) {}
  execute(cmd: { orderId: string }): Promise<{ growth: number; points: number }> {
    return this.uow.run(async (tx) => {
      const f = await fact(tx, cmd.orderId);
      const r = await rules(tx);
      const settled = net(f);
      let growth = 0;
      let points = 0;
      const g = orderGrowth(settled, r.growth.orderFactor);
      if (g > 0) {
        const x = await changeGrowth(tx, this.d, { memberId: f.memberId, source: 'order', reference: f.orderId, delta: g, detail: { factor: r.growth.orderFactor } }, r.levels);
        growth = x.replayed ? 0 : g;
      }
      const p = purchasePoints(r.points, settled);
      if (p > 0) {
        const x = await changePoints(tx, this.d, { memberId: f.memberId, source: 'purchase', reference: f.orderId, delta: p, expiresAt: expiryOf(r.points, this.d.clock.now()), detail: { perYuan: r.points.perYuan } });
        points = x.replayed ? 0 : p;
      }
      return { growth, points };
    });
  }
}

export interface RefundOutcome {
  readonly replayed: boolean;
  readonly growthRolledBack: number;
  readonly pointsRolledBack: number;
  readonly pointsReturned: number;
}

/**
 * Orders (after-sales) call this on a refund, once per refund id: the fact's refunded amount grows
 * (RFM sees the net); MBR-1 takes back the growth and purchase points of the refunded amount (never
 * below zero); the points the refunded lines used at checkout come back, by their allocated share
 * (all remaining lines when the order is fully refunded).
 */
export class RecordRefund {
  constructor(private readonly uow: UnitOfWork, private readonly d: Deps) {}
  execute(cmd: { orderId: string; refundId: string; amount: string; lineIds?: readonly string[] }): Promise<RefundOutcome> {
    checkReference(cmd.refundId);
    const amount = Money.parse(cmd.amount);
    if (!amount.amount.greaterThan(0)) throw DomainError.invalid('MONEY.INVALID_AMOUNT', 'a refund is above zero');
    return this.uow.run(async (tx) => {
      const before = await fact(tx, cmd.orderId);
      const outcome = await tx.orderFacts.refund(cmd.orderId, cmd.refundId, amount.amount.toFixed(2));
      if (outcome === 'replayed') return { replayed: true, growthRolledBack: 0, pointsRolledBack: 0, pointsReturned: 0 };
      if (outcome === 'exceeds') {
        throw DomainError.conflict('MEMBERSHIP.REFUND_EXCEEDS_PAID', `only ${net(before).toString()} of order ${cmd.orderId} is left to refund`, { left: net(before).toString() });
      }
      const f = await fact(tx, cmd.orderId);
      const memberId = f.memberId;
      const ref = `${cmd.orderId}:${cmd.refundId}`;
      const r = await rules(tx);
      let growthRolledBack = 0;
      const g = await tx.growthLedger.entry(memberId, 'order', cmd.orderId);
      if (g && g.delta > 0) {
        const due = orderGrowth(net(f), String(g.detail.factor ?? r.growth.orderFactor));
        const back = g.delta - (await taken(tx, 'growthLedger', memberId, 'order_rollback', `${cmd.orderId}:`)) - due;
        if (back > 0) growthRolledBack = -(await changeGrowth(tx, this.d, { memberId, source: 'order_rollback', reference: ref, delta: -back, clamp: true }, r.levels)).entry.delta;
      }
      let pointsRolledBack = 0;
      const p = await tx.pointsLedger.entry(memberId, 'purchase', cmd.orderId);
      if (p && p.delta > 0) {
        const due = purchasePoints({ perYuan: Number(p.detail.perYuan ?? r.points.perYuan) }, net(f));
        const back = p.delta - (await taken(tx, 'pointsLedger', memberId, 'purchase_rollback', `${cmd.orderId}:`)) - due;
        if (back > 0) pointsRolledBack = -(await changePoints(tx, this.d, { memberId, source: 'purchase_rollback', reference: ref, delta: -back, clamp: true })).entry.delta;
      }
      let pointsReturned = 0;
      const used = await tx.pointsLedger.entry(memberId, 'checkout', cmd.orderId);
      if (used) {
        const perLine = (used.detail.perLine ?? {}) as Record<string, number>;
        const earlier = await tx.pointsLedger.entries(memberId, { sources: ['refund'], referencePrefix: `${cmd.orderId}:` });
        const returned = new Set(earlier.flatMap((e) => (e.detail.lines as string[] | undefined) ?? []));
        const full = !net(f).amount.greaterThan(0);
        const lines = Object.keys(perLine).filter((l) => !returned.has(l) && (full || (cmd.lineIds ?? []).includes(l)));
        const points = lines.reduce((a, l) => a + perLine[l]!, 0);
        if (points > 0) {
          const x = await changePoints(tx, this.d, { memberId, source: 'refund', reference: ref, delta: points, expiresAt: expiryOf(r.points, this.d.clock.now()), detail: { lines } });
          pointsReturned = x.entry.delta;
        }
      }
      return { replayed: false, growthRolledBack, pointsRolledBack, pointsReturned };
    });
  }
}
