import { describe, expect, it } from 'vitest';
import { financeContext } from '../../adapters/container/finance.js';
import { FINANCE_ORDER_PAID } from '../../application/finance/index.js';
import { Money } from '../../domain/shared/money.js';
import { balances, financeLedgerSuite } from '../application/finance-ledger-world.js';
import { fulfilmentWorld } from '../application/fulfilment-world.js';
import { fileDatabase } from '../support/postgres.js';
import { codeOf } from '../support/refusals.js';

/**
 * The ledger on PostgreSQL (issue #16 item 4, decision 0037): PGlite by default, the server named by
 * DATABASE_URL when set. FIN-1 and append-only are the database's own: raw SQL — no use case in the way —
 * cannot commit an unbalanced posting, nor change or delete a posted one.
 */
const db = fileDatabase();
financeLedgerSuite(db.name, () => db.fresh());

const posting = (id: string, lines: readonly [string, 'debit' | 'credit', string][]) =>
  `with p as (insert into ledger_posting (id, source, kind, at, recorded_at, memo) values ('${id}', 'raw:${id}', 'channel-fees', now(), now(), 'raw') returning id)
   insert into ledger_line (posting_id, line_no, account, side, amount, currency, order_id)
   select p.id, x.n, x.account, x.side, x.amount::numeric, 'CNY', null from p,
   (values ${lines.map(([a, s, m], i) => `(${i + 1}, '${a}', '${s}', '${m}')`).join(', ')}) as x(n, account, side, amount)`;

describe(`FIN-1 and append-only, by the database (${db.name})`, { timeout: 60_000 }, () => {
  it('an unbalanced posting cannot commit, nor one line alone, nor a posting without lines; a balanced one can', async () => {
    await db.fresh();
    await expect(
      db.sql(
        posting('bad', [
          ['expense:channel-fees', 'debit', '1.00'],
          ['clearing:fake', 'credit', '0.99'],
        ]),
      ),
    ).rejects.toThrow(/FIN-1.*does not balance/);
    await expect(db.sql(posting('one', [['expense:channel-fees', 'debit', '1.00']]))).rejects.toThrow(/FIN-1.*at least two/);
    await expect(
      db.sql(`insert into ledger_posting (id, source, kind, at, recorded_at, memo) values ('empty', 'raw:empty', 'reversal', now(), now(), 'x')`),
    ).rejects.toThrow(/FIN-1/);
    await expect(db.sql(`insert into ledger_line values ('nobody', 1, 'revenue:sales', 'debit', 1, 'CNY', null)`)).rejects.toThrow(/no posting/);
    expect(await db.sql('select count(*)::int as n from ledger_line')).toEqual([{ n: 0 }]);
    await db.sql(
      posting('good', [
        ['expense:channel-fees', 'debit', '1.00'],
        ['clearing:fake', 'credit', '0.40'],
        ['clearing:fake', 'credit', '0.60'],
      ]),
    );
    expect(await db.sql(`select count(*)::int as n from ledger_line where posting_id = 'good'`)).toEqual([{ n: 3 }]);
  });

  it('posted lines and postings are append-only: UPDATE and DELETE are refused', async () => {
    await db.fresh();
    await db.sql(
      posting('p1', [
        ['expense:channel-fees', 'debit', '2.00'],
        ['clearing:fake', 'credit', '2.00'],
      ]),
    );
    for (const sql of [
      `update ledger_line set amount = 3 where posting_id = 'p1'`,
      `update ledger_line set amount = 3`,
      `delete from ledger_line where posting_id = 'p1' and line_no = 2`,
      `update ledger_posting set at = now() - interval '1 day'`,
      `delete from ledger_posting where id = 'p1'`,
    ]) {
      await expect(db.sql(sql), sql).rejects.toThrow(/append-only/);
    }
    expect(await db.sql(`select amount::text as amount from ledger_line where posting_id = 'p1' order by line_no`)).toEqual([
      { amount: '2.00' },
      { amount: '2.00' },
    ]);
  });

  it('a redelivered event posts once; fees posted by four clients at once post once', async () => {
    const w = await fulfilmentWorld(await db.fresh());
    await w.paidOrder({ id: 'o1' });
    const [paid] = financeContext.subscriptions!({ ledger: w.zt.ledger } as never).filter((s) => s.name === FINANCE_ORDER_PAID);
    const event = { id: 'e1', type: 'order.paid', aggregateId: 'o1', occurredAt: w.clock.now(), payload: { paymentId: 'pay-o1', payable: '223.00' } };
    await paid!.handle(event);
    await paid!.handle({ ...event, id: 'e1-again' });
    const fees = { channel: 'fake', day: '2025-06-18', fee: Money.of('0.60') };
    const outcomes = await Promise.allSettled([1, 2, 3, 4].map(() => w.zt.ledger.postChannelFees(fees)));
    for (const o of outcomes) if (o.status === 'rejected') expect(await codeOf(Promise.reject(o.reason))).toBe('FINANCE.ALREADY_POSTED');
    expect(await db.sql('select source, count(*)::int as n from ledger_posting group by source order by source')).toEqual([
      { source: 'channel-fees:fake:2025-06-18', n: 1 },
      { source: 'order.paid:o1', n: 1 },
    ]);
  });

  it('the trial balance (an SQL aggregate) equals a JS sum of the lines, at any moment; a racing second reversal is refused', async () => {
    const w = await fulfilmentWorld(await db.fresh());
    for (const [i, fee] of ['0.60', '-0.25', '13.07', '0.01'].entries()) {
      await w.zt.ledger.postChannelFees({ channel: i % 2 ? 'alipay' : 'fake', day: `2025-06-1${i}`, fee: Money.of(fee) });
    }
    await w.paidOrder({ id: 'o1' });
    await w.zt.ledger.postOrderPaid({ orderId: 'o1', paymentId: 'pay-o1', payable: '223.00', at: w.clock.now() });
    const [first] = (await w.zt.ledger.postings({ page: 1, size: 1 })).items;
    const twice = await Promise.allSettled([1, 2].map(() => w.zt.ledger.reversePosting({ postingId: first!.id, reason: 'wrong day', staffId: 'fin-1' })));
    expect(twice.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const at of ['2025-06-11T00:00:00Z', '2025-06-13T00:00:00Z', '2030-01-01T00:00:00Z']) {
      const rows = await db.sql(
        `select l.account, l.side, l.amount::text as amount from ledger_line l join ledger_posting p on p.id = l.posting_id where p.at < '${at}'`,
      );
      const js = new Map<string, Money>();
      for (const r of rows as { account: string; side: string; amount: string }[]) {
        const signed = r.side === 'debit' ? Money.of(r.amount) : Money.of(r.amount).negate();
        js.set(r.account, (js.get(r.account) ?? Money.zero()).add(signed));
      }
      const tb = await w.zt.ledger.trialBalance({ at: new Date(at) });
      expect(balances(tb.accounts), at).toEqual(Object.fromEntries([...js].filter(([, v]) => !v.isZero()).map(([k, v]) => [k, v.toString()])));
      expect(Money.sum(tb.accounts.map((a) => a.balance)).toString()).toBe('0.00');
    }
  });
});
