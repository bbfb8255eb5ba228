import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Money } from '../../domain/shared/money.js';
import { ManualClock, T0, worldOn } from '../application/fulfilment-world.js';
import { fakePayments, startTestServer, type TestServer } from '../support/http.js';

let s: TestServer;
let w: ReturnType<typeof worldOn>;
let finance: string;
let agent: string;
const clock = new ManualClock(T0);
const later = '2025-06-30T00:00:00.000Z';
beforeAll(async () => {
  s = await startTestServer(undefined, { clock, ...fakePayments() });
  w = worldOn(s.zt, clock);
  finance = s.token({ subject: 'finance-a', kind: 'staff', roles: ['finance'] });
  agent = s.token({ subject: 'agent-a', kind: 'staff', roles: ['aftersales'] });
  // An order paid through the fake channel (223.00, its order.paid delivered to the ledger), and a day of the channel's fees.
  const order = await w.paidOrder({ id: 'lg1' });
  await s.zt.ledger.postOrderPaid({ orderId: 'lg1', paymentId: 'pay-lg1', payable: order.payable.toString(), at: clock.now() });
  await s.zt.ledger.postChannelFees({ channel: 'fake', day: '2025-06-18', fee: Money.of('1.34') });
}, 60_000);
afterAll(() => s.close());

describe('the ledger over HTTP (issue #16 item 4)', () => {
  it('accounts, postings, the trial balance, a balance, a period report, and a reversal by the calling staff member', async () => {
    const get = (path: string) => s.request('GET', path, { token: finance });
    const accounts = await get('/admin/ledger/accounts');
    expect([accounts.status, accounts.body.find((a: { code: string }) => a.code === 'clearing:fake')]).toEqual([
      200,
      { code: 'clearing:fake', class: 'receivable', name: '其他应收款 Clearing at fake', normal: 'debit' },
    ]);
    const postings = await get('/admin/ledger/postings?account=clearing:fake&size=10');
    expect([postings.status, postings.body.total, postings.body.items.map((p: { source: string }) => p.source)]).toEqual([
      200,
      2,
      ['order.paid:lg1', 'channel-fees:fake:2025-06-18'],
    ]);
    expect(postings.body.items[0].lines).toEqual([
      { account: 'clearing:fake', side: 'debit', amount: '223.00', currency: 'CNY', orderId: 'lg1' },
      { account: 'received:customers', side: 'credit', amount: '223.00', currency: 'CNY', orderId: 'lg1' },
    ]);
    const tb = await get(`/admin/ledger/trial-balance?at=${later}`);
    expect([tb.status, tb.body.totals]).toEqual([200, [{ currency: 'CNY', debit: '224.34', credit: '224.34' }]]);
    const balance = await get(`/admin/ledger/accounts/clearing:fake/balance?at=${later}`);
    expect([balance.status, balance.body.totals]).toEqual([
      200,
      [{ account: 'clearing:fake', currency: 'CNY', debit: '223.00', credit: '1.34', balance: '221.66' }],
    ]);
    const report = await get(`/admin/ledger/period-report?from=2025-06-18T12:00:00.001Z&to=${later}`);
    expect(report.body.accounts.find((a: { account: string }) => a.account === 'clearing:fake')).toEqual({
      account: 'clearing:fake',
      currency: 'CNY',
      opening: '223.00',
      closing: '221.66',
      change: '-1.34',
    });
    const fee = postings.body.items[1];
    const reversed = await s.request('POST', `/admin/ledger/postings/${fee.id}/reverse`, { token: finance, body: { reason: 'the statement said 1.43' } });
    expect([reversed.status, reversed.body.kind, reversed.body.reverses, reversed.body.by]).toEqual([201, 'reversal', fee.id, 'finance-a']);
    const after = await get(`/admin/ledger/accounts/clearing:fake/balance?at=${later}`);
    expect(after.body.totals[0].balance).toBe('223.00');
  });

  it('bad input: problem+json with stable codes, never a 500, and nothing written', async () => {
    const [first] = (await s.zt.ledger.postings({ page: 1, size: 1 })).items;
    const cases: [string, Promise<{ status: number; body: { code: string } }>, number, string][] = [
      ['an account outside the chart', s.request('GET', '/admin/ledger/accounts/cash:drawer/balance', { token: finance }), 404, 'FINANCE.ACCOUNT_NOT_FOUND'],
      ['an account code of capitals', s.request('GET', '/admin/ledger/accounts/REVENUE/balance', { token: finance }), 400, 'VALIDATION.FAILED'],
      ['a date that is none', s.request('GET', '/admin/ledger/trial-balance?at=yesterday', { token: finance }), 400, 'VALIDATION.FAILED'],
      ['a period without its end', s.request('GET', `/admin/ledger/period-report?from=${later}`, { token: finance }), 400, 'VALIDATION.FAILED'],
      [
        'a period that ends before it starts',
        s.request('GET', `/admin/ledger/period-report?from=${later}&to=2025-06-01T00:00:00Z`, { token: finance }),
        422,
        'FINANCE.INVALID_PERIOD',
      ],
      [
        'no such posting',
        s.request('POST', '/admin/ledger/postings/nope/reverse', { token: finance, body: { reason: 'x' } }),
        404,
        'FINANCE.POSTING_NOT_FOUND',
      ],
      [
        'no reason',
        s.request('POST', `/admin/ledger/postings/${first!.id}/reverse`, { token: finance, body: { reason: '  ' } }),
        422,
        'FINANCE.INVALID_REASON',
      ],
      [
        'an unknown field',
        s.request('POST', `/admin/ledger/postings/${first!.id}/reverse`, { token: finance, body: { reason: 'x', by: 'me' } }),
        400,
        'VALIDATION.FAILED',
      ],
      ['a staff token without the role', s.request('GET', '/admin/ledger/trial-balance', { token: agent }), 403, 'AUTH.FORBIDDEN'],
      ['a member', s.request('GET', '/admin/ledger/accounts', { token: s.memberToken }), 403, 'AUTH.FORBIDDEN'],
    ];
    for (const [what, answer, status, code] of cases) {
      const r = await answer;
      expect([what, r.status, r.body.code]).toEqual([what, status, code]);
    }
    expect((await s.zt.ledger.postings({ kind: 'reversal', page: 1, size: 10 })).total).toBe(1);
    const once = await s.request('POST', `/admin/ledger/postings/${first!.id}/reverse`, { token: finance, body: { reason: 'wrong order' } });
    const twice = await s.request('POST', `/admin/ledger/postings/${first!.id}/reverse`, { token: finance, body: { reason: 'again' } });
    expect([once.status, twice.status, twice.body.code]).toEqual([201, 409, 'FINANCE.ALREADY_REVERSED']);
  });
});
