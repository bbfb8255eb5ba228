import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeInvoicingChannel } from '../../adapters/channels/invoicing/fake-invoicing-channel.js';
import { seedDemo } from '../../adapters/demo/index.js';
import { fakePayments, startTestServer, type TestServer } from '../support/http.js';

describe('the demo’s ledger (issue #16 item 4)', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(undefined, { ...fakePayments(), invoice: { channel: fakeInvoicingChannel() } });
    await seedDemo(s.zt);
    await s.zt.jobs.runUntilIdle(); // what the demo's job runner does in the background
  }, 60_000);
  afterAll(() => s.close());

  it('a started demo shows postings of its orders and the fake channel’s fees (posted by the demo’s reconciliation run), and a balanced trial balance; seeding again adds no fees', async () => {
    const finance = s.token({ subject: 'finance-a', kind: 'staff', roles: ['finance'] });
    const at = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const postings = await s.request('GET', '/admin/ledger/postings?size=100', { token: finance });
    const kinds = new Set(postings.body.items.map((p: { kind: string }) => p.kind));
    expect([...kinds].sort()).toEqual(expect.arrayContaining(['channel-fees', 'order-completed', 'order-paid']));
    const tb = await s.request('GET', `/admin/ledger/trial-balance?at=${at}`, { token: finance });
    expect(tb.status).toBe(200);
    for (const t of tb.body.totals) expect(t.debit).toBe(t.credit);
    expect(tb.body.accounts.map((a: { account: string }) => a.account)).toEqual(
      expect.arrayContaining(['clearing:fake', 'expense:channel-fees', 'received:customers', 'revenue:sales']),
    );
    await seedDemo(s.zt);
    expect((await s.zt.ledger.postings({ kind: 'channel-fees', page: 1, size: 10 })).total).toBe(1);
  });
});
