import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakePayments, startTestServer, type TestServer } from '../support/http.js';
import { DAY, ManualClock, T0, worldOn } from '../application/fulfilment-world.js';

/**
 * Staff search and detail of payments (交易记录) and refunds (issue #16 item 5). Three orders of the
 * fulfilment world (223.00 each) paid a day apart; the second is cancelled by staff after payment
 * (ORD-6), so its payment is refunded in full through the fake channel.
 */
let s: TestServer;
let w: ReturnType<typeof worldOn>;
let finance: string;
const clock = new ManualClock(T0);
beforeAll(async () => {
  s = await startTestServer(undefined, { clock, ...fakePayments() });
  w = worldOn(s.zt, clock);
  finance = s.token({ subject: 'staff-f', kind: 'staff', roles: ['finance'] });
  for (const id of ['p1', 'p2', 'p3']) {
    await w.paidOrder({ id, memberId: id === 'p3' ? 'member-3' : 'member-1' });
    clock.advance(DAY);
  }
  const orders = s.token({ subject: 'staff-o', kind: 'staff', roles: ['orders'] });
  expect((await s.request('POST', '/admin/orders/p2/cancel', { token: orders, body: { reason: 'out of stock' } })).status).toBe(200);
}, 60_000);
afterAll(() => s.close());

const get = async (path: string, token = finance) => {
  const r = await s.request('GET', path, { token });
  return { status: r.status, body: r.body };
};
const ids = async (path: string) => (await get(path)).body.map((p: { id?: string; refundId?: string }) => p.id ?? p.refundId);

describe('payments and refunds for staff (issue #16 item 5)', () => {
  it('payments are found by status, order, number, member, channel and the time they were opened, newest first', async () => {
    expect(await ids('/admin/payments')).toEqual(['pay-p3', 'pay-p2', 'pay-p1']);
    expect(await ids('/admin/payments?status=refunded')).toEqual(['pay-p2']);
    expect(await ids('/admin/payments?status=paid')).toEqual(['pay-p3', 'pay-p1']);
    expect(await ids('/admin/payments?orderId=p1')).toEqual(['pay-p1']);
    expect(await ids('/admin/payments?number=PN-pay-p3')).toEqual(['pay-p3']);
    expect(await ids('/admin/payments?memberId=member-3')).toEqual(['pay-p3']);
    expect(await ids('/admin/payments?channel=fake&limit=2')).toEqual(['pay-p3', 'pay-p2']);
    expect(await ids('/admin/payments?channel=wechatpay')).toEqual([]);
    const day1 = new Date(T0.getTime() + DAY).toISOString();
    const day2 = new Date(T0.getTime() + 2 * DAY).toISOString();
    expect(await ids(`/admin/payments?from=${day1}&to=${day2}`)).toEqual(['pay-p2']);
  });

  it("a payment's detail: what each order paid and got back, the channel's success, the refund and the channel's confirmation once its job ran", async () => {
    const before = (await get('/admin/payments/pay-p2')).body;
    expect(before).toMatchObject({
      id: 'pay-p2',
      number: 'PN-pay-p2',
      memberId: 'member-1',
      amount: '223.00',
      status: 'refunded',
      orders: [{ orderId: 'p2', amount: '223.00', refunded: '223.00' }],
      paid: { channel: 'fake', channelTransactionId: 'tx-pay-p2' },
      refunds: [{ refundId: 'cancel-p2', amount: '223.00', orders: [{ orderId: 'p2', amount: '223.00' }], acknowledged: null }],
      late: [],
    });
    expect(await ids('/admin/refunds?pending=true')).toEqual(['cancel-p2']);
    await s.zt.jobs.runUntilIdle();
    const after = (await get('/admin/payments/pay-p2')).body;
    expect(after.refunds[0].acknowledged.refundTransactionId).toMatch(/^FAKER/);
    expect(await ids('/admin/refunds?pending=true')).toEqual([]);
    expect(await ids('/admin/refunds?pending=false&orderId=p2')).toEqual(['cancel-p2']);
    expect(await ids('/admin/refunds?orderId=p1')).toEqual([]);
    expect((await get('/admin/refunds?number=PN-pay-p2')).body).toEqual([after.refunds[0]]);
  });

  it('refused: an unknown payment is 404; members and staff of other roles are 403; a bad status is 400', async () => {
    expect((await get('/admin/payments/nope')).body.code).toBe('PAYMENT.NOT_FOUND');
    expect((await get('/admin/payments', s.token({ subject: 'member-1', kind: 'member', roles: [] }))).status).toBe(403);
    expect((await get('/admin/refunds', s.token({ subject: 'staff-c', kind: 'staff', roles: ['catalog'] }))).status).toBe(403);
    expect((await get('/admin/payments', s.token({ subject: 'staff-o', kind: 'staff', roles: ['orders'] }))).status).toBe(200);
    expect((await get('/admin/payments?status=lost')).body.code).toBe('VALIDATION.FAILED');
  });
});
