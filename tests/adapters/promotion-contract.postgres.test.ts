import { afterAll, describe, expect, it } from 'vitest';
import { mikroOrmPersistence, type MikroOrmPersistence } from '../../adapters/persistence/mikro-orm/index.js';
import { testDatabase, truncateAll, type TestDatabase } from '../support/postgres.js';
import { promotionContract } from './promotion-contract.js';

// One database per file (PGlite in memory, or a fresh database on DATABASE_URL), emptied before each test.
let db: TestDatabase | undefined;
let persistence: MikroOrmPersistence | undefined;
const ready = (async () => {
  db = await testDatabase();
  persistence = await mikroOrmPersistence(db.options);
  return persistence;
})();

promotionContract(process.env.DATABASE_URL ? 'PostgreSQL server (DATABASE_URL)' : 'PGlite', async () => {
  const p = await ready;
  return {
    fresh: async () => {
      await truncateAll(p);
      return p;
    },
  };
});

describe('promotion tables on PostgreSQL', () => {
  const sql = async (text: string) => (await ready).orm.em.fork().getConnection().execute(text);

  it('CHECK constraints are the last line of defence: a group never holds more paid members than its size, a budget never goes negative', async () => {
    await truncateAll(await ready);
    const group = (paid: number) =>
      `insert into group_buy values ('g', 'a', 1, 'normal', 3, ${paid}, '{}', 'open', 'L', now(), now(), null, 1)`;
    await expect(sql(group(4))).rejects.toThrow(/group_buy_paid_check/);
    await expect(sql(`insert into activity_budget values ('a', -1)`)).rejects.toThrow(/activity_budget_spent_check/);
    await expect(sql(`insert into activity (id, code, kind, versions, created_at, version) values ('a', 'A', 'lottery', '[]', now(), 1)`)).rejects.toThrow(/activity_kind_check/);
  });
});

afterAll(async () => {
  await persistence?.close();
  await db?.drop();
});
