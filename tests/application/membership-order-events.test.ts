import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createZhongtai } from '../../adapters/container/create-zhongtai.js';
import {
  membershipOrderSubscriptions,
  recordCompletedOrderOf,
  recordPaidOrderOf,
  recordRefundOf,
  type MembershipOfOrders,
  type RecordPaidOrderCommand,
} from '../../application/membership/index.js';
import type { CommittedEvent } from '../../application/shared/subscriptions.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { membershipOrderEventsSuite } from './membership-order-events.js';

membershipOrderEventsSuite('memory', async () => undefined);

const PAID_AT = new Date('2026-12-01T00:00:00Z');
const paid: CommittedEvent = {
  id: 'e1',
  type: 'order.paid',
  aggregateId: 'o1',
  occurredAt: PAID_AT,
  payload: { memberId: 'm1', payable: '10.00', paymentId: 'p1' },
};
const completed: CommittedEvent = {
  id: 'e2',
  type: 'order.completed',
  aggregateId: 'o1',
  occurredAt: new Date('2026-12-05T00:00:00Z'),
  payload: { via: 'receipt', memberId: 'm1', paidAt: PAID_AT.toISOString() },
};
const memberNotFound = () => DomainError.notFound('MEMBERSHIP.MEMBER_NOT_FOUND', 'no member m1');
const orderNotFound = () => DomainError.notFound('MEMBERSHIP.ORDER_NOT_FOUND', 'no paid order o1');

/** A membership whose use cases answer as told, recording what the paid-order one was asked. */
function membership(o: {
  paid?: () => unknown;
  completed?: () => unknown;
  refunded?: () => unknown;
  registeredAt?: Date | null;
}): MembershipOfOrders & { asked: RecordPaidOrderCommand[]; refunds: unknown[] } {
  const asked: RecordPaidOrderCommand[] = [];
  const refunds: unknown[] = [];
  return {
    asked,
    refunds,
    recordRefund: async (cmd) => {
      refunds.push(cmd);
      return o.refunded?.();
    },
    recordPaidOrder: async (cmd) => {
      asked.push(cmd);
      return o.paid?.();
    },
    recordOrderCompleted: async () => o.completed?.(),
    get: async () => {
      if (!o.registeredAt) throw memberNotFound();
      return { registeredAt: o.registeredAt };
    },
  };
}

describe('membership’s reaction to order.paid (formerly the membership.order-paid job)', () => {
  it('records the leaf order’s fact from the event: its id, member, moment of payment and payable', async () => {
    const m = membership({});
    expect(await recordPaidOrderOf(m, paid)).toEqual({ recorded: true });
    expect(m.asked).toEqual([{ orderId: 'o1', memberId: 'm1', paidAt: PAID_AT, amount: '10.00' }]);
  });

  it('a buyer who is no member is an answer (done); any other failure is thrown, so the delivery is retried', async () => {
    expect(
      await recordPaidOrderOf(
        membership({
          paid: () => {
            throw memberNotFound();
          },
        }),
        paid,
      ),
    ).toEqual({ recorded: false });
    await expect(
      recordPaidOrderOf(
        membership({
          paid: () => {
            throw new Error('database down');
          },
        }),
        paid,
      ),
    ).rejects.toThrow('database down');
  });
});

describe('membership’s reaction to order.completed (formerly the membership.order-completed job)', () => {
  it('grants the order’s growth and points', async () => {
    expect(await recordCompletedOrderOf(membership({}), completed)).toEqual({ recorded: true });
  });

  it('no paid-order fact because the buyer was no member when paying (none now, or registered after the payment): acknowledged without a record', async () => {
    const noFact = () => {
      throw orderNotFound();
    };
    expect(await recordCompletedOrderOf(membership({ completed: noFact, registeredAt: null }), completed)).toEqual({ recorded: false });
    expect(await recordCompletedOrderOf(membership({ completed: noFact, registeredAt: new Date(PAID_AT.getTime() + 1) }), completed)).toEqual({
      recorded: false,
    });
  });

  it('a member’s fact not there yet (order.paid still retrying) is thrown, so the delivery is retried; so is any other failure', async () => {
    const noFact = () => {
      throw orderNotFound();
    };
    await expect(recordCompletedOrderOf(membership({ completed: noFact, registeredAt: PAID_AT }), completed)).rejects.toMatchObject({
      code: 'MEMBERSHIP.ORDER_NOT_FOUND',
    });
    const unpaid = { ...completed, payload: { ...completed.payload, paidAt: null } };
    await expect(recordCompletedOrderOf(membership({ completed: noFact, registeredAt: PAID_AT }), unpaid)).rejects.toMatchObject({
      code: 'MEMBERSHIP.ORDER_NOT_FOUND',
    });
    await expect(
      recordCompletedOrderOf(
        membership({
          completed: () => {
            throw new Error('database down');
          },
        }),
        completed,
      ),
    ).rejects.toThrow('database down');
  });
});

