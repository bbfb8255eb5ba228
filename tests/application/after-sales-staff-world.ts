import { beforeEach, describe, expect, it } from 'vitest';
import type { Persistence } from '../../application/shared/persistence.js';
import { DAY, fulfilmentWorld, type FulfilmentWorld } from './fulfilment-world.js';

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: { code?: string }) => e.code,
  );

/**
 * What staff do across requests (issue #15 item 5) and the shop's window (AFS-1, configurable 7/15), on
 * one persistence: the fulfilment world's order — L1 2 × 100.00 paid 185.00 (sku-tea), L2 1 × 30.00
 * (sku-cup), freight 8.00, all of shop-a.
 */
export function afterSalesStaffSuite(name: string, persistence: () => Promise<Persistence | undefined>): void {
  describe(`after-sales for staff on ${name}`, { timeout: 60_000 }, () => {
    let w: FulfilmentWorld;
    beforeEach(async () => {
      w = await fulfilmentWorld(await persistence());
    }, 60_000);
    const open = (
      orderId: string,
      lines: { lineId: string; quantity: number }[],
      type: 'refund_only' | 'return_and_refund' | 'refund' = 'refund_only',
      reason = 'no_longer_wanted',
    ) => w.zt.afterSales.open({ memberId: 'member-1', orderId, type, lines, reason });
    const completed = async (id: string) => {
      await w.paidOrder({ id });
      await w.zt.fulfilment.ship({ orderId: id, carrier: 'SF', trackingNumber: `SF-${id}` });
      await w.zt.fulfilment.confirmReceipt({ memberId: 'member-1', orderId: id });
    };

    it('AFS-1 at the boundary of a shop’s window: 7 days by default, 15 once set — exactly at the end it is open, a second later closed', async () => {
      await completed('o1');
      await completed('o2');
      expect(await w.zt.afterSales.getWindow({ shopId: 'shop-a' })).toEqual({ shopId: 'shop-a', windowDays: 7 });
      w.clock.advance(7 * DAY);
      expect(await codeOf(open('o1', [{ lineId: 'L2', quantity: 1 }], 'refund'))).toBe('ok'); // exactly 7 days
      w.clock.advance(1000);
      expect(await codeOf(open('o1', [{ lineId: 'L1', quantity: 1 }], 'refund'))).toBe('AFTER_SALES.WINDOW_CLOSED');
      expect(await codeOf(w.zt.afterSales.setWindow({ shopId: 'shop-a', windowDays: 10 }))).toBe('AFTER_SALES.INVALID_WINDOW');
      expect(await w.zt.afterSales.setWindow({ shopId: 'shop-a', windowDays: 15 })).toEqual({ shopId: 'shop-a', windowDays: 15 });
      expect(await codeOf(open('o1', [{ lineId: 'L1', quantity: 1 }], 'refund'))).toBe('ok');
      w.clock.advance(8 * DAY - 1000); // exactly 15 days after completion
      expect(await codeOf(open('o2', [{ lineId: 'L2', quantity: 1 }], 'refund'))).toBe('ok');
      w.clock.advance(1000);
      expect(await codeOf(open('o2', [{ lineId: 'L1', quantity: 1 }], 'refund'))).toBe('AFTER_SALES.WINDOW_CLOSED');
    });

    it('search by status, type, shop, order and time; statistics by type, reason, shop and product with what was refunded', async () => {
      await w.paidOrder({ id: 'o1' });
      await w.paidOrder({ id: 'o2' });
      const t0 = w.clock.now();
      const a = await open('o1', [{ lineId: 'L1', quantity: 1 }]); // 92.50
      w.clock.advance(1000);
      const b = await open('o1', [{ lineId: 'L2', quantity: 1 }], 'refund_only', 'damaged'); // 30.00
      w.clock.advance(1000);
      const c = await open('o2', [{ lineId: 'L1', quantity: 2 }], 'refund_only', 'quality'); // 185.00
      for (const r of [a, c]) {
        await w.zt.afterSales.review({ requestId: r.id, staffId: 'agent', approve: true });
        await w.zt.afterSales.refund({ requestId: r.id, staffId: 'agent' });
      }
      await w.zt.afterSales.review({ requestId: b.id, staffId: 'agent', approve: false, reason: 'no' });
      const ids = async (q: Parameters<typeof w.zt.afterSales.search>[0]) => (await w.zt.afterSales.search(q)).map((r) => r.id);
      expect(await ids({ limit: 10 })).toEqual([c.id, b.id, a.id]);
      expect(await ids({ status: 'closed', limit: 10 })).toEqual([b.id]);
      expect(await ids({ orderId: 'o1', limit: 10 })).toEqual([b.id, a.id]);
      expect(await ids({ shopId: 'shop-a', type: 'refund_only', limit: 2 })).toEqual([c.id, b.id]);
      expect(await ids({ shopId: 'shop-b', limit: 10 })).toEqual([]);
      expect(await ids({ from: new Date(t0.getTime() + 1000), to: new Date(t0.getTime() + 2000), limit: 10 })).toEqual([b.id]);

      const stats = await w.zt.afterSales.statistics({ from: t0, to: new Date(t0.getTime() + DAY) });
      expect([stats.requests, stats.byType.refund_only, stats.byReason.no_longer_wanted, stats.byReason.damaged, stats.byReason.quality, stats.closed]).toEqual(
        [3, 3, 1, 1, 1, 1],
      );
      expect([stats.refunds.count, stats.refunds.amount.toString()]).toEqual([2, '277.50']); // 92.50 + 185.00
      expect(stats.byShop.map((s) => [s.shopId, s.requests, s.units, s.refundedUnits, s.refunded.toString()])).toEqual([['shop-a', 3, 4, 3, '277.50']]);
      expect(stats.byProduct.map((s) => [s.skuId, s.requests, s.units, s.refundedUnits, s.refunded.toString()])).toEqual([
        ['sku-tea', 2, 3, 3, '277.50'],
        ['sku-cup', 1, 1, 0, '0.00'],
      ]);
      expect(await codeOf(w.zt.afterSales.statistics({ from: t0, to: t0 }))).toBe('AFTER_SALES.INVALID_PERIOD');
      expect(await codeOf(w.zt.afterSales.statistics({ from: t0, to: new Date(t0.getTime() + 367 * DAY) }))).toBe('AFTER_SALES.INVALID_PERIOD');
    });
  });
}
