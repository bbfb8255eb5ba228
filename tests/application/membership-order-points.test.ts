/**
 * Membership's published points services as ordering uses them (issue #13): the points an order spends
 * leave the ledger when it is placed (one guarded debit under the order id, split over the lines), and a
 * cancelled leaf order's lines get their share back, once.
 */
import { describe, expect, it } from 'vitest';
import { createZhongtai } from '../../adapters/container/create-zhongtai.js';
import { fakePaymentChannel } from '../../adapters/channels/payment/fake-channel.js';
import { checkoutWorld, fillCart, populateCheckoutWorld, type CheckoutWorld } from '../support/checkout-world.js';
import { at } from '../support/mothers.js';

const consignee = { name: '张三', phone: '13800000000', district: '330106', address: '文三路 1 号' };
const HELD = 20_000;

/** The checkout world on membership's own points port (the default), m1 holding 20,000 points and the cart of the worked example. */
async function world(): Promise<CheckoutWorld> {
  const now = at(10);
  const w = await populateCheckoutWorld(createZhongtai({ clock: { now: () => now }, ordering: { channels: [fakePaymentChannel()] } }), now);
  await w.zt.membership.register({ memberId: 'm1' });
  await w.zt.membership.adjustPoints({ memberId: 'm1', delta: HELD, operator: 'test', reason: 'points to spend' });
  await fillCart(w);
  return w;
}

const pointsOf = async (w: CheckoutWorld) => {
  const [m, h] = await Promise.all([w.zt.membership.get({ memberId: 'm1' }), w.zt.membership.history({ memberId: 'm1' })]);
  return { balance: m.points, entries: h.points };
};

describe('points an order spends and gives back (membership’s published services)', () => {
  it('placing with points debits them once under the order id, with their split over the lines (perLine) summing to them', async () => {
    const w = await world();
    const placed = await w.zt.orders.place({ memberId: 'm1', consignee, points: 'max' });
    const { balance, entries } = await pointsOf(w);
    const debit = entries.find((e) => e.source === 'checkout')!;
    expect(debit.reference).toBe(placed.orderId);
    const spent = -debit.delta;
    expect(spent).toBeGreaterThan(0);
    expect(Object.values(debit.detail.perLine as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(spent);
    expect(balance).toBe(HELD - spent);
  });

  it('cancelling a child order before payment gives back exactly its lines’ share, once; cancelling the rest gives back all', async () => {
    const w = await world();
    const placed = await w.zt.orders.place({ memberId: 'm1', consignee, points: 'max' });
    expect(placed.children.length).toBeGreaterThan(1);
    const perLine = (await pointsOf(w)).entries.find((e) => e.source === 'checkout')!.detail.perLine as Record<string, number>;
    const [first, ...rest] = placed.children;
    const lines = (await w.zt.orderQueries.get({ memberId: 'm1', orderId: first!.orderId })).lines.map((l) => l.lineId);
    const before = (await pointsOf(w)).balance;
    await w.zt.orders.cancel({ memberId: 'm1', orderId: first!.orderId });
    const back = (await pointsOf(w)).entries.filter((e) => e.source === 'refund');
    expect(back.map((e) => [e.reference, e.delta])).toEqual([
      [`${placed.orderId}:cancel:${first!.orderId}`, lines.reduce((n, id) => n + (perLine[id] ?? 0), 0)],
    ]);
    expect((await pointsOf(w)).balance).toBe(before + back[0]!.delta);
    for (const c of rest) await w.zt.orders.cancel({ memberId: 'm1', orderId: c.orderId });
    expect((await pointsOf(w)).balance).toBe(HELD);
  });

  it('points the ledger does not cover (the checkout was told of more): MEMBERSHIP.INSUFFICIENT_POINTS (409), and placing writes nothing', async () => {
    const w = await checkoutWorld(); // its checkout port claims 5,000 points for everybody
    await w.zt.membership.register({ memberId: 'm1' });
    await w.zt.membership.adjustPoints({ memberId: 'm1', delta: 10, operator: 'test', reason: 'a few points' });
    await fillCart(w);
    const stock = async () => (await w.zt.inventory.viewStock({ skuId: w.skus.a1 })).locked;
    await expect(w.zt.orders.place({ memberId: 'm1', consignee, points: 'max' })).rejects.toMatchObject({
      code: 'MEMBERSHIP.INSUFFICIENT_POINTS',
      kind: 'conflict',
    });
    expect([await stock(), (await w.zt.orderQueries.search({ memberId: 'm1' })).total, (await pointsOf(w)).balance]).toEqual([0, 0, 10]);
  });
});
