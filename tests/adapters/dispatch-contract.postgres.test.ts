import { afterAll, describe, expect, it } from 'vitest';
import { mikroOrmPersistence, type MikroOrmPersistence } from '../../adapters/persistence/mikro-orm/index.js';
import { testDatabase, truncateAll, type TestDatabase } from '../support/postgres.js';
import { dispatchContract } from './dispatch-contract.js';

// One database per file (PGlite in memory, or a fresh database on DATABASE_URL), emptied before each test.
let db: TestDatabase | undefined;
let persistence: MikroOrmPersistence | undefined;
const ready = (async () => {
  db = await testDatabase();
  persistence = await mikroOrmPersistence(db.options);
  return persistence;
})();

dispatchContract(process.env.DATABASE_URL ? 'PostgreSQL server (DATABASE_URL)' : 'PGlite', async () => {
  const p = await ready;
  return {
    fresh: async () => {
      await truncateAll(p);
      return p;
    },
  };
});

describe('dispatch tables on PostgreSQL', () => {
  const sql = async (text: string) => (await ready).orm.em.fork().getConnection().execute(text);

  it('CHECK constraints are the last line of defence: no unknown type or status', async () => {
    await truncateAll(await ready);
    const row = (type: string, status: string) =>
      `insert into warehouse values ('w1', 'W1', 'n', '330106', 'd', 'c', '1234', '${type}', 1, '${status}', '[]', 1)`;
    await expect(sql(row('bonded', 'active'))).rejects.toThrow(/warehouse_type_check/);
    await expect(sql(row('supplier', 'closed'))).rejects.toThrow(/warehouse_status_check/);
  });
});

afterAll(async () => {
  await persistence?.close();
  await db?.drop();
});
