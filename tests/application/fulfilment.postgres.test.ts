import { beforeEach, describe, expect, it } from 'vitest';
import { fileDatabase } from '../support/postgres.js';
import { aLine, DAY, fulfilmentWorld, m, type FulfilmentWorld } from './fulfilment-world.js';

const db = fileDatabase();
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: { code?: string; details?: unknown }) => ({ code: e.code, details: e.details }),
  );

describe(`fulfilment (issue #6 item 5) on ${db.name}: the key paths`, { timeout: 60_000 }, () => {
  let w: FulfilmentWorld;
  beforeEach(async () => {
    w = await fulfilmentWorld(await db.fresh());
  }, 60_000);

  it('ORD-6 not allocated: refund, close, stock back, coupon returned (CPN-2) in one transaction; the channel refund runs as a job from the job table', async () => {
    const coupon = await w.usedCoupon('member-1', 'o1');
    await w.paidOrder({ id: 'o1', couponIds: [coupon] });
    const r = await w.zt.fulfilment.cancelPaid({ by: 'member', memberId: 'member-1', orderId: 'o1' });
    expect(r).toMatchObject({ status: 'closed', stage: 'not_allocated', couponsReturned: [coupon], refund: { refundId: 'cancel-o1', amount: m('223.00') } });
    expect((await w.order('o1')).closure?.reason).toBe('cancelled_after_payment');
    const payment = await w.payment('pay-o1');
    expect([payment.status, payment.refunds.map((x) => x.refundId)]).toEqual(['refunded', ['cancel-o1']]);
    const tea = await w.salesStock('sku-tea');
    expect([tea.total, tea.sold]).toEqual([100, 0]);
    expect((await w.zt.coupons.listMemberCoupons({ memberId: 'member-1' })).find((c) => c.id === coupon)?.state).toBe('returned');
    expect(await w.zt.jobs.runUntilIdle()).toEqual({ ran: 4, failed: 0 }); // the channel refund, then its acknowledgement's delivery to after-sales; the ledger's deliveries of both
    expect(w.channel.refunds.get('cancel-o1')?.amount).toEqual(m('223.00'));
  });

  it('ORD-6 refused (interception failed, signed for): ORDER.AFTER_SALES_ONLY and nothing written', async () => {
    await w.paidOrder({ id: 'o1' });
    w.progress.set('o1', 'at_warehouse');
    w.warehouse.failFor('o1');
    const before = await w.everything(['o1']);
    expect((await refusal(w.zt.fulfilment.cancelPaid({ by: 'staff', operator: 'ops-1', orderId: 'o1' }))).details).toEqual({
      orderId: 'o1',
      reason: 'INTERCEPTION_FAILED',
    });
    w.progress.set('o1', 'signed');
    expect((await refusal(w.zt.fulfilment.cancelPaid({ by: 'staff', operator: 'ops-1', orderId: 'o1' }))).details).toEqual({ orderId: 'o1', reason: 'SIGNED' });
    expect(await w.everything(['o1'])).toEqual(before);
    expect(await w.zt.jobs.runUntilIdle()).toEqual({ ran: 0, failed: 0 });
  });

  it('ships, and the stored auto-confirm job completes the order at its deadline; membership is notified through the job table', async () => {
    const o = await w.paidOrder({ id: 'o1' });
    await w.memberKnowsPaid('member-1', o);
    await w.zt.fulfilment.ship({ orderId: 'o1', carrier: 'SF', trackingNumber: 'SF100' });
    w.clock.advance(10 * DAY - 1_000);
    expect(await w.zt.jobs.runUntilIdle()).toEqual({ ran: 0, failed: 0 });
    w.clock.advance(1_000);
    expect(await w.zt.jobs.runUntilIdle()).toEqual({ ran: 4, failed: 0 }); // auto-confirm, then membership's, invoice's and the ledger's deliveries of order.completed
    expect((await w.order('o1')).receipt?.by).toBe('auto');
    expect((await w.zt.membership.get({ memberId: 'member-1' })).growth).toBe(223);
  });

  it('another member’s order is ORDER.NOT_FOUND with nothing written; shipping an unpaid order is ORDER.INVALID_TRANSITION', async () => {
    await w.unpaidOrder({ id: 'u1' });
    await w.paidOrder({ id: 'o1' });
    await w.zt.fulfilment.ship({ orderId: 'o1', carrier: 'SF', trackingNumber: 'SF1' });
    const before = await w.everything(['u1', 'o1']);
    expect((await refusal(w.zt.fulfilment.confirmReceipt({ memberId: 'member-2', orderId: 'o1' }))).code).toBe('ORDER.NOT_FOUND');
    expect((await refusal(w.zt.fulfilment.ship({ orderId: 'u1', carrier: 'SF', trackingNumber: 'SF2' }))).code).toBe('ORDER.INVALID_TRANSITION');
    expect(await w.everything(['u1', 'o1'])).toEqual(before);
  });

  it('ORD-5: split children shipped and cancelled move the parent; a service order is redeemed by its shop', async () => {
    const { parentId, childIds } = await w.paidSplit({
      id: 'p1',
      lines: [aLine('L1', '100.00', 2, { skuId: 'sku-tea' }), aLine('L2', '30.00', 1, { skuId: 'sku-cup', shopId: 'shop-b' })],
      groups: [
        { warehouseId: 'wh-1', lines: [{ lineId: 'L1', quantity: 2 }] },
        { warehouseId: 'wh-2', lines: [{ lineId: 'L2', quantity: 1 }] },
      ],
    });
    const [c1, c2] = childIds as [string, string];
    expect((await w.zt.fulfilment.ship({ orderId: c1, carrier: 'SF', trackingNumber: 'SF1' })).parentStatus).toBe('pending_shipment');
    expect((await w.zt.fulfilment.cancelPaid({ by: 'staff', operator: 'ops-1', orderId: c2 })).parentStatus).toBe('shipped');
    expect((await w.order(parentId)).status).toBe('shipped');

    await w.paidOrder({ id: 's1', kind: 'service', lines: [aLine('S1', '199.00', 1, { skuId: 'sku-spa', shopId: 'spa-1' })] });
    const code = (await w.order('s1')).verification!.code;
    expect((await refusal(w.zt.fulfilment.redeem({ orderId: 's1', shopId: 'spa-2', code }))).code).toBe('ORDER.INVALID_CODE');
    expect((await w.zt.fulfilment.redeem({ orderId: 's1', shopId: 'spa-1', code })).status).toBe('completed');
  });
});
