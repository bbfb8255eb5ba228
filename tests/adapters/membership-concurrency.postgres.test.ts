import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createZhongtai, type Zhongtai } from '../../adapters/container/create-zhongtai.js';
import { mikroOrmPersistence, type MikroOrmPersistence } from '../../adapters/persistence/mikro-orm/index.js';
import { isDomainError } from '../../domain/shared/domain-error.js';
import { testDatabase, type TestDatabase } from '../support/postgres.js';

// Real concurrency needs the real server (DATABASE_URL); on PGlite transactions are serialised and the
// test proves only the bookkeeping.
const onServer = Boolean(process.env.DATABASE_URL);
let db: TestDatabase;
let p: MikroOrmPersistence;
let zt: Zhongtai;
beforeAll(async () => {
  db = await testDatabase();
  p = await mikroOrmPersistence({ ...db.options, poolSize: onServer ? 32 : undefined });
  zt = createZhongtai({ persistence: p });
}, 60_000);
afterAll(async () => {
  await p?.close();
  await db?.drop();
});
const sql = <R>(text: string, params: unknown[] = []) => p.orm.em.fork().execute<R[] & object[]>(text, params) as Promise<R[]>;

describe(`points under concurrency (${onServer ? 'PostgreSQL server' : 'PGlite, serialised'})`, () => {
  it('50 concurrent spends of 100 against a balance of 1,000: exactly 10 succeed, 40 are refused, the balance is 0 and equals the ledger', {
    timeout: 60_000,
  }, async () => {
    await zt.membership.register({ memberId: 'rush' });
    await zt.membership.adjustPoints({ memberId: 'rush', delta: 1_000, operator: 't', reason: 'start' });
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        zt.membership.spendPoints({ memberId: 'rush', purpose: 'mall', reference: `item-${i}`, points: 100 }).then(
          () => 'ok',
          (e) => (isDomainError(e) ? e.code : `UNEXPECTED ${String(e)}`),
        ),
      ),
    );
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(10);
    expect(outcomes.filter((o) => o === 'MEMBERSHIP.INSUFFICIENT_POINTS')).toHaveLength(40);
    const [row] = await sql<{ balance: number; ledger: number; spends: number }>(
      `select (select balance from points_account where member_id = 'rush') as balance,
         (select sum(delta)::int from points_entry where member_id = 'rush') as ledger,
         (select count(*)::int from points_entry where member_id = 'rush' and source = 'mall') as spends`,
    );
    expect(row).toEqual({ balance: 0, ledger: 0, spends: 10 });
  });

  it('20 concurrent credits of 2^30 against an empty balance: the guard in the statement lets exactly one through, the others are MEMBERSHIP.BALANCE_OVERFLOW; the balance stays in an int and equals the ledger', {
    timeout: 60_000,
  }, async () => {
    await zt.membership.register({ memberId: 'flood' });
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        zt.membership.adjustPoints({ memberId: 'flood', delta: 2 ** 30, operator: 't', reason: `credit ${i}`, reference: `c-${i}` }).then(
          () => 'ok',
          (e) => (isDomainError(e) ? e.code : `UNEXPECTED ${String(e)}`),
        ),
      ),
    );
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'MEMBERSHIP.BALANCE_OVERFLOW')).toHaveLength(19);
    const [row] = await sql<{ balance: number; ledger: number }>(
      `select (select balance from points_account where member_id = 'flood') as balance, (select sum(delta)::int from points_entry where member_id = 'flood') as ledger`,
    );
    expect(row).toEqual({ balance: 2 ** 30, ledger: 2 ** 30 });
  });

  it('the CHECK constraint stands behind the guard: a direct write below zero fails', async () => {
    await expect(sql(`update points_account set balance = balance - 1 where member_id = 'rush'`)).rejects.toThrow(/points_account_balance_check/);
  });
});
