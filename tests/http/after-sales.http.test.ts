import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakePayments, startTestServer, type TestServer } from '../support/http.js';
import { ManualClock, T0, worldOn } from '../application/fulfilment-world.js';

let s: TestServer;
let w: ReturnType<typeof worldOn>;
let agent: string;
const clock = new ManualClock(T0);
beforeAll(async () => {
  s = await startTestServer(undefined, { clock, ...fakePayments() });
  w = worldOn(s.zt, clock);
  agent = s.token({ subject: 'agent-a', kind: 'staff', roles: ['aftersales'] });
}, 60_000);
afterAll(() => s.close());

describe('after-sales over HTTP (issue #15)', () => {
  it('a member returns a shipped line: opened, approved, shipped back, received, adjusted and refunded; the channel’s acknowledgement completes it', async () => {
    await w.paidOrder({ id: 'as1' });
    await w.zt.fulfilment.ship({ orderId: 'as1', carrier: 'SF', trackingNumber: 'SF1' });
    const opened = await s.request('POST', '/me/after-sales', {
      token: s.memberToken,
      body: { orderId: 'as1', type: 'return_and_refund', lines: [{ lineId: 'L1', quantity: 1 }], reason: 'damaged', evidence: ['img/1.jpg'] },
    });
    expect([opened.status, opened.body.status, opened.body.quote.refundable]).toEqual([201, 'pending_review', '92.50']);
    const id = opened.body.id as string;
    const step = (path: string, token: string, body?: unknown) => s.request('POST', `/${path.replace(':id', id)}`, { token, ...(body ? { body } : {}) });
    expect((await step('admin/after-sales/:id/review', agent, { approve: true })).body.status).toBe('awaiting_customer_shipment');
    expect((await step('me/after-sales/:id/ship-back', s.memberToken, { carrier: 'YTO', trackingNumber: 'YT1' })).body.status).toBe('awaiting_return_receipt');
    expect((await step('admin/after-sales/:id/receive', agent, { inspection: 'sellable' })).body.status).toBe('awaiting_refund');
    const adjusted = await step('admin/after-sales/:id/adjust', agent, { why: 'box dented', amount: '90.00' });
    expect(adjusted.body.adjustments).toEqual([
      { by: 'agent-a', at: clock.now().toISOString(), why: 'box dented', amount: '90.00', freightCompensation: null },
    ]);
    const refunded = await step('admin/after-sales/:id/refund', agent);
    expect([refunded.status, refunded.body.status, refunded.body.refundNumber]).toEqual([200, 'awaiting_refund', `afs-${id}`]);
    await s.zt.jobs.runUntilIdle();
    expect(w.channel.refunds.get(`afs-${id}`)?.amount.toString()).toBe('90.00');
    const mine = await s.request('GET', `/me/after-sales/${id}`, { token: s.memberToken });
    expect([mine.status, mine.body.status]).toEqual([200, 'succeeded']);
    // The timeline: every step, the status it left and who took it.
    expect(mine.body.history.map((h: { event: string; status: string; by: string | null }) => [h.event, h.status, h.by])).toEqual([
      ['opened', 'pending_review', 'member-1'],
      ['moved', 'awaiting_customer_shipment', 'agent-a'],
      ['moved', 'awaiting_return_receipt', null],
      ['moved', 'awaiting_refund', 'agent-a'],
      ['adjusted', 'awaiting_refund', 'agent-a'],
      ['refund-issued', 'awaiting_refund', null],
      ['succeeded', 'succeeded', null],
    ]);
    expect((await s.request('GET', '/me/after-sales', { token: s.memberToken })).body.map((r: { id: string }) => r.id)).toContain(id);
  });

  it('bad input: problem+json with stable codes, never a 500, and nothing written', async () => {
    await w.paidOrder({ id: 'as2' });
    const other = s.token({ subject: 'member-2', kind: 'member', roles: [] });
    const open = (token: string, body: unknown) => s.request('POST', '/me/after-sales', { token, body });
    const line = (quantity: number, lineId = 'L1') => ({ orderId: 'as2', type: 'refund_only', lines: [{ lineId, quantity }], reason: 'other' });
    const cases: [string, Promise<{ status: number; body: { code: string } }>, number, string][] = [
      ['more units than bought', open(s.memberToken, line(3)), 422, 'AFTER_SALES.QUANTITY_EXCEEDS'],
      ['a line of no such order', open(s.memberToken, line(1, 'L9')), 422, 'AFTER_SALES.UNKNOWN_LINE'],
      ['another member’s order', open(other, line(1)), 404, 'AFTER_SALES.ORDER_NOT_FOUND'],
      ['a return before shipping', open(s.memberToken, { ...line(1), type: 'return_and_refund' }), 422, 'AFTER_SALES.TYPE_NOT_ALLOWED'],
      ['a reason outside the list', open(s.memberToken, { ...line(1), reason: 'because' }), 400, 'VALIDATION.FAILED'],
      ['no such request', s.request('GET', '/admin/after-sales/nope', { token: agent }), 404, 'AFTER_SALES.REQUEST_NOT_FOUND'],
      ['a staff token without the role', s.request('GET', '/admin/after-sales/nope', { token: s.staffToken }), 403, 'AUTH.FORBIDDEN'],
    ];
    for (const [what, answer, status, code] of cases) {
      const r = await answer;
      expect([what, r.status, r.body.code]).toEqual([what, status, code]);
    }
    expect((await s.request('GET', '/me/after-sales', { token: other })).body).toEqual([]);
    const ok = await open(s.memberToken, line(2));
    const refund = await s.request('POST', `/admin/after-sales/${ok.body.id}/refund`, { token: agent });
    expect([refund.status, refund.body.code]).toEqual([409, 'AFTER_SALES.INVALID_TRANSITION']);
    const above = await s.request('POST', `/admin/after-sales/${ok.body.id}/adjust`, { token: agent, body: { why: 'x', amount: '185.01' } });
    expect([above.status, above.body.code]).toEqual([422, 'AFTER_SALES.AMOUNT_ABOVE_REFUNDABLE']);
    expect((await s.request('GET', `/admin/after-sales/${ok.body.id}`, { token: agent })).body.adjustments).toEqual([]);
  });

  it('staff search requests, read their statistics and set a shop’s window (7 or 15 days)', async () => {
    clock.advance(86_400_000); // a period of its own: the other tests' requests were opened before it
    await w.paidOrder({ id: 'as3' });
    const from = clock.now().toISOString();
    const opened = await s.request('POST', '/me/after-sales', {
      token: s.memberToken,
      body: { orderId: 'as3', type: 'refund_only', lines: [{ lineId: 'L2', quantity: 1 }], reason: 'wrong_item' },
    });
    const found = await s.request('GET', `/admin/after-sales?orderId=as3&status=pending_review`, { token: agent });
    expect([found.status, found.body.map((r: { id: string; shopId: string }) => [r.id, r.shopId])]).toEqual([200, [[opened.body.id, 'shop-a']]]);
    const to = new Date(clock.now().getTime() + 1000).toISOString();
    const stats = await s.request('GET', `/admin/after-sales-statistics?from=${from}&to=${to}&shopId=shop-a`, { token: agent });
    expect([stats.status, stats.body.requests, stats.body.byReason.wrong_item, stats.body.byProduct[0].skuId]).toEqual([200, 1, 1, 'sku-cup']);
    const bad = await s.request('GET', `/admin/after-sales-statistics?from=${to}&to=${from}`, { token: agent });
    expect([bad.status, bad.body.code]).toEqual([422, 'AFTER_SALES.INVALID_PERIOD']);
    expect((await s.request('GET', '/admin/after-sales-settings/shop-a', { token: agent })).body).toEqual({ shopId: 'shop-a', windowDays: 7 });
    const set = await s.request('PUT', '/admin/after-sales-settings/shop-a', { token: agent, body: { windowDays: 15 } });
    expect([set.status, set.body.windowDays]).toEqual([200, 15]);
    const wrong = await s.request('PUT', '/admin/after-sales-settings/shop-a', { token: agent, body: { windowDays: 30 } });
    expect([wrong.status, wrong.body.code]).toEqual([422, 'AFTER_SALES.INVALID_WINDOW']);
    expect((await s.request('GET', '/admin/after-sales-settings/shop-a', { token: agent })).body.windowDays).toBe(15);
  });

  it('a channel that finishes refunds later: its signed refund notification completes the request (POST /payments/callbacks/fake/refunds); a forged one is 401', async () => {
    await w.paidOrder({ id: 'as4' });
    w.channel.refundsLater = true;
    try {
      const opened = await s.request('POST', '/me/after-sales', {
        token: s.memberToken,
        body: { orderId: 'as4', type: 'refund_only', lines: [{ lineId: 'L2', quantity: 1 }], reason: 'other' },
      });
      const id = opened.body.id as string;
      await s.request('POST', `/admin/after-sales/${id}/review`, { token: agent, body: { approve: true } });
      await s.request('POST', `/admin/after-sales/${id}/refund`, { token: agent });
      await s.zt.jobs.runUntilIdle();
      expect((await s.request('GET', `/me/after-sales/${id}`, { token: s.memberToken })).body.status).toBe('awaiting_refund');
      const body = w.channel.refundCallbackFor(`afs-${id}`);
      const forged = await s.request('POST', '/payments/callbacks/fake/refunds', { body: { ...body, amount: '0.01' } });
      expect([forged.status, forged.body.code]).toEqual([401, 'PAYMENT.INVALID_SIGNATURE']);
      const told = await s.request('POST', '/payments/callbacks/fake/refunds', { body });
      expect([told.status, told.body.outcome, told.body.replayed]).toEqual([200, 'acknowledged', false]);
      await s.zt.jobs.runUntilIdle();
      expect((await s.request('GET', `/me/after-sales/${id}`, { token: s.memberToken })).body.status).toBe('succeeded');
    } finally {
      w.channel.refundsLater = false;
    }
  });
});
