import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeInvoicingChannel } from '../../adapters/channels/invoicing/fake-invoicing-channel.js';
import { fakePayments, startTestServer, type TestServer } from '../support/http.js';
import { ManualClock, T0, worldOn } from '../application/fulfilment-world.js';

let s: TestServer;
let w: ReturnType<typeof worldOn>;
let finance: string;
let agent: string;
const clock = new ManualClock(T0);
const SETTINGS = { issueWhen: 'paid', issuer: { name: '测试商贸有限公司', taxNumber: '91310000MA1FL0001X' }, goodsRate: 1300, freightRate: 900 };
const PERSON = { type: 'personal', title: '李雷', email: 'li.lei@example.com' };
beforeAll(async () => {
  s = await startTestServer(undefined, { clock, ...fakePayments(), invoice: { channel: new FakeInvoicingChannel({ clock }) } });
  w = worldOn(s.zt, clock);
  finance = s.token({ subject: 'finance-a', kind: 'staff', roles: ['finance'] });
  agent = s.token({ subject: 'agent-a', kind: 'staff', roles: ['aftersales'] });
  const set = await s.request('PUT', '/admin/invoice-settings/*', { token: finance, body: SETTINGS });
  expect([set.status, set.body]).toEqual([200, { shopId: '*', ...SETTINGS, categoryRates: {} }]);
}, 60_000);
afterAll(() => s.close());

describe('invoices over HTTP (issue #15)', () => {
  it('a member asks for an invoice of a paid order: 201, issued by the job, 223.00 with 25.39 of tax; a refund red-flushes and reissues it', async () => {
    await w.paidOrder({ id: 'iv1' });
    const asked = await s.request('POST', '/me/invoices', { token: s.memberToken, body: { orderId: 'iv1', buyer: PERSON } });
    expect([asked.status, asked.body.status, asked.body.amount, asked.body.tax]).toEqual([201, 'requested', '223.00', '25.39']);
    expect(asked.body.buyer).toEqual({ ...PERSON, taxNumber: null, address: null });
    await s.zt.jobs.runUntilIdle();
    const mine = await s.request('GET', `/me/invoices/${asked.body.id}`, { token: s.memberToken });
    expect([mine.status, mine.body.status, mine.body.fapiao?.code]).toEqual([200, 'issued', '044001900111']);
    const r = await s.zt.afterSales.open({
      memberId: 'member-1',
      orderId: 'iv1',
      type: 'refund_only',
      lines: [{ lineId: 'L2', quantity: 1 }],
      reason: 'other',
    });
    await s.request('POST', `/admin/after-sales/${r.id}/review`, { token: agent, body: { approve: true } });
    await s.request('POST', `/admin/after-sales/${r.id}/refund`, { token: agent });
    await s.zt.jobs.runUntilIdle();
    const all = await s.request('GET', '/admin/invoices?orderId=iv1', { token: finance });
    expect(all.body.map((i: { kind: string; status: string; amount: string }) => [i.kind, i.status, i.amount])).toEqual([
      ['blue', 'issued', '193.00'],
      ['red', 'issued', '-223.00'],
      ['blue', 'red_flushed', '223.00'],
    ]);
    expect((await s.request('GET', '/me/invoices', { token: s.memberToken })).body).toHaveLength(3);
  });

  it('bad input: problem+json with stable codes, never a 500, and nothing written', async () => {
    await w.paidOrder({ id: 'iv2' });
    await w.unpaidOrder({ id: 'iv3' });
    const other = s.token({ subject: 'member-2', kind: 'member', roles: [] });
    const ask = (token: string, body: unknown) => s.request('POST', '/me/invoices', { token, body });
    const cases: [string, Promise<{ status: number; body: { code: string } }>, number, string][] = [
      ['another member’s order', ask(other, { orderId: 'iv2', buyer: PERSON }), 404, 'INVOICE.ORDER_NOT_FOUND'],
      ['an unpaid order', ask(s.memberToken, { orderId: 'iv3', buyer: PERSON }), 422, 'INVOICE.NOT_INVOICEABLE'],
      [
        'a company without a taxpayer number',
        ask(s.memberToken, { orderId: 'iv2', buyer: { type: 'company', title: 'X 公司' } }),
        422,
        'INVOICE.INVALID_BUYER',
      ],
      ['a system field (the tax rate)', ask(s.memberToken, { orderId: 'iv2', buyer: { ...PERSON, rate: 0 } }), 400, 'VALIDATION.FAILED'],
      ['the issuer', ask(s.memberToken, { orderId: 'iv2', buyer: PERSON, issuer: { name: 'me', taxNumber: '91310000MA1FL0001X' } }), 400, 'VALIDATION.FAILED'],
      ['no such invoice', s.request('GET', '/admin/invoices/nope', { token: finance }), 404, 'INVOICE.INVOICE_NOT_FOUND'],
      ['a staff token without the role', s.request('GET', '/admin/invoices', { token: agent }), 403, 'AUTH.FORBIDDEN'],
      [
        'a rate outside the VAT rates',
        s.request('PUT', '/admin/invoice-settings/shop-x', { token: finance, body: { ...SETTINGS, goodsRate: 1700 } }),
        400,
        'VALIDATION.FAILED',
      ],
      [
        'an issuer without a taxpayer number',
        s.request('PUT', '/admin/invoice-settings/shop-x', { token: finance, body: { ...SETTINGS, issuer: { name: 'x', taxNumber: '1' } } }),
        422,
        'INVOICE.INVALID_SETTINGS',
      ],
    ];
    for (const [what, answer, status, code] of cases) {
      const r = await answer;
      expect([what, r.status, r.body.code]).toEqual([what, status, code]);
    }
    expect((await s.request('GET', '/admin/invoices?orderId=iv2', { token: finance })).body).toEqual([]);
    expect((await s.request('GET', '/admin/invoice-settings/shop-x', { token: finance })).body.shopId).toBe('*');
    const first = await ask(s.memberToken, { orderId: 'iv2', buyer: PERSON });
    const second = await ask(s.memberToken, { orderId: 'iv2', buyer: { ...PERSON, title: '韩梅梅' } });
    expect([first.status, second.status, second.body.code]).toEqual([201, 409, 'INVOICE.ALREADY_INVOICED']);
    const edited = await s.request('PUT', `/me/invoices/${first.body.id}/buyer`, { token: s.memberToken, body: { ...PERSON, title: '韩梅梅' } });
    expect([edited.status, edited.body.buyer.title, edited.body.issuer.name]).toEqual([200, '韩梅梅', '测试商贸有限公司']);
    await s.zt.jobs.runUntilIdle();
    const late = await s.request('PUT', `/me/invoices/${first.body.id}/buyer`, { token: s.memberToken, body: PERSON });
    expect([late.status, late.body.code]).toEqual([409, 'INVOICE.NOT_EDITABLE']);
    const retry = await s.request('POST', `/admin/invoices/${first.body.id}/retry`, { token: finance });
    expect([retry.status, retry.body.code]).toEqual([409, 'INVOICE.INVALID_TRANSITION']);
  });
});
