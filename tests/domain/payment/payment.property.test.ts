/**
 * Properties of payments over generated orders split into children (ORD-5): a combined payment is
 * for exactly the sum of its children's payables, and no sequence of refunds — partial, for one
 * order or over all, too large, repeated — ever gives back more than was paid, in total or per order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitOrder } from '../../../domain/ordering/split.js';
import { Payment } from '../../../domain/payment/payment.js';
import { isDomainError } from '../../../domain/shared/domain-error.js';
import { Money } from '../../../domain/shared/money.js';
import { splitCase } from '../ordering/order-arbitraries.js';
import { at, callback } from './payment-mothers.js';

const RUNS = { numRuns: 1000 };

/** Children of a split whose payables are positive (an order with nothing to pay needs no channel). */
const payableChildren = splitCase
  .filter(({ groups }) => groups.length >= 2)
  .map(({ order, groups }) => splitOrder(order, groups, (i) => ({ id: `c${i}`, number: `SO-${i}` }), at(0)).children.filter((c) => c.payable.isPositive()))
  .filter((cs) => cs.length > 0);

describe('payments (property)', () => {
  it('ORD-5 / §10: a combined payment of child orders is for exactly the sum of their payables, one share each', () => {
    fc.assert(
      fc.property(payableChildren, (children) => {
        const p = Payment.open({ id: 'pay', number: 'PN', orders: children, createdAt: at(1), expiresAt: at(16) });
        expect(p.amount.equals(Money.sum(children.map((c) => c.payable)))).toBe(true);
        expect(p.orders.map((o) => [o.orderId, o.amount.toString()])).toEqual(children.map((c) => [c.id, c.payable.toString()]));
        // The callback must carry that amount to the cent.
        expect(() => p.handleCallback(callback(p.amount.add(Money.fromMinor(1))), { receivedAt: at(2), ordersAwaitingPayment: true })).toThrow(/payment PN/);
        expect(p.handleCallback(callback(p.amount), { receivedAt: at(2), ordersAwaitingPayment: true })).toMatchObject({
          kind: 'paid',
          orderIds: children.map((c) => c.id),
        });
      }),
      RUNS,
    );
  });

  it('refunds never exceed what was paid, in total or per order; each refund’s parts sum to it; the status says what is left', () => {
    const refundArb = fc.record({
      cents: fc.oneof(fc.integer({ min: 1, max: 5_000 }), fc.integer({ min: 1, max: 50_000_000 })),
      order: fc.option(fc.nat(10), { nil: null }),
      id: fc.integer({ min: 0, max: 15 }),
    });
    fc.assert(
      fc.property(payableChildren, fc.array(refundArb, { maxLength: 15 }), (children, refunds) => {
        const p = Payment.open({ id: 'pay', number: 'PN', orders: children, createdAt: at(1), expiresAt: at(16) });
        p.handleCallback(callback(p.amount), { receivedAt: at(2), ordersAwaitingPayment: true });
        const made = new Map<string, bigint>();
        for (const r of refunds) {
          const orderId = r.order === null ? null : children[r.order % children.length]!.id;
          const before = p.toSnapshot();
          try {
            const out = p.refund({ refundId: `r${r.id}`, amount: Money.fromMinor(r.cents), orderId, reason: 'x', at: at(3) });
            expect(Money.sum(out.refund.orders.map((o) => o.amount)).equals(out.refund.amount)).toBe(true);
            if (!out.replayed) made.set(`r${r.id}`, BigInt(r.cents));
            else expect(p.toSnapshot()).toBe(before);
          } catch (e) {
            if (!isDomainError(e)) throw e;
            expect(['PAYMENT.REFUND_EXCEEDS_PAID', 'PAYMENT.INVALID_REFUND', 'PAYMENT.INVALID_TRANSITION']).toContain(e.code);
            expect(p.toSnapshot()).toBe(before);
          }
          const s = p.toSnapshot();
          const refunded = [...made.values()].reduce((a, b) => a + b, 0n);
          expect(p.refunded.toMinor()).toBe(refunded);
          expect(refunded <= s.amount.toMinor()).toBe(true);
          for (const o of s.orders) {
            expect(o.refunded.greaterThan(o.amount)).toBe(false);
            expect(o.refunded.isNegative()).toBe(false);
          }
          expect(Money.sum(s.orders.map((o) => o.refunded)).equals(p.refunded)).toBe(true);
          expect(s.status).toBe(refunded === 0n ? 'paid' : refunded === s.amount.toMinor() ? 'refunded' : 'partially_refunded');
        }
      }),
      RUNS,
    );
  });
});
