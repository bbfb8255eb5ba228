import { beforeEach, describe, expect, it } from 'vitest';
import type { Persistence } from '../../application/shared/persistence.js';
import { sellable } from '../../domain/inventory/sales-stock.js';
import { aLine, DAY, fulfilmentWorld, m, type FulfilmentWorld } from './fulfilment-world.js';

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: { code?: string; details?: unknown }) => ({ code: e.code, details: e.details }),
  );

/**
 * After-sales requests through `zt.afterSales` (issue #15, spec §11) on one persistence: a paid order of
 * the fulfilment world — L1 2 × 100.00 less 10.00 of an activity and 5.00 of a coupon (paid 185.00), L2
 * 1 × 30.00 (paid 30.00), freight 8.00: 223.00 in all.
 */
export function afterSalesSuite(name: string, persistence: () => Promise<Persistence | undefined>): void {
  describe(`after-sales requests on ${name}`, { timeout: 60_000 }, () => {
    let w: FulfilmentWorld;
    beforeEach(async () => {
      w = await fulfilmentWorld(await persistence());
    }, 60_000);
    const open = (lines: { lineId: string; quantity: number }[], type: 'refund_only' | 'return_and_refund' = 'refund_only', memberId = 'member-1') =>
      w.zt.afterSales.open({ memberId, orderId: 'o1', type, lines, reason: 'no_longer_wanted' });

    it('AFS-2 before shipping: one unit of L1 refunds 92.50; the rest of the order 92.50 + 30.00 + the 8.00 freight — 223.00 in all, every cent paid', async () => {
      await w.paidOrder({ id: 'o1' });
      const first = await open([{ lineId: 'L1', quantity: 1 }]);
      expect([first.status, first.quote.refundable.toString(), first.quote.freight.toString()]).toEqual(['pending_review', '92.50', '0.00']);
      const rest = await open([
        { lineId: 'L1', quantity: 1 },
        { lineId: 'L2', quantity: 1 },
      ]);
      expect([rest.quote.goods.toString(), rest.quote.freight.toString(), rest.quote.refundable.toString()]).toEqual(['122.50', '8.00', '130.50']);
      expect((await w.zt.afterSales.listOfMember({ memberId: 'member-1' })).map((r) => r.id)).toEqual([rest.id, first.id]);
    });

    it('a cancel request on an unpaid order, approved, cancels the order and releases its stock (no money moves)', async () => {
      await w.unpaidOrder({ id: 'u1' });
      const locked = (await w.salesStock('sku-tea')).locked;
      const r = await w.zt.afterSales.open({
        memberId: 'member-1',
        orderId: 'u1',
        type: 'cancel',
        lines: [{ lineId: 'L1', quantity: 2 }],
        reason: 'no_longer_wanted',
      });
      expect((await w.zt.afterSales.review({ requestId: r.id, staffId: 'agent-1', approve: true })).status).toBe('succeeded');
      const order = await w.order('u1');
      expect([order.status, order.cancellation?.reason]).toEqual(['cancelled', `after-sales ${r.id}`]);
      expect((await w.salesStock('sku-tea')).locked).toBe(locked - 2);
    });

    it('a split child’s refund gives back the points its units used, though the top-level order spent them: 400 points on L1, one unit of two → 200 back', async () => {
      await w.zt.membership.register({ memberId: 'member-1' });
      await w.zt.membership.adjustPoints({ memberId: 'member-1', delta: 1000, operator: 'ops', reason: 'test' });
      const { childIds } = await w.paidSplit({
        id: 'p1',
        points: 400,
        lines: [
          aLine('L1', '100.00', 2, { skuId: 'sku-tea', discounts: { pointsDeduction: '4.00' } }),
          aLine('L2', '30.00', 1, { skuId: 'sku-cup', shopId: 'shop-b' }),
        ],
        groups: [
          { warehouseId: 'wh-1', lines: [{ lineId: 'L1', quantity: 2 }] },
          { warehouseId: 'wh-2', lines: [{ lineId: 'L2', quantity: 1 }] },
        ],
      });
      await w.spentPoints('member-1', 'p1', 400, '4.00', { L1: 400 });
      const c1 = childIds[0]!;
      await w.zt.membership.recordPaidOrder({
        orderId: c1,
        memberId: 'member-1',
        paidAt: w.clock.now(),
        amount: (await w.order(c1)).lines[0]!.amounts.goods.subtract(m('4.00')).toString(),
      });
      expect((await w.zt.membership.get({ memberId: 'member-1' })).points).toBe(600);
      const r = await w.zt.afterSales.open({
        memberId: 'member-1',
        orderId: c1,
        type: 'refund_only',
        lines: [{ lineId: 'L1', quantity: 1 }],
        reason: 'no_longer_wanted',
      });
      expect([r.quote.points, r.quote.refundable.toString()]).toEqual([200, '98.00']); // (200.00 − 4.00) / 2
      await w.zt.afterSales.review({ requestId: r.id, staffId: 'agent-1', approve: true });
      await w.zt.afterSales.refund({ requestId: r.id, staffId: 'agent-1' });
      await w.zt.jobs.runUntilIdle();
      expect(w.jobErrors).toEqual([]);
      expect((await w.zt.membership.get({ memberId: 'member-1' })).points).toBe(800);
    });

    it('units held by a live request cannot be requested again (AFTER_SALES.QUANTITY_EXCEEDS); withdrawing gives them back', async () => {
      await w.paidOrder({ id: 'o1' });
      const first = await open([{ lineId: 'L1', quantity: 2 }]);
      expect(await refusal(open([{ lineId: 'L1', quantity: 1 }]))).toMatchObject({ code: 'AFTER_SALES.QUANTITY_EXCEEDS', details: { left: 0 } });
      expect((await w.zt.afterSales.withdraw({ requestId: first.id, memberId: 'member-1' })).status).toBe('closed');
      expect((await open([{ lineId: 'L1', quantity: 1 }])).quote.refundable.toString()).toBe('92.50');
    });

    it('refuses what AFS-1 does not allow, another member’s order and request (404), lines of no such kind — and writes nothing', async () => {
      await w.paidOrder({ id: 'o1' });
      expect((await refusal(open([{ lineId: 'L1', quantity: 1 }], 'return_and_refund'))).code).toBe('AFTER_SALES.TYPE_NOT_ALLOWED');
      expect((await refusal(open([{ lineId: 'L1', quantity: 1 }], 'refund_only', 'member-2'))).code).toBe('AFTER_SALES.ORDER_NOT_FOUND');
      expect((await refusal(open([{ lineId: 'L9', quantity: 1 }]))).code).toBe('AFTER_SALES.UNKNOWN_LINE');
      expect((await refusal(open([{ lineId: 'L1', quantity: 3 }]))).code).toBe('AFTER_SALES.QUANTITY_EXCEEDS');
      expect(await w.zt.afterSales.listOfMember({ memberId: 'member-1' })).toEqual([]);
      const mine = await open([{ lineId: 'L2', quantity: 1 }]);
      expect((await refusal(w.zt.afterSales.withdraw({ requestId: mine.id, memberId: 'member-2' }))).code).toBe('AFTER_SALES.REQUEST_NOT_FOUND');
    });

    it('a return after shipping: approved, shipped back, received, the refund adjusted by an agent (never above refundable, always with who and why); freight stays with the shop', async () => {
      await w.paidOrder({ id: 'o1' });
      await w.zt.fulfilment.ship({ orderId: 'o1', carrier: 'SF', trackingNumber: 'SF100' });
      const r = await open(
        [
          { lineId: 'L1', quantity: 2 },
          { lineId: 'L2', quantity: 1 },
        ],
        'return_and_refund',
      );
      expect([r.quote.goods.toString(), r.quote.freight.toString()]).toEqual(['215.00', '0.00']);
      expect((await w.zt.afterSales.review({ requestId: r.id, staffId: 'agent-1', approve: true })).status).toBe('awaiting_customer_shipment');
      expect((await w.zt.afterSales.shipBack({ requestId: r.id, memberId: 'member-1', carrier: 'YTO', trackingNumber: 'YT1' })).status).toBe(
        'awaiting_return_receipt',
      );
      expect((await w.zt.afterSales.receive({ requestId: r.id, staffId: 'wh-1', inspection: 'sellable' })).status).toBe('awaiting_refund');
      expect((await refusal(w.zt.afterSales.adjustRefund({ requestId: r.id, staffId: 'agent-2', why: 'typo', amount: '215.01' }))).code).toBe(
        'AFTER_SALES.AMOUNT_ABOVE_REFUNDABLE',
      );
      const adjusted = await w.zt.afterSales.adjustRefund({
        requestId: r.id,
        staffId: 'agent-2',
        why: 'scratched box',
        amount: '200.00',
        freightCompensation: '6.00',
      });
      expect(adjusted.adjustments.map((a) => [a.by, a.why, a.amount?.toString(), a.freightCompensation?.toString()])).toEqual([
        ['agent-2', 'scratched box', '200.00', '6.00'],
      ]);
      expect((await w.zt.afterSales.get({ requestId: r.id })).adjustments).toHaveLength(1);
    });

    it('an approved return not shipped back within 7 days closes by its durable timer, to the second; one shipped back in time does not', async () => {
      await w.paidOrder({ id: 'o1' });
      await w.zt.fulfilment.ship({ orderId: 'o1', carrier: 'SF', trackingNumber: 'SF100' });
      const late = await open([{ lineId: 'L1', quantity: 1 }], 'return_and_refund');
      const prompt = await open([{ lineId: 'L2', quantity: 1 }], 'return_and_refund');
      for (const r of [late, prompt]) await w.zt.afterSales.review({ requestId: r.id, staffId: 'agent-1', approve: true });
      await w.zt.afterSales.shipBack({ requestId: prompt.id, memberId: 'member-1', carrier: 'YTO', trackingNumber: 'YT2' });
      w.clock.advance(7 * DAY - 1000);
      await w.zt.jobs.runUntilIdle();
      expect((await w.zt.afterSales.get({ requestId: late.id })).status).toBe('awaiting_customer_shipment');
      w.clock.advance(1000);
      await w.zt.jobs.runUntilIdle();
      const closed = await w.zt.afterSales.get({ requestId: late.id });
      expect([closed.status, closed.closeReason]).toEqual(['closed', 'not_shipped_back']);
      expect((await w.zt.afterSales.get({ requestId: prompt.id })).status).toBe('awaiting_return_receipt');
      // Its unit is free again.
      expect((await open([{ lineId: 'L1', quantity: 2 }], 'return_and_refund')).quote.goods.toString()).toBe('185.00');
    });

    const approved = async (lines: { lineId: string; quantity: number }[]) => {
      const r = await open(lines);
      await w.zt.afterSales.review({ requestId: r.id, staffId: 'agent-1', approve: true });
      return r;
    };
    const available = async (skuId: string) => sellable(await w.salesStock(skuId));

    it('refunds before shipping (AFS-2, CPN-2): 92.50 for one unit goes to the channel as afs-<request>, the request succeeds on its acknowledgement and the unit, which will never ship, is back on sale; the rest (130.50 with the freight) closes the order, puts its 2 other units back on sale and gives the coupon back', async () => {
      const coupon = await w.usedCoupon('member-1', 'o1');
      await w.paidOrder({ id: 'o1', couponIds: [coupon] });
      const [tea, cup] = [await available('sku-tea'), await available('sku-cup')];
      const first = await approved([{ lineId: 'L1', quantity: 1 }]);
      const issued = await w.zt.afterSales.refund({ requestId: first.id, staffId: 'finance-1' });
      expect([issued.status, issued.refundNumber]).toEqual(['awaiting_refund', `afs-${first.id}`]);
      const partly = await w.payment('pay-o1');
      expect([partly.status, partly.refunds.map((r) => [r.refundId, r.amount.toString()])]).toEqual(['partially_refunded', [[`afs-${first.id}`, '92.50']]]);
      await w.zt.jobs.runUntilIdle();
      expect(w.channel.refunds.get(`afs-${first.id}`)?.amount.toString()).toBe('92.50');
      expect((await w.zt.afterSales.get({ requestId: first.id })).status).toBe('succeeded');
      expect((await w.order('o1')).status).toBe('pending_shipment');
      expect([await available('sku-tea'), await available('sku-cup')]).toEqual([tea + 1, cup]); // refunded before shipping: it never leaves
      expect((await w.order('o1')).withheld).toEqual({ L1: 1 }); // and the parcel leaves it out

      const rest = await approved([
        { lineId: 'L1', quantity: 1 },
        { lineId: 'L2', quantity: 1 },
      ]);
      await w.zt.afterSales.refund({ requestId: rest.id, staffId: 'finance-1' });
      await w.zt.jobs.runUntilIdle();
      expect(w.jobErrors).toEqual([]);
      expect((await w.zt.afterSales.get({ requestId: rest.id })).status).toBe('succeeded');
      expect(w.channel.refunds.get(`afs-${rest.id}`)?.amount.toString()).toBe('130.50');
      const whole = await w.payment('pay-o1');
      expect([whole.status, whole.refunds.reduce((n, r) => n + Number(r.amount.toMinor()), 0)]).toEqual(['refunded', 22_300]);
      const order = await w.order('o1');
      expect([order.status, order.closure?.reason]).toEqual(['closed', 'fully_refunded']);
      expect([await available('sku-tea'), await available('sku-cup')]).toEqual([tea + 2, cup + 1]);
      expect((await w.zt.coupons.listMemberCoupons({ memberId: 'member-1' })).find((c) => c.id === coupon)?.state).toBe('returned');
    });

    it('a return after shipping: sellable units come back on sale when received, damaged ones do not; the refund (the agent’s 170.00 plus 6.00 of freight compensation) closes the order; freight stays with the shop', async () => {
      await w.paidOrder({ id: 'o1' });
      await w.zt.fulfilment.ship({ orderId: 'o1', carrier: 'SF', trackingNumber: 'SF100' });
      const [tea, cup] = [await available('sku-tea'), await available('sku-cup')];
      const teaBack = await open([{ lineId: 'L1', quantity: 2 }], 'return_and_refund');
      const cupBack = await open([{ lineId: 'L2', quantity: 1 }], 'return_and_refund');
      for (const [r, inspection] of [
        [teaBack, 'sellable'],
        [cupBack, 'damaged'],
      ] as const) {
        await w.zt.afterSales.review({ requestId: r.id, staffId: 'agent-1', approve: true });
        await w.zt.afterSales.shipBack({ requestId: r.id, memberId: 'member-1', carrier: 'YTO', trackingNumber: `YT-${r.id}` });
        await w.zt.afterSales.receive({ requestId: r.id, staffId: 'wh-1', inspection });
      }
      expect([await available('sku-tea'), await available('sku-cup')]).toEqual([tea + 2, cup]);
      await w.zt.afterSales.adjustRefund({ requestId: teaBack.id, staffId: 'agent-2', why: 'scratched box', amount: '170.00', freightCompensation: '6.00' });
      await w.zt.afterSales.refund({ requestId: teaBack.id, staffId: 'finance-1' });
      expect((await w.order('o1')).status).toBe('shipped');
      await w.zt.afterSales.refund({ requestId: cupBack.id, staffId: 'finance-1' });
      await w.zt.jobs.runUntilIdle();
      expect([w.channel.refunds.get(`afs-${teaBack.id}`)?.amount.toString(), w.channel.refunds.get(`afs-${cupBack.id}`)?.amount.toString()]).toEqual([
        '176.00',
        '30.00',
      ]);
      const order = await w.order('o1');
      expect([order.status, order.closure?.reason]).toEqual(['closed', 'fully_refunded']);
      expect((await w.payment('pay-o1')).status).toBe('partially_refunded'); // 206.00 of 223.00: the agent kept 15.00, the freight 8.00 less 6.00 compensated
      expect([await available('sku-tea'), await available('sku-cup')]).toEqual([tea + 2, cup]); // received once, never again at the refund
    });

    it('refuses a refund twice, before approval, or above what the payment has left (PAYMENT.REFUND_EXCEEDS_PAID) — and the refused one writes nothing', async () => {
      await w.paidOrder({ id: 'o1' });
      const pending = await open([{ lineId: 'L2', quantity: 1 }]);
      expect((await refusal(w.zt.afterSales.refund({ requestId: pending.id, staffId: 'finance-1' }))).code).toBe('AFTER_SALES.INVALID_TRANSITION');
      await w.zt.afterSales.review({ requestId: pending.id, staffId: 'agent-1', approve: true });
      await w.zt.afterSales.refund({ requestId: pending.id, staffId: 'finance-1' });
      expect((await refusal(w.zt.afterSales.refund({ requestId: pending.id, staffId: 'finance-1' }))).code).toBe('AFTER_SALES.INVALID_TRANSITION');
      // 185.00 of L1 plus 10.00 compensation would be 195.00, but only 223.00 − 30.00 = 193.00 is left of the payment.
      const l1 = await approved([{ lineId: 'L1', quantity: 2 }]);
      await w.zt.afterSales.adjustRefund({ requestId: l1.id, staffId: 'agent-2', why: 'courier lost the box', freightCompensation: '10.00' });
      const before = await w.everything(['o1']);
      expect((await refusal(w.zt.afterSales.refund({ requestId: l1.id, staffId: 'finance-1' }))).code).toBe('PAYMENT.REFUND_EXCEEDS_PAID');
      expect(await w.everything(['o1'])).toEqual(before);
      expect((await w.zt.afterSales.get({ requestId: l1.id })).refundNumber).toBeNull();
    });

    it('16 refunds at once of two requests on one order: each request refunds once, the channel is asked once per request, never more than was paid', async () => {
      await w.paidOrder({ id: 'o1' });
      const a = await approved([{ lineId: 'L1', quantity: 1 }]);
      const b = await approved([{ lineId: 'L1', quantity: 1 }]);
      const outcomes = await Promise.allSettled(
        Array.from({ length: 16 }, (_, i) => w.zt.afterSales.refund({ requestId: (i % 2 ? a : b).id, staffId: 'finance-1' })),
      );
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(2);
      for (const o of outcomes) {
        if (o.status === 'rejected') expect(['AFTER_SALES.INVALID_TRANSITION', 'CONCURRENCY.STALE_AGGREGATE']).toContain((o.reason as { code?: string }).code);
      }
      await w.zt.jobs.runUntilIdle();
      expect([...w.channel.refunds.keys()].sort()).toEqual([`afs-${a.id}`, `afs-${b.id}`].sort());
      const payment = await w.payment('pay-o1');
      expect(payment.refunds.map((r) => r.amount.toString()).sort()).toEqual(['92.50', '92.50']);
      expect((await w.order('o1')).status).toBe('pending_shipment');
    });

    it('16 clients at once each asking for a unit of L1 and, once approved, refunding it: 2 requests open, each refunds once (92.50 + 92.50 = 185.00, what L1 paid), the channel is asked once per request', async () => {
      await w.paidOrder({ id: 'o1' });
      const outcomes = await Promise.allSettled(
        Array.from({ length: 16 }, async () => {
          const r = await open([{ lineId: 'L1', quantity: 1 }]);
          await w.zt.afterSales.review({ requestId: r.id, staffId: 'agent-1', approve: true });
          return w.zt.afterSales.refund({ requestId: r.id, staffId: 'finance-1' });
        }),
      );
      const refunded = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
      expect(refunded).toHaveLength(2);
      for (const o of outcomes) if (o.status === 'rejected') expect((o.reason as { code?: string }).code).toBe('AFTER_SALES.QUANTITY_EXCEEDS');
      await w.zt.jobs.runUntilIdle();
      const payment = await w.payment('pay-o1');
      expect(payment.refunds.map((r) => [r.refundId, r.amount.toString()]).sort()).toEqual(refunded.map((r) => [`afs-${r.id}`, '92.50']).sort());
      expect([...w.channel.refunds.keys()].sort()).toEqual(refunded.map((r) => `afs-${r.id}`).sort());
    });

    it('16 members’ worth of requests at once on the same line never hold more units than were bought (one transaction per order at a time)', async () => {
      await w.paidOrder({ id: 'o1' });
      const outcomes = await Promise.allSettled(Array.from({ length: 16 }, () => open([{ lineId: 'L1', quantity: 1 }])));
      const opened = outcomes.filter((o) => o.status === 'fulfilled');
      expect(opened).toHaveLength(2);
      for (const o of outcomes) if (o.status === 'rejected') expect((o.reason as { code?: string }).code).toBe('AFTER_SALES.QUANTITY_EXCEEDS');
      const live = (await w.zt.afterSales.listOfMember({ memberId: 'member-1' })).filter((r) => r.status !== 'closed');
      expect(live.reduce((n, r) => n + r.quote.lines.reduce((k, l) => k + l.quantity, 0), 0)).toBe(2);
      expect(live.map((r) => r.quote.goods.toString()).sort()).toEqual(['92.50', '92.50']);
    });
  });
}
