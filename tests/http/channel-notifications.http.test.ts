import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelRequest, PaymentChannel, VerifiedCallback } from '../../domain/payment/ports.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { Money } from '../../domain/shared/money.js';
import { populateCheckoutWorld, type CheckoutWorld } from '../support/checkout-world.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { at } from '../support/mothers.js';

/**
 * Issue #16: a channel's notification reaches its adapter as the channel sent it. WeChat Pay v3 and
 * Stripe sign the body's exact bytes; Alipay posts form fields and wants the text `success` back. A
 * channel made here signs the raw body with HMAC-SHA256 in a header, like those, and asks for Alipay's
 * acknowledgement.
 */

const SECRET = 'probe-secret';
const sign = (raw: string) => createHmac('sha256', SECRET).update(raw).digest('hex');

/** What the probe channel was handed, by call. */
const seen: { body: unknown; request: ChannelRequest | undefined }[] = [];

const probe: PaymentChannel = {
  name: 'probe',
  acknowledgement: { contentType: 'text/plain; charset=utf-8', body: 'success' },
  async charge(p) {
    return { channel: 'probe', payUrl: null, params: { orderString: `pay ${p.paymentNumber} ${p.amount.toString()} by ${p.method ?? 'default'}` } };
  },
  verifyCallback(body, request): VerifiedCallback {
    seen.push({ body, request });
    if (!request) throw DomainError.invalid('PAYMENT.INVALID_CALLBACK', 'no raw request');
    const given = Buffer.from(request.headers['x-probe-signature'] ?? '', 'hex');
    const expected = Buffer.from(sign(request.rawBody), 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new DomainError('PAYMENT.INVALID_SIGNATURE', 'the probe signature does not hold', 'unauthenticated');
    }
    const fields = body as Record<string, string>;
    return {
      paymentNumber: fields.out_trade_no!,
      callback: { channel: 'probe', channelTransactionId: fields.trade_no!, amount: Money.of(fields.total_amount!), paidAt: new Date(fields.gmt_payment!) },
    };
  },
  async refund() {
    return { refundTransactionId: 'probe-refund' };
  },
  isRefundNotification: (body) => typeof body === 'object' && body !== null && 'out_biz_no' in body,
  verifyRefundCallback(body, request) {
    refundsSeen.push(request?.rawBody);
    const fields = body as Record<string, string>;
    return {
      paymentNumber: fields.out_trade_no!,
      refundId: fields.out_biz_no!,
      refundTransactionId: fields.trade_no!,
      amount: Money.of(fields.refund_fee!),
      amountIs: 'refunded_so_far',
      outcome: 'succeeded',
    };
  },
};
const refundsSeen: (string | undefined)[] = [];

const consignee = { name: '张三', phone: '13800000000', district: '330106', address: '文三路 1 号' };
const now = at(10);
let s: TestServer;
let w: CheckoutWorld;
beforeAll(async () => {
  s = await startTestServer(undefined, { clock: { now: () => now }, ordering: { channels: [probe] } });
  w = await populateCheckoutWorld(s.zt, now);
});
afterAll(() => s.close());

const member = () => s.token({ subject: 'm1', kind: 'member', roles: [] });
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

