import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../adapters/demo/index.js';
import { fakePayments, startTestServer, type TestServer } from '../support/http.js';

describe('HTTP service on memory, over a real socket', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(undefined, fakePayments()); // the demo orders are paid through the fake channel
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

  it("shows the demo member's orders — two paid through the fake channel, one awaiting payment — and a refund-only request on one of them; seeding again adds none", async () => {
    const token = s.token({ subject: 'demo-member', kind: 'member', roles: [] });
    const list = async () => (await s.request('GET', '/me/orders', { token })).body;
    const requests = async () => (await s.request('GET', '/me/after-sales', { token })).body;
    const before = await list();
    expect(before.items.map((o: { status: string }) => o.status).sort()).toEqual(['pending_payment', 'pending_shipment', 'pending_shipment']);
    const [request] = await requests();
    expect([request.type, request.status, request.quote.lines[0].quantity]).toEqual(['refund_only', 'pending_review', 1]);
    await seedDemo(s.zt);
    expect((await list()).total).toBe(before.total);
    expect(await requests()).toHaveLength(1);
  });
});
