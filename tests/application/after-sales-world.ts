import { beforeEach, describe, expect, it } from 'vitest';
import type { Persistence } from '../../application/shared/persistence.js';
import { DAY, fulfilmentWorld, type FulfilmentWorld } from './fulfilment-world.js';

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
