import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Money } from '../../domain/shared/money.js';
import { ManualClock, T0, worldOn } from '../application/fulfilment-world.js';
import { statementChannel } from '../application/reconciliation-data.js';
import { fakePayments, startTestServer, type TestServer } from '../support/http.js';
import { reconcileCommand } from '../../adapters/cli/reconcile.js';

/** A channel whose statement file is CSV: kind,number,at,amount,transaction,fee. */
const csvChannel = Object.assign(statementChannel('csv'), {
  parseStatement(file: Uint8Array) {
    return new TextDecoder()
      .decode(file)
      .trim()
      .split('\n')
      .map((row) => {
        const [kind, number, at, amount, tx, fee] = row.split(',');
        if (kind !== 'payment' && kind !== 'refund') throw new Error(`not a statement line: ${row.slice(0, 40)}`);
        return { kind, number: number!, at: new Date(at!), amount: Money.of(amount!), channelTransactionId: tx!, fee: Money.of(fee!) } as const;
      });
  },
});

let s: TestServer;
let w: ReturnType<typeof worldOn>;
let finance: string;
const clock = new ManualClock(T0);
beforeAll(async () => {
  const fake = fakePayments();
  s = await startTestServer(undefined, { clock, ...fake, ordering: { channels: [...(fake.ordering.channels ?? []), csvChannel] } });
  w = worldOn(s.zt, clock);
  finance = s.token({ subject: 'finance-a', kind: 'staff', roles: ['finance'] });
}, 60_000);
afterAll(() => s.close());

describe('reconciliation over HTTP (issue #16)', () => {
  // The order was paid through the fake channel: on the csv channel's statement it is a payment the platform does not know.
  it('uploads a statement, reports the run, lists and resolves its cases; a re-run files none twice', async () => {
    await w.paidOrder({ id: 'rc1' });
    const p = await w.payment('pay-rc1');
    const csv = [
      `payment,${p.number},${T0.toISOString()},${p.amount.add(Money.of('1.00')).toString()},CSV-1,0.10`,
      `refund,NOBODY-R,${T0.toISOString()},5.00,CSV-2,0.00`,
    ].join('\n');
    const file = Buffer.from(csv).toString('base64');
    const up = await s.request('POST', '/admin/reconciliation/statements/csv/2025-06-18', { token: finance, body: { file } });
    expect([up.status, up.body.source, up.body.report.discrepancies.payment_missing_here.count, up.body.report.fees]).toEqual([
      201,
      'upload',
      1,
      { CNY: '0.10' },
    ]);
    const report = await s.request('GET', `/admin/reconciliation/runs/${up.body.id}`, { token: finance });
    expect([report.status, report.body.report.casesOpened]).toEqual([200, 2]);
    const runs = await s.request('GET', '/admin/reconciliation/runs?channel=csv', { token: finance });
    expect(runs.body.map((r: { id: string }) => r.id)).toEqual([up.body.id]);
    const open = await s.request('GET', '/admin/reconciliation/cases?state=open&channel=csv&day=2025-06-18', { token: finance });
    expect(open.body.map((c: { kind: string }) => c.kind).sort()).toEqual(['payment_missing_here', 'refund_missing_here']);
    const rerun = await s.request('POST', '/admin/reconciliation/runs', { token: finance, body: { channel: 'csv', day: '2025-06-18', source: 'stored' } });
    expect([rerun.status, rerun.body.report.casesOpened, rerun.body.statementRun]).toEqual([201, 0, up.body.id]);
    const id = open.body[0].id;
    const noNote = await s.request('POST', `/admin/reconciliation/cases/${id}/resolve`, { token: finance, body: { action: 'write_off' } });
    expect([noNote.status, noNote.body.code]).toEqual([422, 'RECONCILIATION.NOTE_REQUIRED']);
    const done = await s.request('POST', `/admin/reconciliation/cases/${id}/resolve`, {
      token: finance,
      body: { action: 'write_off', note: 'fee difference' },
    });
    expect([done.status, done.body.state, done.body.resolution.by]).toEqual([200, 'written_off', 'finance-a']);
    const again = await s.request('POST', `/admin/reconciliation/cases/${id}/resolve`, { token: finance, body: { action: 'resolve', note: 'x' } });
    expect([again.status, again.body.code]).toEqual([409, 'RECONCILIATION.INVALID_TRANSITION']);
  });

  it('refuses bad input with stable codes and other roles with 403', async () => {
    const cases: [string, string, unknown, number, string | undefined][] = [
      ['POST', '/admin/reconciliation/statements/csv/2025-06-18', { file: Buffer.from('garbage').toString('base64') }, 422, 'RECONCILIATION.INVALID_STATEMENT'],
      ['POST', '/admin/reconciliation/statements/fake/2025-06-18', { file: 'AA==' }, 422, 'RECONCILIATION.INVALID_STATEMENT'],
      ['POST', '/admin/reconciliation/runs', { channel: 'csv', day: '2025-02-30' }, 422, 'RECONCILIATION.INVALID_DAY'],
      ['POST', '/admin/reconciliation/runs', { channel: 'csv', day: '2030-01-01' }, 422, 'RECONCILIATION.INVALID_DAY'],
      ['POST', '/admin/reconciliation/runs', { channel: 'fake', day: '2025-06-17' }, 422, 'RECONCILIATION.NO_STATEMENT'],
      ['POST', '/admin/reconciliation/runs', { channel: 'nope', day: '2025-06-17' }, 422, 'PAYMENT.UNKNOWN_CHANNEL'],
      ['GET', '/admin/reconciliation/runs/nope', undefined, 404, 'RECONCILIATION.RUN_NOT_FOUND'],
      ['POST', '/admin/reconciliation/cases/nope/resolve', { action: 'resolve', note: 'x' }, 404, 'RECONCILIATION.CASE_NOT_FOUND'],
    ];
    for (const [method, path, body, status, code] of cases) {
      const r = await s.request(method, path, { token: finance, ...(body === undefined ? {} : { body }) });
      expect([path, r.status, r.body.code]).toEqual([path, status, code]);
    }
    const agent = s.token({ subject: 'agent-a', kind: 'staff', roles: ['aftersales'] });
    expect((await s.request('GET', '/admin/reconciliation/cases', { token: agent })).status).toBe(403);
  });

  it('zhongtai reconcile --date downloads each channel statement and prints one JSON line per run', async () => {
    csvChannel.lines = [];
    const out: string[] = [];
    const err: string[] = [];
    const sink = (into: string[]) => ({ write: (x: string) => into.push(x) });
    expect(await reconcileCommand(s.zt, ['--date', '2025-06-17'], sink(out), sink(err))).toBe(0);
    expect(out.map((l) => JSON.parse(l).channel)).toEqual(['csv']);
    expect(await reconcileCommand(s.zt, ['--date', 'junk'], sink(out), sink(err))).toBe(2);
    expect(await reconcileCommand(s.zt, ['--date', '2025-06-17', '--channel', 'fake'], sink(out), sink(err))).toBe(1);
  });
});
