import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { FULFILMENT_STAGES, type FulfilmentStage } from '../../domain/ordering/cancellation.js';
import { aLine, DAY, fulfilmentWorld, m, type FulfilmentWorld } from './fulfilment-world.js';

/** The sold counters of the default SKUs (2 × sku-tea, 1 × sku-cup per order). */
async function sold(w: FulfilmentWorld) {
  const tea = await w.salesStock('sku-tea');
  const cup = await w.salesStock('sku-cup');
  return { tea: { total: tea.total, sold: tea.sold, locked: tea.locked }, cup: { total: cup.total, sold: cup.sold, locked: cup.locked } };
}

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: { code?: string; details?: unknown }) => ({ code: e.code, details: e.details }),
  );

describe('fulfilment (issue #6 item 5) on memory', () => {
  let w: FulfilmentWorld;
  beforeEach(async () => {
    w = await fulfilmentWorld();
  });

  describe('ORD-6: cancelling a paid order by fulfilment stage', () => {
    it('not allocated: the order closes, its share of the payment is refunded, sold stock goes back on sale, the coupon comes back (CPN-2), the channel refunds through the job', async () => {
      const coupon = await w.usedCoupon('member-1', 'o1');
      const o = await w.paidOrder({ id: 'o1', couponIds: [coupon] });
      expect(o.payable.toString()).toBe('223.00');
      expect(await sold(w)).toEqual({ tea: { total: 98, sold: 2, locked: 0 }, cup: { total: 99, sold: 1, locked: 0 } });

      const r = await w.zt.fulfilment.cancelPaid({ by: 'member', memberId: 'member-1', orderId: 'o1', reason: 'changed my mind' });
      expect(r).toMatchObject({
        orderId: 'o1',
        status: 'closed',
        stage: 'not_allocated',
        action: 'cancel_and_refund',
        intercepted: null,
        couponsReturned: [coupon],
        parentStatus: null,
      });
      expect(r.refund).toEqual({ paymentId: 'pay-o1', refundId: 'cancel-o1', amount: m('223.00') });
      expect(r.stockReturned).toEqual([
        { skuId: 'sku-cup', quantity: 1 },
        { skuId: 'sku-tea', quantity: 2 },
      ]);
      const order = await w.order('o1');
      expect([order.status, order.closure]).toEqual(['closed', { reason: 'cancelled_after_payment', at: w.clock.now() }]);
      const payment = await w.payment('pay-o1');
      expect(payment.status).toBe('refunded');
      expect(payment.refunds.map((x) => [x.refundId, x.amount.toString(), x.reason])).toEqual([['cancel-o1', '223.00', 'changed my mind']]);
      expect(await sold(w)).toEqual({ tea: { total: 100, sold: 0, locked: 0 }, cup: { total: 100, sold: 0, locked: 0 } });
      const coupons = await w.zt.coupons.listMemberCoupons({ memberId: 'member-1' });
      expect(coupons.find((c) => c.id === coupon)?.state).toBe('returned');

      // The money reaches the payer through the channel only once the job ran.
      expect(w.channel.refunds.size).toBe(0);
      // The channel refund, then the delivery of its acknowledgement to after-sales (not one of its refunds: nothing to do); the
      // ledger's deliveries of the refund (payment.refunded) and of its acknowledgement.
      expect(await w.zt.jobs.runUntilIdle()).toEqual({ ran: 4, failed: 0 });
      expect([...w.channel.refunds.entries()]).toEqual([['cancel-o1', { paymentNumber: 'PN-pay-o1', amount: m('223.00'), refundTransactionId: 'FAKER1' }]]);
    });

    it('allocated, not sent to the warehouse: closed and refunded, the stock goes back', async () => {
      await w.paidOrder({ id: 'o1' });
      w.progress.set('o1', 'allocated');
      const r = await w.zt.fulfilment.cancelPaid({ by: 'staff', operator: 'ops-1', orderId: 'o1' });
      expect([r.status, r.stage, r.action, r.intercepted]).toEqual(['closed', 'allocated', 'release_allocation_and_refund', null]);
      expect((await w.payment('pay-o1')).refunds.map((x) => x.reason)).toEqual(['cancelled by staff ops-1']);
      expect(await sold(w)).toEqual({ tea: { total: 100, sold: 0, locked: 0 }, cup: { total: 100, sold: 0, locked: 0 } });
      expect(w.warehouse.calls).toEqual([]);
    });

    it('at the warehouse: the warehouse is asked to intercept; when it does, closed, refunded and the stock goes back', async () => {
      await w.paidOrder({ id: 'o1' });
      w.progress.set('o1', 'at_warehouse');
      const r = await w.zt.fulfilment.cancelPaid({ by: 'staff', operator: 'ops-1', orderId: 'o1', reason: 'customer called' });
      expect([r.status, r.stage, r.action, r.intercepted]).toEqual(['closed', 'at_warehouse', 'request_warehouse_interception', 'warehouse']);
      expect(w.warehouse.calls).toEqual(['o1']);
      expect(w.carrier.calls).toEqual([]);
      expect((await w.payment('pay-o1')).status).toBe('refunded');
      expect(await sold(w)).toEqual({ tea: { total: 100, sold: 0, locked: 0 }, cup: { total: 100, sold: 0, locked: 0 } });
    });

    it('at the warehouse, interception failed: ORDER.AFTER_SALES_ONLY (409) and nothing written', async () => {
      await w.paidOrder({ id: 'o1' });
      w.progress.set('o1', 'at_warehouse');
      w.warehouse.failFor('o1');
      const before = await w.everything(['o1']);
      const e = await refusal(w.zt.fulfilment.cancelPaid({ by: 'member', memberId: 'member-1', orderId: 'o1' }));
      expect(e).toEqual({ code: 'ORDER.AFTER_SALES_ONLY', details: { orderId: 'o1', reason: 'INTERCEPTION_FAILED' } });
      expect(w.warehouse.calls).toEqual(['o1']);
      expect(await w.everything(['o1'])).toEqual(before);
      expect(await w.zt.jobs.runUntilIdle()).toEqual({ ran: 0, failed: 0 });
    });

    it('shipped, not signed for: the carrier is asked to intercept the parcel; when it does, closed and refunded, no stock change', async () => {
      await w.paidOrder({ id: 'o1' });
      await w.zt.fulfilment.ship({ orderId: 'o1', carrier: 'SF', trackingNumber: 'SF100' });
      const r = await w.zt.fulfilment.cancelPaid({ by: 'member', memberId: 'member-1', orderId: 'o1' });
      expect([r.status, r.stage, r.action, r.intercepted, r.stockReturned]).toEqual(['closed', 'shipped', 'request_carrier_interception', 'carrier', []]);
      expect(w.carrier.calls).toEqual([{ carrier: 'SF', trackingNumber: 'SF100' }]);
      expect(await sold(w)).toEqual({ tea: { total: 98, sold: 2, locked: 0 }, cup: { total: 99, sold: 1, locked: 0 } });
      expect((await w.payment('pay-o1')).status).toBe('refunded');
      // The automatic confirmation still scheduled finds a closed order: nothing happens, the job is done.
      w.clock.advance(11 * DAY);
      expect(await w.zt.jobs.runUntilIdle()).toEqual({ ran: 5, failed: 0 }); // and the channel refund, with its acknowledgement's delivery; the ledger's deliveries of both
      expect((await w.order('o1')).status).toBe('closed');
    });

    it('shipped, carrier interception failed: ORDER.AFTER_SALES_ONLY and nothing written', async () => {
      await w.paidOrder({ id: 'o1' });
      await w.zt.fulfilment.ship({ orderId: 'o1', carrier: 'SF', trackingNumber: 'SF100' });
      w.carrier.failFor('SF100');
      const before = await w.everything(['o1']);
      const e = await refusal(w.zt.fulfilment.cancelPaid({ by: 'staff', operator: 'ops-1', orderId: 'o1' }));
      expect(e).toEqual({ code: 'ORDER.AFTER_SALES_ONLY', details: { orderId: 'o1', reason: 'INTERCEPTION_FAILED' } });
      expect(await w.everything(['o1'])).toEqual(before);
    });

    it('fulfilment reports the parcel shipped while the order has no tracking number yet: the carrier cannot be asked, after-sales only', async () => {
      await w.paidOrder({ id: 'o1' });
      w.progress.set('o1', 'shipped');
      const before = await w.everything(['o1']);
      expect((await refusal(w.zt.fulfilment.cancelPaid({ by: 'staff', operator: 'ops-1', orderId: 'o1' }))).code).toBe('ORDER.AFTER_SALES_ONLY');
      expect(w.carrier.calls).toEqual([]);
      expect(await w.everything(['o1'])).toEqual(before);
    });

    it('signed for: ORDER.AFTER_SALES_ONLY without asking anyone, nothing written', async () => {
      await w.paidOrder({ id: 'o1' });
      await w.zt.fulfilment.ship({ orderId: 'o1', carrier: 'SF', trackingNumber: 'SF100' });
      w.progress.set('o1', 'signed');
      const before = await w.everything(['o1']);
      const e = await refusal(w.zt.fulfilment.cancelPaid({ by: 'member', memberId: 'member-1', orderId: 'o1' }));
      expect(e).toEqual({ code: 'ORDER.AFTER_SALES_ONLY', details: { orderId: 'o1', reason: 'SIGNED' } });
      expect([w.warehouse.calls, w.carrier.calls]).toEqual([[], []]);
      expect(await w.everything(['o1'])).toEqual(before);
    });

    it('an unpaid order is ORDER.INVALID_TRANSITION; another member’s order ORDER.NOT_FOUND; a closed one cannot be cancelled again — nothing written each time', async () => {
      await w.unpaidOrder({ id: 'u1' });
      await w.paidOrder({ id: 'o1' });
      const before = await w.everything(['u1', 'o1']);
      expect(await refusal(w.zt.fulfilment.cancelPaid({ by: 'staff', operator: 'ops-1', orderId: 'u1' }))).toMatchObject({
        code: 'ORDER.INVALID_TRANSITION',
        details: { from: 'pending_payment', to: 'closed' },
      });
      expect((await refusal(w.zt.fulfilment.cancelPaid({ by: 'member', memberId: 'member-2', orderId: 'o1' }))).code).toBe('ORDER.NOT_FOUND');
      expect((await refusal(w.zt.fulfilment.cancelPaid({ by: 'staff', operator: 'ops-1', orderId: 'nope' }))).code).toBe('ORDER.NOT_FOUND');
      expect(await w.everything(['u1', 'o1'])).toEqual(before);
      await w.zt.fulfilment.cancelPaid({ by: 'staff', operator: 'ops-1', orderId: 'o1' });
      const closed = await w.everything(['u1', 'o1']);
      expect(await refusal(w.zt.fulfilment.cancelPaid({ by: 'staff', operator: 'ops-1', orderId: 'o1' }))).toMatchObject({
        code: 'ORDER.INVALID_TRANSITION',
        details: { from: 'closed' },
      });
      expect(await w.everything(['u1', 'o1'])).toEqual(closed);
    });

    it('an unredeemed service order is cancelled and refunded whatever the stage says', async () => {
      await w.paidOrder({ id: 's1', kind: 'service', lines: [aLine('S1', '199.00', 1, { skuId: 'sku-spa', shopId: 'spa-1' })] });
      w.progress.set('s1', 'at_warehouse');
      const r = await w.zt.fulfilment.cancelPaid({ by: 'member', memberId: 'member-1', orderId: 's1' });
      expect([r.status, r.stage, r.intercepted, r.stockReturned]).toEqual(['closed', 'not_allocated', null, [{ skuId: 'sku-spa', quantity: 1 }]]);
      expect(w.warehouse.calls).toEqual([]);
      expect((await w.payment('pay-s1')).status).toBe('refunded');
    });

    it('a split child: the parent follows (ORD-5); the coupon of the parent comes back only once every child is closed', async () => {
      const coupon = await w.usedCoupon('member-1', 'p1');
      const { childIds } = await w.paidSplit({
        id: 'p1',
        couponIds: [coupon],
        lines: [aLine('L1', '100.00', 2, { skuId: 'sku-tea' }), aLine('L2', '30.00', 1, { skuId: 'sku-cup', shopId: 'shop-b' })],
        groups: [
          { warehouseId: 'wh-1', lines: [{ lineId: 'L1', quantity: 2 }] },
          { warehouseId: 'wh-2', lines: [{ lineId: 'L2', quantity: 1 }] },
        ],
      });
      const [c1, c2] = childIds as [string, string];
      const first = await w.zt.fulfilment.cancelPaid({ by: 'member', memberId: 'member-1', orderId: c1 });
      expect([first.parentStatus, first.couponsReturned, first.stockReturned]).toEqual(['pending_shipment', [], [{ skuId: 'sku-tea', quantity: 2 }]]);
      expect((await w.order('p1')).status).toBe('pending_shipment');
      expect((await w.payment(`pay-${c2}`)).status).toBe('paid');
      const second = await w.zt.fulfilment.cancelPaid({ by: 'member', memberId: 'member-1', orderId: c2 });
      expect([second.parentStatus, second.couponsReturned]).toEqual(['closed', [coupon]]);
      expect((await w.order('p1')).status).toBe('closed');
      // The parent itself is acted on through its children.
      expect((await refusal(w.zt.fulfilment.cancelPaid({ by: 'staff', operator: 'ops-1', orderId: 'p1' }))).code).toBe('ORDER.SPLIT_PARENT');
    });

    it('the channel refund is retried until the channel acknowledges it, and made once (idempotent per refund id)', async () => {
      await w.paidOrder({ id: 'o1' });
      await w.zt.fulfilment.cancelPaid({ by: 'staff', operator: 'ops-1', orderId: 'o1' });
      w.channel.failRefunds = true;
      expect(await w.zt.jobs.runDue()).toEqual({ ran: 2, failed: 1 }); // the channel refund fails; the ledger's delivery of payment.refunded
      expect(w.channel.refunds.size).toBe(0);
      w.channel.failRefunds = false;
      expect(await w.zt.jobs.runDue()).toEqual({ ran: 0, failed: 0 }); // backing off
      w.clock.advance(60_000);
      expect(await w.zt.jobs.runDue()).toEqual({ ran: 3, failed: 0 }); // the refund, then its acknowledgement's deliveries (after-sales, the ledger)
      // A second run of the handler (a crash before the job completed) asks the channel again: one refund.
      await w.zt.fulfilment.refundThroughChannel({ paymentId: 'pay-o1', refundId: 'cancel-o1' });
      expect([...w.channel.refunds.keys()]).toEqual(['cancel-o1']);
    });

    it('property: whatever the stage and the interceptions answer, the order is either closed with its payable refunded (stock back iff the goods never left) or left exactly as it was', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom<FulfilmentStage>(...FULFILMENT_STAGES),
          fc.boolean(),
          fc.boolean(),
          fc.boolean(),
          async (stage, shipFirst, warehouseOk, carrierOk) => {
            const v = await fulfilmentWorld();
            await v.paidOrder({ id: 'o1' });
            if (shipFirst) await v.zt.fulfilment.ship({ orderId: 'o1', carrier: 'SF', trackingNumber: 'SF1' });
            v.progress.set('o1', stage);
            v.warehouse.willSucceed(warehouseOk);
            v.carrier.willSucceed(carrierOk);
            const before = await v.everything(['o1']);
            // By hand, ORD-6: a shipped order is at least at "shipped"; then signed → refused, shipped → carrier,
            // at the warehouse → warehouse, else cancelled at once; the goods left only once shipped.
            const effective = shipFirst && (stage === 'not_allocated' || stage === 'allocated' || stage === 'at_warehouse') ? 'shipped' : stage;
            const allowed =
              effective === 'signed' ? false : effective === 'shipped' ? shipFirst && carrierOk : effective === 'at_warehouse' ? warehouseOk : true;
            const outcome = await v.zt.fulfilment.cancelPaid({ by: 'member', memberId: 'member-1', orderId: 'o1' }).then(
              () => 'closed',
              (e: { code: string }) => e.code,
            );
            if (!allowed) {
              expect(outcome).toBe('ORDER.AFTER_SALES_ONLY');
              expect(await v.everything(['o1'])).toEqual(before);
              return;
            }
            expect(outcome).toBe('closed');
            expect((await v.order('o1')).status).toBe('closed');
            const p = await v.payment('pay-o1');
            expect([p.status, p.refunds.map((r) => r.amount.toString())]).toEqual(['refunded', ['223.00']]);
            const tea = await v.salesStock('sku-tea');
            expect(tea.sold).toBe(effective === 'shipped' ? 2 : 0);
            expect(tea.total + tea.sold).toBe(100); // conservation: a return moves units from sold back to on hand
          },
        ),
        { numRuns: 40 },
      );
    });
  });

  describe('shipping, receipt and automatic confirmation', () => {
    it('ships with the auto-confirmation deadline 10 days later as a durable job; before it nothing happens, at it the order completes and membership records the growth', async () => {
      const o = await w.paidOrder({ id: 'o1' });
      await w.memberKnowsPaid('member-1', o);
      const shipped = await w.zt.fulfilment.ship({ orderId: 'o1', carrier: ' SF ', trackingNumber: 'SF100' });
      const autoConfirmAt = new Date(w.clock.now().getTime() + 10 * DAY);
      expect(shipped).toMatchObject({
        orderId: 'o1',
        status: 'shipped',
        parentStatus: null,
        shipment: { carrier: 'SF', trackingNumber: 'SF100', shippedAt: w.clock.now(), autoConfirmAt },
      });
      w.clock.advance(10 * DAY - 1);
      expect(await w.zt.jobs.runUntilIdle()).toEqual({ ran: 0, failed: 0 });
      expect((await w.order('o1')).status).toBe('shipped');
      w.clock.advance(1);
      expect(await w.zt.jobs.runUntilIdle()).toEqual({ ran: 4, failed: 0 }); // auto-confirm, then membership's, invoice's and the ledger's deliveries of the order.completed it recorded
      const done = await w.order('o1');
      expect([done.status, done.receipt, done.completedAt]).toEqual(['completed', { by: 'auto', at: autoConfirmAt }, autoConfirmAt]);
      const member = await w.zt.membership.get({ memberId: 'member-1' });
      expect(member.growth).toBe(223); // settled 223.00 × factor 1
    });

    it('the auto-confirmation period is configurable; a job run before the deadline fails so the runner tries again later', async () => {
      const v = await fulfilmentWorld(undefined, { autoConfirmAfterDays: 7 });
      await v.paidOrder({ id: 'o1' });
      const shipped = await v.zt.fulfilment.ship({ orderId: 'o1', carrier: 'SF', trackingNumber: 'SF1' });
      expect(shipped.shipment!.autoConfirmAt).toEqual(new Date(v.clock.now().getTime() + 7 * DAY));
      expect(await v.zt.fulfilment.autoConfirm({ orderId: 'o1' })).toEqual({ confirmed: false, notBefore: shipped.shipment!.autoConfirmAt });
      expect(await v.zt.fulfilment.autoConfirm({ orderId: 'nope' })).toEqual({ confirmed: false, notBefore: null });
    });

    it('the member confirms receipt: completed, membership notified; the later automatic job changes nothing', async () => {
      const o = await w.paidOrder({ id: 'o1' });
      await w.memberKnowsPaid('member-1', o);
      await w.zt.fulfilment.ship({ orderId: 'o1', carrier: 'SF', trackingNumber: 'SF100' });
      w.clock.advance(DAY);
      const r = await w.zt.fulfilment.confirmReceipt({ memberId: 'member-1', orderId: 'o1' });
      expect([r.status, r.receipt]).toEqual(['completed', { by: 'member', at: w.clock.now() }]);
      expect(await w.zt.jobs.runUntilIdle()).toEqual({ ran: 3, failed: 0 }); // membership's, invoice's and the ledger's deliveries of order.completed
      expect((await w.zt.membership.get({ memberId: 'member-1' })).growth).toBe(223);
      w.clock.advance(10 * DAY);
      expect(await w.zt.jobs.runUntilIdle()).toEqual({ ran: 1, failed: 0 });
      expect((await w.order('o1')).receipt).toEqual({ by: 'member', at: r.receipt!.at });
      expect((await w.zt.membership.get({ memberId: 'member-1' })).growth).toBe(223);
    });

    it('membership is retried until it knows the paid order; a buyer who is not a member is acknowledged without a record', async () => {
      const o = await w.paidOrder({ id: 'o1' });
      await w.zt.membership.register({ memberId: 'member-1' });
      await w.zt.fulfilment.ship({ orderId: 'o1', carrier: 'SF', trackingNumber: 'SF100' });
      await w.zt.fulfilment.confirmReceipt({ memberId: 'member-1', orderId: 'o1' });
      expect(await w.zt.jobs.runDue()).toEqual({ ran: 3, failed: 1 }); // membership's: MEMBERSHIP.ORDER_NOT_FOUND, retried (invoice's and the ledger's: done)
      await w.zt.membership.recordPaidOrder({ orderId: 'o1', memberId: 'member-1', paidAt: o.toSnapshot().payment!.paidAt, amount: '223.00' });
      w.clock.advance(60_000);
      expect(await w.zt.jobs.runDue()).toEqual({ ran: 1, failed: 0 });
      expect((await w.zt.membership.get({ memberId: 'member-1' })).growth).toBe(223);

      await w.paidOrder({ id: 'o2', memberId: 'guest-9' });
      await w.zt.fulfilment.ship({ orderId: 'o2', carrier: 'SF', trackingNumber: 'SF200' });
      await w.zt.fulfilment.confirmReceipt({ memberId: 'guest-9', orderId: 'o2' });
      expect(await w.zt.jobs.runDue()).toEqual({ ran: 3, failed: 0 }); // not a member when paying: acknowledged (and invoice's and the ledger's deliveries)
      await expect(w.zt.membership.recordOrderCompleted({ orderId: 'o2' })).rejects.toMatchObject({ code: 'MEMBERSHIP.ORDER_NOT_FOUND' }); // without a record
    });

    it('shipping an unpaid order is ORDER.INVALID_TRANSITION; shipping twice too; a blank carrier ORDER.INVALID_SHIPMENT — nothing written', async () => {
      await w.unpaidOrder({ id: 'u1' });
      await w.paidOrder({ id: 'o1' });
      const before = await w.everything(['u1', 'o1']);
      expect(await refusal(w.zt.fulfilment.ship({ orderId: 'u1', carrier: 'SF', trackingNumber: 'SF1' }))).toMatchObject({
        code: 'ORDER.INVALID_TRANSITION',
        details: { from: 'pending_payment', to: 'shipped' },
      });
      expect((await refusal(w.zt.fulfilment.ship({ orderId: 'o1', carrier: '  ', trackingNumber: 'SF1' }))).code).toBe('ORDER.INVALID_SHIPMENT');
      expect((await refusal(w.zt.fulfilment.ship({ orderId: 'nope', carrier: 'SF', trackingNumber: 'SF1' }))).code).toBe('ORDER.NOT_FOUND');
      expect(await w.everything(['u1', 'o1'])).toEqual(before);
      w.clock.advance(30 * DAY);
      expect(await w.zt.jobs.runUntilIdle()).toEqual({ ran: 0, failed: 0 }); // no timer was left behind
      await w.zt.fulfilment.ship({ orderId: 'o1', carrier: 'SF', trackingNumber: 'SF1' });
      expect((await refusal(w.zt.fulfilment.ship({ orderId: 'o1', carrier: 'SF', trackingNumber: 'SF2' }))).code).toBe('ORDER.INVALID_TRANSITION');
    });

    it('confirming another member’s order is ORDER.NOT_FOUND (never visible) with nothing written; confirming before shipping is ORDER.INVALID_TRANSITION', async () => {
      await w.paidOrder({ id: 'o1' });
      expect((await refusal(w.zt.fulfilment.confirmReceipt({ memberId: 'member-1', orderId: 'o1' }))).code).toBe('ORDER.INVALID_TRANSITION');
      await w.zt.fulfilment.ship({ orderId: 'o1', carrier: 'SF', trackingNumber: 'SF1' });
      const before = await w.everything(['o1']);
      const e = await refusal(w.zt.fulfilment.confirmReceipt({ memberId: 'member-2', orderId: 'o1' }));
      expect(e).toEqual({ code: 'ORDER.NOT_FOUND', details: { orderId: 'o1' } });
      expect(await w.everything(['o1'])).toEqual(before);
      expect(await w.zt.jobs.runUntilIdle()).toEqual({ ran: 0, failed: 0 });
    });

    it('ORD-5: shipping and confirming split children moves the parent by parentStatus (the least advanced child still in the sale)', async () => {
      const { parentId, childIds } = await w.paidSplit({
        id: 'p1',
        lines: [aLine('L1', '100.00', 2, { skuId: 'sku-tea' }), aLine('L2', '30.00', 1, { skuId: 'sku-cup', shopId: 'shop-b' })],
        groups: [
          { warehouseId: 'wh-1', lines: [{ lineId: 'L1', quantity: 2 }] },
          { warehouseId: 'wh-2', lines: [{ lineId: 'L2', quantity: 1 }] },
        ],
      });
      const [c1, c2] = childIds as [string, string];
      expect((await w.order(parentId)).status).toBe('pending_shipment');
      expect((await w.zt.fulfilment.ship({ orderId: c1, carrier: 'SF', trackingNumber: 'SF1' })).parentStatus).toBe('pending_shipment');
      expect((await w.zt.fulfilment.ship({ orderId: c2, carrier: 'YTO', trackingNumber: 'YT2' })).parentStatus).toBe('shipped');
      expect((await w.order(parentId)).status).toBe('shipped');
      expect((await w.zt.fulfilment.confirmReceipt({ memberId: 'member-1', orderId: c1 })).parentStatus).toBe('shipped');
      w.clock.advance(10 * DAY);
      await w.zt.jobs.runUntilIdle(); // c2 confirmed automatically
      expect((await w.order(c2)).status).toBe('completed');
      expect((await w.order(parentId)).status).toBe('completed');
      expect((await refusal(w.zt.fulfilment.ship({ orderId: parentId, carrier: 'SF', trackingNumber: 'SF9' }))).code).toBe('ORDER.SPLIT_PARENT');
    });
  });

  describe('service orders: redeeming the verification code', () => {
    const spa = () => w.paidOrder({ id: 's1', kind: 'service', lines: [aLine('S1', '199.00', 1, { skuId: 'sku-spa', shopId: 'spa-1' })] });

    it('the right code at the right shop completes the order and notifies membership', async () => {
      const o = await spa();
      await w.memberKnowsPaid('member-1', o);
      const code = (await w.order('s1')).verification!.code;
      const r = await w.zt.fulfilment.redeem({ orderId: 's1', shopId: 'spa-1', code });
      expect([r.status, r.completedAt]).toEqual(['completed', w.clock.now()]);
      expect((await w.order('s1')).verification).toMatchObject({ code, redeemedAt: w.clock.now(), redeemedByShop: 'spa-1' });
      expect(await w.zt.jobs.runUntilIdle()).toEqual({ ran: 3, failed: 0 }); // membership's, invoice's and the ledger's deliveries of order.completed
      expect((await w.zt.membership.get({ memberId: 'member-1' })).growth).toBe(199);
    });

    it('a wrong code or another shop is ORDER.INVALID_CODE, nothing written; a goods order has no code to redeem', async () => {
      await spa();
      await w.paidOrder({ id: 'o1' });
      const code = (await w.order('s1')).verification!.code;
      const before = await w.everything(['s1', 'o1'], ['sku-spa']);
      expect((await refusal(w.zt.fulfilment.redeem({ orderId: 's1', shopId: 'spa-1', code: 'WRONG0001' }))).code).toBe('ORDER.INVALID_CODE');
      expect((await refusal(w.zt.fulfilment.redeem({ orderId: 's1', shopId: 'spa-2', code }))).code).toBe('ORDER.INVALID_CODE');
      expect((await refusal(w.zt.fulfilment.redeem({ orderId: 'o1', shopId: 'shop-a', code }))).code).toBe('ORDER.INVALID_TRANSITION');
      expect(await w.everything(['s1', 'o1'], ['sku-spa'])).toEqual(before);
      expect(await w.zt.jobs.runUntilIdle()).toEqual({ ran: 0, failed: 0 });
    });
  });
});
