import { beforeEach, describe, expect, it } from 'vitest';
import type { FakePaymentChannel } from '../../adapters/channels/payment/fake-channel.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { Money } from '../../domain/shared/money.js';
import { checkoutWorld, fillCart, type CheckoutWorld } from '../support/checkout-world.js';

const XIHU = '330106';
const consignee = { name: '张三', phone: '13800000000', district: XIHU, address: '文三路 1 号' };

async function stockOf(w: CheckoutWorld, skuId: string) {
  const s = await w.zt.inventory.viewStock({ skuId });
  return { total: s.total, locked: s.locked, sold: s.sold };
}

describe('placing and paying an order (issue #6 items 2–3) on memory', () => {
  let w: CheckoutWorld;
  let fake: FakePaymentChannel;
  beforeEach(async () => {
    w = await checkoutWorld();
    await fillCart(w);
    fake = w.zt.payments.channels.get('fake') as FakePaymentChannel;
  });

  it('places the cart as one transaction: orders split by shop then warehouse (ORD-5), stock locked, coupons locked, cart emptied, timeout scheduled', async () => {
    const preview = await w.zt.checkout.preview({ memberId: 'm1', address: XIHU });
    const placed = await w.zt.orders.place({ memberId: 'm1', consignee, expectedPayable: preview.totals.payable.toString() });
    expect(placed.payable).toBe(preview.totals.payable.toString());
    expect(placed.children.map((c) => c.payable)).toEqual(preview.childOrders.map((c) => c.amounts.payable.toString()));
    expect(Money.sum(placed.children.map((c) => Money.of(c.payable))).toString()).toBe(placed.payable);
    expect(await stockOf(w, w.skus.a1)).toMatchObject({ locked: 3 });
    const cart = await w.zt.cart.view({ owner: { kind: 'member', id: 'm1' } });
    expect(cart.shops.flatMap((s) => s.groups.flatMap((g) => g.lines))).toHaveLength(0);
    const coupons = await w.zt.coupons.listMemberCoupons({ memberId: 'm1' });
    expect(
      coupons
        .filter((c) => c.state === 'locked')
        .map((c) => c.id)
        .sort(),
    ).toEqual(preview.pricing.coupons.map((c) => c.id).sort());
  });

  it('placing cross-border lines (with the rates the checkout preview takes) is 422 ORDER.CROSS_BORDER_NOT_SUPPORTED, not a 500, and writes nothing', async () => {
    const milk = [{ skuId: w.skus.p1, consumptionRate: '0', vatRate: '0.17' }];
    const buyNow = { skuId: w.skus.p1, quantity: 1 };
    expect((await w.zt.checkout.preview({ memberId: 'm1', address: XIHU, buyNow, crossBorder: milk })).crossBorder).not.toBeNull();
    const before = [await stockOf(w, w.skus.p1), (await w.zt.orderQueries.search({ memberId: 'm1' })).total];
    for (const rates of [milk, [{ ...milk[0]!, vatRate: '0' }]]) {
      const e = await w.zt.orders.place({ memberId: 'm1', consignee, buyNow, crossBorder: rates }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(DomainError);
      expect([(e as DomainError).kind, (e as DomainError).code, (e as DomainError).details]).toEqual([
        'invalid',
        'ORDER.CROSS_BORDER_NOT_SUPPORTED',
        { skuIds: [w.skus.p1] },
      ]);
    }
    expect([await stockOf(w, w.skus.p1), (await w.zt.orderQueries.search({ memberId: 'm1' })).total]).toEqual(before);
  });

  it('pays all children with one combined payment through the fake channel: stock sold, coupons used, orders pending shipment', async () => {
    const placed = await w.zt.orders.place({ memberId: 'm1', consignee });
    fake.behaviour = 'twice';
    const payment = await w.zt.payments.pay({ memberId: 'm1', orderIds: [placed.orderId], channel: 'fake' });
    expect(payment.amount).toBe(placed.payable);
    expect(await stockOf(w, w.skus.a1)).toMatchObject({ locked: 0, sold: 3 });
    const coupons = await w.zt.coupons.listMemberCoupons({ memberId: 'm1' });
    expect(coupons.filter((c) => c.state === 'used')).toHaveLength(2);
    const detail = await w.zt.orderQueries.get({ memberId: 'm1', orderId: placed.children[0]!.orderId });
    expect(detail.status).toBe('pending_shipment');
  });

  it('a replayed idempotency key answers the first order; another body under the same key is a 409', async () => {
    const first = await w.zt.orders.place({ memberId: 'm1', consignee, idempotencyKey: 'k-1' });
    const again = await w.zt.orders.place({ memberId: 'm1', consignee, idempotencyKey: 'k-1' });
    expect(again).toEqual({ ...first, replayed: true });
    await expect(w.zt.orders.place({ memberId: 'm1', consignee: { ...consignee, name: '李四' }, idempotencyKey: 'k-1' })).rejects.toMatchObject({
      code: 'ORDER.IDEMPOTENCY_KEY_REUSED',
    });
  });

  it('cancelling before payment releases stock, coupons, and the cart stays empty', async () => {
    const placed = await w.zt.orders.place({ memberId: 'm1', consignee });
    const before = await stockOf(w, w.skus.a1);
    await w.zt.orders.cancel({ memberId: 'm1', orderId: placed.orderId });
    expect(before.locked).toBe(3);
    expect(await stockOf(w, w.skus.a1)).toEqual({ total: before.total, locked: 0, sold: 0 });
    const coupons = await w.zt.coupons.listMemberCoupons({ memberId: 'm1' });
    expect(coupons.filter((c) => c.state === 'locked')).toHaveLength(0);
  });

  it('ORD-3: the unpaid timeout job cancels the order and releases its stock', async () => {
    let now = w.now;
    const w2 = await checkoutWorld({ clock: { now: () => now } });
    await fillCart(w2);
    const placed = await w2.zt.orders.place({ memberId: 'm1', consignee });
    expect((await stockOf(w2, w2.skus.a1)).locked).toBe(3);
    now = new Date(now.getTime() + 31 * 60_000);
    await w2.zt.jobs.runUntilIdle();
    expect((await stockOf(w2, w2.skus.a1)).locked).toBe(0);
    const detail = await w2.zt.orderQueries.get({ memberId: 'm1', orderId: placed.children[0]!.orderId });
    expect(detail.status).toBe('cancelled');
  });
});
