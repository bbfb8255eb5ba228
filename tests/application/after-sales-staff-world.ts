import { codeOf } from '../support/refusals.js';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Persistence } from '../../application/shared/persistence.js';
import { sellable } from '../../domain/inventory/sales-stock.js';
import { warehouseFields } from '../domain/dispatch/dispatch-mothers.js';
import { aLine, DAY, fulfilmentWorld, type FulfilmentWorld } from './fulfilment-world.js';

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
      type: 'refund_only' | 'return_and_refund' | 'refund' | 'exchange' = 'refund_only',
      reason = 'no_longer_wanted',
    ) => w.zt.afterSales.open({ memberId: 'member-1', orderId, type, lines, reason });
    const completed = async (id: string) => {
      await w.paidOrder({ id });
      await w.zt.fulfilment.ship({ orderId: id, carrier: 'SF', trackingNumber: `SF-${id}` });
      await w.zt.fulfilment.confirmReceipt({ memberId: 'member-1', orderId: id });
    };

    it('returned goods put away at a warehouse location: received into its stock, damaged ones unusable there; only sellable ones go back on sale', async () => {
      const hz = (await w.zt.dispatch.createWarehouse(warehouseFields('HZ'))).id;
      const leaf = await w.zt.catalog.createCategory({ name: 'Tea' });
      const sku = async (code: string) => (await w.zt.catalog.createSpu({ code, title: code, categoryId: leaf.id, salePrice: '1.00' })).skus[0]!.id;
      const [teaSku, cupSku] = [await sku('TEA'), await sku('CUP')];
      await w.paidOrder({ id: 'o1', lines: [aLine('L1', '100.00', 2, { skuId: teaSku }), aLine('L2', '30.00', 1, { skuId: cupSku })] });
      await w.zt.fulfilment.ship({ orderId: 'o1', carrier: 'SF', trackingNumber: 'SF1' });
      const returned = async (lineId: string, quantity: number) => {
        const r = await open('o1', [{ lineId, quantity }], 'return_and_refund', 'damaged');
        await w.zt.afterSales.review({ requestId: r.id, staffId: 'agent', approve: true });
        await w.zt.afterSales.shipBack({ requestId: r.id, memberId: 'member-1', carrier: 'YTO', trackingNumber: `YT-${lineId}` });
        return r.id;
      };
      const layers = async (skuId: string) => {
        const v = await w.zt.inventory.viewLayeredStock({ skuId });
        return {
          dispatch: v.warehouses.map((x) => [x.book, x.available, x.inTransit, x.unsellable, x.used]),
          locations: v.warehouses.flatMap((x) => x.locations.map((l) => [l.location, l.available, l.locked, l.shipped, l.unusable])),
          sellable: v.sales ? sellable(v.sales) : null,
        };
      };
      const [tea, cup] = [await layers(teaSku), await layers(cupSku)];
      const l1 = await returned('L1', 2);
      const l2 = await returned('L2', 1);
      const receive = (requestId: string, inspection: 'sellable' | 'damaged', putAway: { warehouseId: string; location: string }) =>
        w.zt.afterSales.receive({ requestId, staffId: 'wh-1', inspection, putAway });
      expect(await codeOf(receive(l1, 'damaged', { warehouseId: 'no-such', location: 'R-01' }))).toBe('DISPATCH.WAREHOUSE_NOT_FOUND');
      expect(await codeOf(receive(l1, 'damaged', { warehouseId: hz, location: 'not a location' }))).toBe('INVENTORY.INVALID_LOCATION');
      expect([(await w.zt.afterSales.get({ requestId: l1 })).status, await layers(teaSku)]).toEqual(['awaiting_return_receipt', tea]);
      await receive(l1, 'damaged', { warehouseId: hz, location: 'R-01' });
      await receive(l2, 'sellable', { warehouseId: hz, location: 'R-01' });
      // book, available, in transit, unsellable, used — and at R-01: available, locked, shipped, unusable
      expect(await layers(teaSku)).toEqual({ dispatch: [[2, 0, 0, 2, 0]], locations: [['R-01', 0, 0, 0, 2]], sellable: tea.sellable });
      expect(await layers(cupSku)).toEqual({ dispatch: [[1, 1, 0, 0, 0]], locations: [['R-01', 1, 0, 0, 0]], sellable: cup.sellable! + 1 });
    });

    it('an exchange: the unit sent back is received, a new one ships as a 0.00 order of its own (x-<request>, <number>-X1) with its stock sold; its shipment completes the request; nothing is paid, refunded, invoiced or counted as a purchase', async () => {
      await w.memberKnowsPaid('member-1', await w.paidOrder({ id: 'o1' }));
      await w.zt.fulfilment.ship({ orderId: 'o1', carrier: 'SF', trackingNumber: 'SF1' });
      await w.zt.jobs.runUntilIdle();
      const tea = sellable(await w.salesStock('sku-tea'));
      const r = await open('o1', [{ lineId: 'L1', quantity: 1 }], 'exchange', 'wrong_item');
      await w.zt.afterSales.review({ requestId: r.id, staffId: 'agent', approve: true });
      await w.zt.afterSales.shipBack({ requestId: r.id, memberId: 'member-1', carrier: 'YTO', trackingNumber: 'YT1' });
      expect(await codeOf(w.zt.afterSales.refund({ requestId: r.id, staffId: 'agent' }))).toBe('AFTER_SALES.INVALID_TRANSITION');
      expect((await w.zt.afterSales.receive({ requestId: r.id, staffId: 'wh', inspection: 'sellable' })).status).toBe('awaiting_exchange_shipment');
      const x = await w.order(`x-${r.id}`);
      expect([x.number, x.status, x.lines.map((l) => [l.lineId, l.skuId, l.quantity, l.unitPrice.toString()]), x.freight.toString(), x.common.invoice]).toEqual(
        ['SO-o1-X1', 'pending_shipment', [['L1', 'sku-tea', 1, '0.00']], '0.00', null],
      );
      expect(sellable(await w.salesStock('sku-tea'))).toBe(tea); // the unit back on sale, the new one sold
      const sold = await w.zt.afterSales.statistics({ from: new Date(w.clock.now().getTime() - DAY), to: new Date(w.clock.now().getTime() + 1) });
      expect(sold.byProduct.map((p) => [p.skuId, p.sold])).toEqual([['sku-tea', 2]]); // o1's two units: the exchange order sold nothing
      const orders = await w.zt.orderQueries.statistics({ from: new Date(w.clock.now().getTime() - DAY), to: new Date(w.clock.now().getTime() + 1) });
      expect([orders.orders, orders.paidOrders, orders.gmv, orders.averageOrderValue]).toEqual([1, 1, '223.00', '223.00']); // nor is it an order of the shop's
      await w.zt.fulfilment.ship({ orderId: x.id, carrier: 'SF', trackingNumber: 'SF-X1' });
      await w.zt.jobs.runUntilIdle();
      const done = await w.zt.afterSales.get({ requestId: r.id });
      expect([done.status, done.exchangeShipment?.carrier, done.exchangeShipment?.trackingNumber, done.refundNumber]).toEqual([
        'succeeded',
        'SF',
        'SF-X1',
        null,
      ]);
      expect((await w.payment('pay-o1')).refunds).toEqual([]);
      // No purchase: membership keeps no paid-order fact of it (so no growth, points or RFM from it).
      expect(await codeOf(w.zt.membership.recordOrderCompleted({ orderId: x.id }))).toBe('MEMBERSHIP.ORDER_NOT_FOUND');
      expect(w.jobErrors).toEqual([]);
    });

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
      // Sold in the period: o1 and o2, each 2 × sku-tea and 1 × sku-cup — 6 units of shop-a; refunded 3 of sku-tea.
      expect(stats.byShop.map((s) => [s.shopId, s.requests, s.units, s.refundedUnits, s.refunded.toString(), s.sold, s.refundRate])).toEqual([
        ['shop-a', 3, 4, 3, '277.50', 6, 0.5],
      ]);
      expect(stats.byProduct.map((s) => [s.skuId, s.requests, s.units, s.refundedUnits, s.refunded.toString(), s.sold, s.refundRate])).toEqual([
        ['sku-tea', 2, 3, 3, '277.50', 4, 0.75],
        ['sku-cup', 1, 1, 0, '0.00', 2, 0],
      ]);
      const later = await w.zt.afterSales.statistics({ from: new Date(t0.getTime() + 1), to: new Date(t0.getTime() + DAY) });
      expect(later.byShop.map((s) => [s.sold, s.refundRate])).toEqual([[0, null]]); // nothing sold after t0: no rate
      expect(await codeOf(w.zt.afterSales.statistics({ from: t0, to: t0 }))).toBe('AFTER_SALES.INVALID_PERIOD');
      expect(await codeOf(w.zt.afterSales.statistics({ from: t0, to: new Date(t0.getTime() + 367 * DAY) }))).toBe('AFTER_SALES.INVALID_PERIOD');
    });
  });
}
