import { describe, expect, it } from 'vitest';
import { recordCompletedOrderOf, recordPaidOrderOf, type MembershipOfOrders, type RecordPaidOrderCommand } from '../../application/membership/index.js';
import type { CommittedEvent } from '../../application/shared/subscriptions.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { membershipOrderEventsSuite } from './membership-order-events.js';

membershipOrderEventsSuite('memory', async () => undefined);

const PAID_AT = new Date('2026-12-01T00:00:00Z');
const paid: CommittedEvent = { id: 'e1', type: 'order.paid', aggregateId: 'o1', occurredAt: PAID_AT, payload: { memberId: 'm1', payable: '10.00', paymentId: 'p1' } };
const completed: CommittedEvent = { id: 'e2', type: 'order.completed', aggregateId: 'o1', occurredAt: new Date('2026-12-05T00:00:00Z'), payload: { via: 'receipt', memberId: 'm1', paidAt: PAID_AT.toISOString() } };
const memberNotFound = () => DomainError.notFound('MEMBERSHIP.MEMBER_NOT_FOUND', 'no member m1');
const orderNotFound = () => DomainError.notFound('MEMBERSHIP.ORDER_NOT_FOUND', 'no paid order o1');

/** A membership whose use cases answer as told, recording what the paid-order one was asked. */
function membership(o: { paid?: () => unknown; completed?: () => unknown; registeredAt?: Date | null }): MembershipOfOrders & { asked: RecordPaidOrderCommand[] } {
  const asked: RecordPaidOrderCommand[] = [];
  return {
    asked,
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
    expect(await recordPaidOrderOf(membership({ paid: () => { throw memberNotFound(); } }), paid)).toEqual({ recorded: false });
    await expect(recordPaidOrderOf(membership({ paid: () => { throw new Error('database down'); } }), paid)).rejects.toThrow('database down');
  });
});

describe('membership’s reaction to order.completed (formerly the membership.order-completed job)', () => {
  it('grants the order’s growth and points', async () => {
    expect(await recordCompletedOrderOf(membership({}), completed)).toEqual({ recorded: true });
  });

  it('no paid-order fact because the buyer was no member when paying (none now, or registered after the payment): acknowledged without a record', async () => {
    const noFact = () => { throw orderNotFound(); };
    expect(await recordCompletedOrderOf(membership({ completed: noFact, registeredAt: null }), completed)).toEqual({ recorded: false });
    expect(await recordCompletedOrderOf(membership({ completed: noFact, registeredAt: new Date(PAID_AT.getTime() + 1) }), completed)).toEqual({ recorded: false });
  });

  it('a member’s fact not there yet (order.paid still retrying) is thrown, so the delivery is retried; so is any other failure', async () => {
    const noFact = () => { throw orderNotFound(); };
    await expect(recordCompletedOrderOf(membership({ completed: noFact, registeredAt: PAID_AT }), completed)).rejects.toMatchObject({ code: 'MEMBERSHIP.ORDER_NOT_FOUND' });
    const unpaid = { ...completed, payload: { ...completed.payload, paidAt: null } };
    await expect(recordCompletedOrderOf(membership({ completed: noFact, registeredAt: PAID_AT }), unpaid)).rejects.toMatchObject({ code: 'MEMBERSHIP.ORDER_NOT_FOUND' });
    await expect(recordCompletedOrderOf(membership({ completed: () => { throw new Error('database down'); } }), completed)).rejects.toThrow('database down');
  });
});
