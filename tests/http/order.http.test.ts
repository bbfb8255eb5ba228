import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakePaymentChannel } from '../../adapters/channels/payment/fake-channel.js';
import { fillCart, populateCheckoutWorld, type CheckoutWorld } from '../support/checkout-world.js';
import { fakePayments, startTestServer, type TestServer } from '../support/http.js';
import { at } from '../support/mothers.js';

const XIHU = '330106';
const consignee = { name: '张三', phone: '13800000000', district: XIHU, address: '文三路 1 号' };

describe('placing, paying and cancelling orders over HTTP (issue #6 item 7)', () => {
  let s: TestServer;
  let w: CheckoutWorld;
  let m1: string;
  let m2: string;
  beforeAll(async () => {
    const now = at(10);
    s = await startTestServer(undefined, { clock: { now: () => now }, ...fakePayments() });
    w = await populateCheckoutWorld(s.zt, now);
    m1 = s.token({ subject: 'm1', kind: 'member', roles: [] });
    m2 = s.token({ subject: 'm2', kind: 'member', roles: [] });
  }, 120_000);
  afterAll(() => s.close());

  const place = (body: unknown, headers: Record<string, string> = {}, token = m1) => s.request('POST', '/me/orders', { token, body, headers });

  it('POST /me/orders places the cart (201); the same Idempotency-Key answers the same body; another body under it is 409', async () => {
    await fillCart(w);
    const first = await place({ consignee }, { 'idempotency-key': 'order-1' });
    expect(first.status).toBe(201);
    expect(first.body.children.length).toBeGreaterThan(1);
    const again = await place({ consignee }, { 'idempotency-key': 'order-1' });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const other = await place({ consignee: { ...consignee, name: '李四' } }, { 'idempotency-key': 'order-1' });
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('ORDER.IDEMPOTENCY_KEY_REUSED');
    expect(other.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });

  it('pays through the fake channel page; a forged callback is 401 and a wrong amount 422, nothing written; a duplicate is answered again', async () => {
    const placed = await place({ buyNow: { skuId: w.skus.b1, quantity: 1 }, consignee, coupons: 'none' });
    expect(placed.status).toBe(201);
    const pay = await s.request('POST', '/me/payments', { token: m1, body: { orderIds: [placed.body.orderId], channel: 'fake' } });
    expect(pay.status).toBe(201);
    const fake = s.zt.payments.channels.get('fake') as FakePaymentChannel;
    const body = fake.callbackFor(pay.body.number);
    const forged = await s.request('POST', '/payments/callbacks/fake', { body: { ...body, signature: '00'.repeat(32) } });
    expect([forged.status, forged.body.code]).toEqual([401, 'PAYMENT.INVALID_SIGNATURE']);
    const wrong = await s.request('POST', '/payments/callbacks/fake', { body: fake.callbackFor(pay.body.number, { amount: '0.01' }) });
    expect([wrong.status, wrong.body.code]).toEqual([422, 'PAYMENT.AMOUNT_MISMATCH']);
    const detail = await s.request('GET', `/me/orders/${placed.body.orderId}`, { token: m1 });
    expect(detail.body.status).toBe('pending_payment');
    const ok = await s.request('POST', '/payments/callbacks/fake', { body });
    expect([ok.status, ok.body.outcome, ok.body.replayed]).toEqual([200, 'paid', false]);
    const dup = await s.request('POST', '/payments/callbacks/fake', { body });
    expect([dup.status, dup.body.outcome, dup.body.replayed]).toEqual([200, 'paid', true]);
    expect((await s.request('GET', `/me/orders/${placed.body.orderId}`, { token: m1 })).body.status).toBe('pending_shipment');
    // Paying a paid order: 409, saying so (issue #12).
    const again = await s.request('POST', '/me/payments', { token: m1, body: { orderIds: [placed.body.orderId], channel: 'fake' } });
    expect([again.status, again.body.code, again.body.details]).toEqual([
      409,
      'PAYMENT.ORDER_ALREADY_PAID',
      { orderId: placed.body.orderId, paymentId: pay.body.paymentId },
    ]);
  });

  it("cancels an unpaid order (stock released); another member's order is 404 and stays as it was", async () => {
    const placed = await place({ buyNow: { skuId: w.skus.a1, quantity: 2 }, consignee, coupons: 'none' });
    const hidden = await s.request('POST', `/me/orders/${placed.body.orderId}/cancel`, { token: m2, body: {} });
    expect([hidden.status, hidden.body.code]).toEqual([404, 'ORDER.NOT_FOUND']);
    const cancelled = await s.request('POST', `/me/orders/${placed.body.orderId}/cancel`, { token: m1, body: { reason: 'changed my mind' } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.cancelledOrderIds).toEqual([placed.body.orderId]);
    const pay = await s.request('POST', '/me/payments', { token: m1, body: { orderIds: [placed.body.orderId], channel: 'fake' } });
    expect([pay.status, pay.body.code]).toEqual([409, 'ORDER.INVALID_TRANSITION']);
  });

  it('a paid order cancelled by its member before fulfilment (ORD-6) is refunded in full through the channel and closed', async () => {
    const placed = await place({ buyNow: { skuId: w.skus.a2, quantity: 1 }, consignee, coupons: 'none' });
    const pay = await s.request('POST', '/me/payments', { token: m1, body: { orderIds: [placed.body.orderId], channel: 'fake' } });
    expect((await s.request('POST', `/payments/fake/${pay.body.number}/complete`, {})).body.outcome).toBe('paid');
    const cancelled = await s.request('POST', `/me/orders/${placed.body.orderId}/cancel`, { token: m1, body: { reason: 'too slow' } });
    expect([cancelled.status, cancelled.body.status]).toEqual([200, 'closed']);
    await s.zt.jobs.runUntilIdle();
    const fake = s.zt.payments.channels.get('fake') as FakePaymentChannel;
    expect([...fake.refunds.values()].filter((r) => r.paymentNumber === pay.body.number).map((r) => r.amount.toString())).toEqual([placed.body.payable]);
  });

  it('bad input: a malformed consignee is 400, a blank one 422, an unknown channel 422, a fake page for no payment 404', async () => {
    expect((await place({ consignee: { name: 'x' } })).status).toBe(400);
    const blank = await place({ buyNow: { skuId: w.skus.a1, quantity: 1 }, consignee: { ...consignee, name: ' ' } });
    expect([blank.status, blank.body.code]).toEqual([422, 'ORDER.INVALID_ORDER']);
    const placed = await place({ buyNow: { skuId: w.skus.a1, quantity: 1 }, consignee, coupons: 'none' });
    const pay = await s.request('POST', '/me/payments', { token: m1, body: { orderIds: [placed.body.orderId], channel: 'bank' } });
    expect([pay.status, pay.body.code]).toEqual([422, 'PAYMENT.UNKNOWN_CHANNEL']);
    const page = await s.request('POST', '/payments/fake/P-nope/complete', {});
    expect([page.status, page.body.code]).toEqual([404, 'PAYMENT.NOT_FOUND']);
  });
});
