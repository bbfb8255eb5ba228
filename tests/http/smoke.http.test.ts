import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeInvoicingChannel } from '../../adapters/channels/invoicing/fake-invoicing-channel.js';
import { seedDemo } from '../../adapters/demo/index.js';
import { fakePayments, startTestServer, type TestServer } from '../support/http.js';

describe('HTTP service on memory, over a real socket', () => {
  let s: TestServer;
  beforeAll(async () => {
    // The demo orders are paid through the fake channel and invoiced through the fake invoicing channel, as in demo mode.
    s = await startTestServer(undefined, { ...fakePayments(), invoice: { channel: fakeInvoicingChannel() } });
    await seedDemo(s.zt);
  });
  afterAll(() => s.close());

  it('answers /health and serves a valid-looking OpenAPI 3.1 document', async () => {
    expect((await s.request('GET', '/health')).status).toBe(200);
    const doc = await s.request('GET', '/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toContain('/catalog/spus/{spuId}');
  });

  it('browses the demo catalog: listed products only, details by id', async () => {
    const list = await s.request('GET', '/catalog/spus?size=50');
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { code: string }) => i.code)).toEqual(['MEADOW-DUO', 'MEADOW-GOLD-2', 'NOVA-X1']);
    const phone = list.body.items.find((i: { code: string }) => i.code === 'NOVA-X1');
    const detail = await s.request('GET', `/catalog/spus/${phone.id}`);
    expect(detail.body.skus).toHaveLength(6);
    expect(detail.body.skus[0].salePrice).toBe('3999.00');
  });

  it("a member route answers with the caller's own data only, and only to a member token", async () => {
    const other = s.token({ subject: 'member-2', kind: 'member', roles: [] });
    expect((await s.request('GET', '/me', { token: other })).body).toEqual({ subject: 'member-2', kind: 'member', roles: [] });
    expect((await s.request('GET', '/me', { token: s.memberToken })).body.subject).toBe('member-1');
    expect((await s.request('GET', '/me', { token: s.staffToken })).body.code).toBe('AUTH.FORBIDDEN');
    expect((await s.request('GET', '/me')).body.code).toBe('AUTH.MISSING_TOKEN');
  });

  it('rejects a member token on a staff route with problem+json', async () => {
    const res = await s.request('POST', '/admin/catalog/categories', { body: { name: 'x' }, token: s.memberToken });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.code).toBe('AUTH.FORBIDDEN');
  });

  it("shows the demo member's orders — two paid through the fake channel, one completed, one awaiting payment — a refund-only request and a return, and an issued invoice; seeding again adds none", async () => {
    const token = s.token({ subject: 'demo-member', kind: 'member', roles: [] });
    const list = async () => (await s.request('GET', '/me/orders', { token })).body;
    const requests = async () => (await s.request('GET', '/me/after-sales', { token })).body;
    const invoices = async () => (await s.request('GET', '/me/invoices', { token })).body;
    const before = await list();
    expect(before.items.map((o: { status: string }) => o.status).sort()).toEqual(['completed', 'pending_payment', 'pending_shipment', 'pending_shipment']);
    expect((await requests()).map((r: { type: string; status: string }) => [r.type, r.status])).toEqual([
      ['return_and_refund', 'pending_review'],
      ['refund_only', 'pending_review'],
    ]);
    const [invoice] = await invoices();
    expect([invoice.status, invoice.kind, invoice.issuer.name, invoice.fapiao.number]).toEqual(['issued', 'blue', '中台示范商贸有限公司', '00000001']);
    expect(invoice.lines.map((l: { lineId: string; quantity: number; rate: number }) => [l.quantity, l.rate])).toEqual([[2, 900]]); // milk powder at 9 %
    await seedDemo(s.zt);
    expect((await list()).total).toBe(before.total);
    expect(await requests()).toHaveLength(2);
    expect(await invoices()).toHaveLength(1);
  });
});