describe('membership’s reaction to after-sales.request.refund-issued (AFS-2, MBR-1)', () => {
  const issued: CommittedEvent = {
    id: 'e3',
    type: 'after-sales.request.refund-issued',
    aggregateId: 'r1',
    occurredAt: new Date('2026-12-06T00:00:00Z'),
    payload: { orderId: 'o1', memberId: 'm1', refundNumber: 'afs-r1', amount: '92.50', points: 333, paidAt: PAID_AT.toISOString() },
  };
  const noFact = () => {
    throw orderNotFound();
  };

  it('records the refund of the order under the request’s refund number, with the points its units used', async () => {
    const m = membership({});
    expect(await recordRefundOf(m, issued)).toEqual({ recorded: true });
    expect(m.refunds).toEqual([{ orderId: 'o1', refundId: 'afs-r1', amount: '92.50', points: 333 }]);
  });

  it('a buyer who was no member when paying: acknowledged without a record; a member’s fact not there yet: retried', async () => {
    expect(await recordRefundOf(membership({ refunded: noFact, registeredAt: null }), issued)).toEqual({ recorded: false });
    expect(await recordRefundOf(membership({ refunded: noFact, registeredAt: new Date(PAID_AT.getTime() + 1) }), issued)).toEqual({ recorded: false });
    await expect(recordRefundOf(membership({ refunded: noFact, registeredAt: PAID_AT }), issued)).rejects.toMatchObject({ code: 'MEMBERSHIP.ORDER_NOT_FOUND' });
  });
});

describe('at-least-once delivery, any order (property)', () => {
  const T0 = new Date('2026-03-01T02:00:00Z');
  const delivery = fc.record({ order: fc.integer({ min: 0, max: 3 }), kind: fc.constantFrom('paid' as const, 'completed' as const) });

  it('however often and in whatever order order.paid and order.completed arrive (a refused delivery retried later), each paid order is one fact and each completed one grants its growth and points once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 4, maxLength: 4 }),
        fc.array(delivery, { minLength: 1, maxLength: 16 }),
        async (cents, deliveries) => {
          const zt = createZhongtai({ clock: { now: () => T0 } });
          await zt.membership.register({ memberId: 'm1' });
          const [onPaid, onCompleted] = membershipOrderSubscriptions(zt.membership);
          const paidAt = new Date(T0.getTime() + 60_000);
          const event = (d: { order: number; kind: 'paid' | 'completed' }, n: number): CommittedEvent =>
            d.kind === 'paid'
              ? {
                  id: `e${n}`,
                  type: 'order.paid',
                  aggregateId: `o${d.order}`,
                  occurredAt: paidAt,
                  payload: { memberId: 'm1', payable: (cents[d.order]! / 100).toFixed(2) },
                }
              : {
                  id: `e${n}`,
                  type: 'order.completed',
                  aggregateId: `o${d.order}`,
                  occurredAt: paidAt,
                  payload: { via: 'receipt', memberId: 'm1', paidAt: paidAt.toISOString() },
                };
          // An order is paid before it completes: its order.paid is delivered at some point, if only after the completion's.
          const all = [...deliveries];
          for (const d of deliveries)
            if (d.kind === 'completed' && !all.some((x) => x.kind === 'paid' && x.order === d.order)) all.push({ order: d.order, kind: 'paid' });
          let pending = all.map(event);
          for (let round = 0; pending.length > 0; round++) {
            expect(round, 'deliveries still refused').toBeLessThan(3);
            const refused: CommittedEvent[] = [];
            for (const e of pending) await (e.type === 'order.paid' ? onPaid! : onCompleted!).handle(e).catch(() => refused.push(e));
            pending = refused;
          }
          const paid = [...new Set(all.filter((d) => d.kind === 'paid').map((d) => d.order))];
          const completed = [...new Set(all.filter((d) => d.kind === 'completed').map((d) => d.order))];
          const due = completed.reduce((sum, o) => sum + Math.floor(cents[o]! / 100), 0);
          const member = await zt.membership.get({ memberId: 'm1' });
          expect([member.growth, member.points]).toEqual([due, due]);
          await zt.membership.runRfm({ asOf: new Date(paidAt.getTime() + 60_000) });
          const rfm = await zt.membership.memberRfm({ memberId: 'm1' });
          expect([rfm.frequency, rfm.monetary]).toEqual([paid.length, (paid.reduce((sum, o) => sum + cents[o]!, 0) / 100).toFixed(2)]);
        },
      ),
      { numRuns: 40 },
    );
  });
});
