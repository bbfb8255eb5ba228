import { describe, expect, it } from 'vitest';
import { memoryPersistence } from '../../adapters/persistence/memory/index.js';
import { orderModelSuite, orderWorld, type Real } from './order-model.js';

orderModelSuite('memory', async () => memoryPersistence(), 50, 50);

/**
 * A counterexample the model found, kept as an example: a split order whose coupon was used by the
 * child paid first. Whichever way its children leave the sale — the paid one cancelled after payment
 * (ORD-6, refunded in full) and the unpaid one cancelled, in either order — the whole order ends
 * closed with every cent paid given back, so CPN-2 returns the coupon.
 */
describe('CPN-2: the coupon of a split order comes back once the order is closed with everything paid refunded', () => {
  async function splitOrderWithCoupon(): Promise<{ r: Real; top: string; paid: string; unpaid: string; couponId: string }> {
    const r = await orderWorld(memoryPersistence());
    const owner = { kind: 'member' as const, id: 'm1' };
    await r.zt.cart.add({ owner, skuId: r.skus.sp, quantity: 1 });
    await r.zt.cart.add({ owner, skuId: r.skus.sa, quantity: 3 });
    const placed = await r.zt.orders.place({ memberId: 'm1', consignee: { name: '张三', phone: '13800000000', district: '330106', address: '文三路 1 号' } });
    expect(placed.children).toHaveLength(2);
    const [paid, unpaid] = placed.payableOrderIds as [string, string];
    const payment = await r.zt.payments.pay({ memberId: 'm1', orderIds: [paid], channel: 'fake' });
    await r.zt.payments.handleCallback({ channel: 'fake', body: r.fake.callbackFor(payment.number!) });
    const coupons = (await r.zt.coupons.listMemberCoupons({ memberId: 'm1' })).filter((c) => c.orderId === placed.orderId);
    expect(coupons.map((c) => c.state)).toEqual(['used']);
    return { r, top: placed.orderId, paid, unpaid, couponId: coupons[0]!.id };
  }
  const couponState = async (r: Real, id: string) => (await r.zt.coupons.listMemberCoupons({ memberId: 'm1' })).find((c) => c.id === id)!.state;

  it('the unpaid child cancelled first, then the paid one cancelled after payment', async () => {
    const { r, top, paid, unpaid, couponId } = await splitOrderWithCoupon();
    await r.zt.orders.cancel({ memberId: 'm1', orderId: unpaid });
    await r.zt.fulfilment.cancelPaid({ by: 'member', memberId: 'm1', orderId: paid });
    expect((await r.zt.orderQueries.staffGet({ orderId: top })).status).toBe('closed');
    expect(await couponState(r, couponId)).toBe('returned');
  });

  it('the paid child cancelled after payment first, then the unpaid one cancelled', async () => {
    const { r, top, paid, unpaid, couponId } = await splitOrderWithCoupon();
    await r.zt.fulfilment.cancelPaid({ by: 'member', memberId: 'm1', orderId: paid });
    await r.zt.orders.cancel({ memberId: 'm1', orderId: unpaid });
    expect((await r.zt.orderQueries.staffGet({ orderId: top })).status).toBe('closed');
    expect(await couponState(r, couponId)).toBe('returned');
  });
});
