/**
 * Membership's reactions to ordering's events (issue #13), on one persistence: a paid order reaches
 * membership by its subscription to `order.paid` (the paid-order fact RFM reads), a completed one by
 * its subscription to `order.completed` (growth and purchase points) — each once, however often the
 * event is delivered, with the change that paid or completed the order.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { membershipContext } from '../../adapters/container/membership.js';
import type { FakePaymentChannel } from '../../adapters/channels/payment/fake-channel.js';
import { RECORD_COMPLETED_ORDER, RECORD_PAID_ORDER } from '../../application/membership/index.js';
import type { Persistence } from '../../application/shared/persistence.js';
import type { CommittedEvent } from '../../application/shared/subscriptions.js';
import { checkoutWorld, fillCart, type CheckoutWorld } from '../support/checkout-world.js';

const consignee = { name: '张三', phone: '13800000000', district: '330106', address: '文三路 1 号' };

export function membershipOrderEventsSuite(name: string, fresh: () => Promise<Persistence | undefined>, timeout = 10_000): void {
  describe(`membership subscribes to order.paid and order.completed (${name})`, () => {
    let w: CheckoutWorld;
    beforeEach(async () => {
      const persistence = await fresh();
      w = await checkoutWorld(persistence ? { persistence } : {});
    }, 120_000);

    /** The member's cart placed and paid through the fake channel (its callback arrives twice): the leaf orders and what each cost. */
    async function paidOrder(memberId: string): Promise<{ orderId: string; payable: string }[]> {
      await fillCart(w, memberId);
      const placed = await w.zt.orders.place({ memberId, consignee });
      (w.zt.payments.channels.get('fake') as FakePaymentChannel).behaviour = 'twice';
      await w.zt.payments.pay({ memberId, orderIds: [placed.orderId], channel: 'fake' });
      return placed.children.length > 0
        ? placed.children.map((c) => ({ orderId: c.orderId, payable: c.payable }))
        : [{ orderId: placed.orderId, payable: placed.payable }];
    }

    async function complete(memberId: string, orderIds: readonly string[]): Promise<void> {
      for (const orderId of orderIds) {
        await w.zt.fulfilment.ship({ orderId, carrier: 'SF', trackingNumber: `SF-${orderId}` });
        await w.zt.fulfilment.confirmReceipt({ memberId, orderId });
      }
    }

    /** The same event again, as the job runner would hand it to membership's subscription a second time. */
    async function deliverAgain(subscription: string, event: Omit<CommittedEvent, 'id'>): Promise<void> {
      const s = membershipContext.subscriptions!({ membership: w.zt.membership } as never).find((x) => x.name === subscription)!;
      await s.handle({ ...event, id: 'redelivered' });
    }

    it('a paid leaf order becomes one paid-order fact of its member (what RFM reads), delivered with the payment; a second delivery adds nothing', {
      timeout,
    }, async () => {
      await w.zt.membership.register({ memberId: 'm1' });
      const leaves = await paidOrder('m1');
      expect(await w.zt.jobs.runUntilIdle()).toEqual({ ran: 3 * leaves.length, failed: 0 }); // membership's, invoice's and the ledger's delivery of each leaf's order.paid
      const total = leaves.reduce((sum, l) => sum + Math.round(Number(l.payable) * 100), 0);
      await w.zt.membership.runRfm();
      expect(await w.zt.membership.memberRfm({ memberId: 'm1' })).toMatchObject({ frequency: leaves.length, monetary: (total / 100).toFixed(2) });

      const first = leaves[0]!;
      await deliverAgain(RECORD_PAID_ORDER, {
        type: 'order.paid',
        aggregateId: first.orderId,
        occurredAt: w.now,
        payload: { memberId: 'm1', payable: first.payable },
      });
      await w.zt.membership.runRfm();
      expect(await w.zt.membership.memberRfm({ memberId: 'm1' })).toMatchObject({ frequency: leaves.length, monetary: (total / 100).toFixed(2) });
    });

    it('a completed order grants growth (settled × 1) and purchase points (1 per yuan) once; a second delivery grants nothing more', { timeout }, async () => {
      await w.zt.membership.register({ memberId: 'm1' });
      const leaves = await paidOrder('m1');
      await w.zt.jobs.runUntilIdle();
      await complete(
        'm1',
        leaves.map((l) => l.orderId),
      );
      expect(await w.zt.jobs.runUntilIdle()).toEqual({ ran: 3 * leaves.length, failed: 0 }); // membership's, invoice's and the ledger's delivery of each leaf's order.completed
      const due = leaves.reduce((sum, l) => sum + Math.floor(Number(l.payable)), 0);
      const member = await w.zt.membership.get({ memberId: 'm1' });
      expect([member.growth, member.points]).toEqual([due, due]);

      const first = leaves[0]!;
      await deliverAgain(RECORD_COMPLETED_ORDER, {
        type: 'order.completed',
        aggregateId: first.orderId,
        occurredAt: w.now,
        payload: { via: 'receipt', memberId: 'm1', paidAt: w.now.toISOString() },
      });
      const again = await w.zt.membership.get({ memberId: 'm1' });
      expect([again.growth, again.points]).toEqual([due, due]);
      const history = await w.zt.membership.history({ memberId: 'm1' });
      expect(
        history.growth
          .filter((e) => e.source === 'order')
          .map((e) => e.reference)
          .sort(),
      ).toEqual(leaves.map((l) => l.orderId).sort());
    });

    it('a buyer who is not a member: both deliveries are acknowledged (no job fails or waits), and membership records nothing', { timeout }, async () => {
      const leaves = await paidOrder('m2');
      expect(await w.zt.jobs.runUntilIdle()).toEqual({ ran: 3 * leaves.length, failed: 0 }); // membership's, invoice's and the ledger's
      await complete(
        'm2',
        leaves.map((l) => l.orderId),
      );
      expect(await w.zt.jobs.runUntilIdle()).toEqual({ ran: 3 * leaves.length, failed: 0 }); // membership's, invoice's and the ledger's
      await expect(w.zt.membership.get({ memberId: 'm2' })).rejects.toMatchObject({ code: 'MEMBERSHIP.MEMBER_NOT_FOUND' });
      await expect(w.zt.membership.recordOrderCompleted({ orderId: leaves[0]!.orderId })).rejects.toMatchObject({ code: 'MEMBERSHIP.ORDER_NOT_FOUND' });
    });
  });
}
