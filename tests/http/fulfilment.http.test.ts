import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakePayments, startTestServer, type TestServer } from '../support/http.js';
import { aLine, DAY, ManualClock, T0, worldOn } from '../application/fulfilment-world.js';

let s: TestServer;
let w: ReturnType<typeof worldOn>;
let staff: string;
const clock = new ManualClock(T0);
beforeAll(async () => {
  s = await startTestServer(undefined, { clock, ...fakePayments() });
  w = worldOn(s.zt, clock);
  staff = s.token({ subject: 'staff-o', kind: 'staff', roles: ['orders'] });
}, 60_000);
afterAll(() => s.close());

describe('fulfilment over HTTP (issue #6 items 5 and 7)', () => {
  it('staff ship an order; the member confirms receipt of their own order only; the auto-confirm job then changes nothing', async () => {
    await w.paidOrder({ id: 'h1' });
    const shipped = await s.request('POST', '/admin/orders/h1/ship', { token: staff, body: { carrier: 'SF', trackingNumber: 'SF100' } });
    expect(shipped.status).toBe(200);
    expect(shipped.body).toMatchObject({
      orderId: 'h1',
      status: 'shipped',
      shipment: { carrier: 'SF', trackingNumber: 'SF100', autoConfirmAt: new Date(clock.now().getTime() + 10 * DAY).toISOString() },
    });
    const other = s.token({ subject: 'member-2', kind: 'member', roles: [] });
    const hidden = await s.request('POST', '/me/orders/h1/confirm-receipt', { token: other });
    expect([hidden.status, hidden.body.code]).toEqual([404, 'ORDER.NOT_FOUND']);
    const confirmed = await s.request('POST', '/me/orders/h1/confirm-receipt', { token: s.memberToken });
    expect([confirmed.status, confirmed.body.status, confirmed.body.receipt.by]).toEqual([200, 'completed', 'member']);
    const again = await s.request('POST', '/me/orders/h1/confirm-receipt', { token: s.memberToken });
    expect([again.status, again.body.code]).toEqual([409, 'ORDER.INVALID_TRANSITION']);
  });

  it('bad input: shipping an unpaid order 409, a blank carrier 422, a missing field 400, a staff token without the orders role 403', async () => {
    await w.unpaidOrder({ id: 'h2' });
    await w.paidOrder({ id: 'h3' });
    const cases: [string, unknown, string, number, string][] = [
      ['/admin/orders/h2/ship', { carrier: 'SF', trackingNumber: 'SF1' }, staff, 409, 'ORDER.INVALID_TRANSITION'],
      ['/admin/orders/h3/ship', { carrier: ' ', trackingNumber: 'SF1' }, staff, 422, 'ORDER.INVALID_SHIPMENT'],
      ['/admin/orders/h3/ship', { carrier: 'SF' }, staff, 400, 'VALIDATION.FAILED'],
      ['/admin/orders/h3/ship', { carrier: 'SF', trackingNumber: 'SF1' }, s.staffToken, 403, 'AUTH.FORBIDDEN'],
      ['/admin/orders/h3/cancel', {}, staff, 400, 'VALIDATION.FAILED'],
      ['/admin/orders/h2/cancel', { reason: 'x' }, staff, 409, 'ORDER.INVALID_TRANSITION'],
      ['/admin/orders/nope/cancel', { reason: 'x' }, staff, 404, 'ORDER.NOT_FOUND'],
    ];
    for (const [path, body, token, status, code] of cases) {
      const r = await s.request('POST', path, { token, body });
      expect([path, r.status, r.body.code]).toEqual([path, status, code]);
    }
    expect((await w.order('h3')).status).toBe('pending_shipment');
  });

  it('staff cancel a paid order (ORD-6): closed and refunded; signed for → 409 ORDER.AFTER_SALES_ONLY', async () => {
    await w.paidOrder({ id: 'h4' });
    const r = await s.request('POST', '/admin/orders/h4/cancel', { token: staff, body: { reason: 'out of stock at the warehouse' } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ orderId: 'h4', status: 'closed', stage: 'not_allocated', refund: { refundId: 'cancel-h4', amount: '223.00' } });
    await s.zt.jobs.runUntilIdle();
    expect(w.channel.refunds.get('cancel-h4')?.amount.toString()).toBe('223.00');

    await w.paidOrder({ id: 'h5' });
    await s.request('POST', '/admin/orders/h5/ship', { token: staff, body: { carrier: 'SF', trackingNumber: 'SF5' } });
    w.progress.set('h5', 'signed');
    const refused = await s.request('POST', '/admin/orders/h5/cancel', { token: staff, body: { reason: 'too late' } });
    expect([refused.status, refused.body.code, refused.body.details]).toEqual([409, 'ORDER.AFTER_SALES_ONLY', { orderId: 'h5', reason: 'SIGNED' }]);
    expect((await w.order('h5')).status).toBe('shipped');
  });

  it('the shop redeems a service order’s code; a wrong code is 422 ORDER.INVALID_CODE', async () => {
    await w.paidOrder({ id: 'h6', kind: 'service', lines: [aLine('S1', '199.00', 1, { skuId: 'sku-spa', shopId: 'spa-1' })] });
    const code = (await w.order('h6')).verification!.code;
    const wrong = await s.request('POST', '/admin/orders/h6/redeem', { token: staff, body: { shopId: 'spa-1', code: 'NOTTHECODE' } });
    expect([wrong.status, wrong.body.code]).toEqual([422, 'ORDER.INVALID_CODE']);
    const ok = await s.request('POST', '/admin/orders/h6/redeem', { token: staff, body: { shopId: 'spa-1', code } });
    expect([ok.status, ok.body.status]).toEqual([200, 'completed']);
  });
});