describe('channel notifications at the HTTP edge (issue #16)', () => {
  it('a form-encoded notification reaches the channel as fields and as the exact bytes with every header, and is acknowledged with the text the channel asks for', async () => {
    const { orderId } = await s.zt.orders.place({ memberId: 'm1', consignee, buyNow: { skuId: w.skus.a1, quantity: 1 }, coupons: 'none' });
    const opened = await s.request('POST', '/me/payments', { token: member(), body: { orderIds: [orderId], channel: 'probe', method: 'app' } });
    expect(opened.status).toBe(201);
    expect(opened.body.payUrl).toBeNull();
    expect(opened.body.params.orderString).toBe(`pay ${opened.body.number} ${opened.body.amount} by app`);

    // Fields in the channel's order, one of them with characters form encoding escapes: the adapter sees the bytes as sent.
    const raw = form({
      out_trade_no: opened.body.number,
      trade_no: '2026120822001',
      total_amount: opened.body.amount,
      gmt_payment: now.toISOString(),
      subject: '龙井 & 碧螺春',
    });
    const headers = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', 'x-probe-signature': sign(raw) };
    const first = await s.request('POST', '/payments/callbacks/probe', { rawBody: raw, headers });
    expect([first.status, first.headers.get('content-type'), first.body]).toEqual([200, 'text/plain; charset=utf-8', 'success']);
    const handed = seen.at(-1)!;
    expect(handed.request!.rawBody).toBe(raw);
    expect(handed.request!.headers['x-probe-signature']).toBe(sign(raw));
    expect((handed.body as Record<string, string>).subject).toBe('龙井 & 碧螺春');
    expect((await s.request('GET', `/me/orders/${orderId}`, { token: member() })).body.status).toBe('pending_shipment');

    // The same notification again (the channel retries until acknowledged): the same answer, one transition.
    const again = await s.request('POST', '/payments/callbacks/probe', { rawBody: raw, headers });
    expect([again.status, again.body]).toEqual([200, 'success']);
    expect((await s.zt.payments.find({ number: opened.body.number })).status).toBe('paid');
  });

  it('a JSON notification is handed over byte for byte (whitespace and key order kept), and a body changed after signing is 401 with nothing read', async () => {
    const raw = '{ "out_trade_no" : "P-none",\n  "trade_no": "T1", "total_amount": "1.00", "gmt_payment": "2026-12-08T00:00:00Z" }';
    const tampered = await s.request('POST', '/payments/callbacks/probe', {
      rawBody: raw.replace('1.00', '9.00'),
      headers: { 'content-type': 'application/json', 'x-probe-signature': sign(raw) },
    });
    expect([tampered.status, tampered.headers.get('content-type'), tampered.body.code]).toEqual([
      401,
      'application/problem+json; charset=utf-8',
      'PAYMENT.INVALID_SIGNATURE',
    ]);
    expect(seen.at(-1)!.request!.rawBody).toBe(raw.replace('1.00', '9.00'));
    expect(seen.at(-1)!.body).toEqual({ out_trade_no: 'P-none', trade_no: 'T1', total_amount: '9.00', gmt_payment: '2026-12-08T00:00:00Z' });

    const unknown = await s.request('POST', '/payments/callbacks/probe', {
      rawBody: raw,
      headers: { 'content-type': 'application/json', 'x-probe-signature': sign(raw) },
    });
    expect([unknown.status, unknown.body.code]).toEqual([404, 'PAYMENT.NOT_FOUND']);
  });

  it('a refund notification sent to the payment notification address is handled as one when the channel says it is (Alipay sends both there)', async () => {
    const { orderId } = await s.zt.orders.place({ memberId: 'm1', consignee, buyNow: { skuId: w.skus.a1, quantity: 1 }, coupons: 'none' });
    const opened = await s.request('POST', '/me/payments', { token: member(), body: { orderIds: [orderId], channel: 'probe' } });
    const paymentsSeen = seen.length;
    const raw = form({ out_trade_no: opened.body.number, out_biz_no: 'R-none', trade_no: 'T9', refund_fee: '1.00' });
    const answer = await s.request('POST', '/payments/callbacks/probe', { rawBody: raw, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    // The refund path answered (a refund this payment never made), and the payment path was not asked.
    expect([answer.status, answer.body.code, answer.body.details.reason]).toEqual([422, 'PAYMENT.INVALID_REFUND', 'UNKNOWN_REFUND']);
    expect([refundsSeen.at(-1), seen.length]).toEqual([raw, paymentsSeen]);
  });

  it('the OpenAPI document lists the media types a notification may come in and the text it may be answered with', async () => {
    const op = (await s.request('GET', '/openapi.json')).body.paths['/payments/callbacks/{channel}'].post;
    expect(Object.keys(op.requestBody.content)).toEqual(['application/json', 'application/x-www-form-urlencoded', 'text/plain']);
    expect(Object.keys(op.responses['200'].content)).toEqual(['application/json', 'text/plain']);
  });
});
