import { afterAll, describe, expect, it } from 'vitest';
import { mikroOrmPersistence, type MikroOrmPersistence } from '../../adapters/persistence/mikro-orm/index.js';
import { testDatabase, truncateAll, type TestDatabase } from '../support/postgres.js';
import { freightContract } from './freight-contract.js';

// One database per file (PGlite in memory, or a fresh database on DATABASE_URL), emptied before each test.
let db: TestDatabase | undefined;
let persistence: MikroOrmPersistence | undefined;
const ready = (async () => {
  db = await testDatabase();
  persistence = await mikroOrmPersistence(db.options);
  return persistence;
})();

freightContract(process.env.DATABASE_URL ? 'PostgreSQL server (DATABASE_URL)' : 'PGlite', async () => {
  const p = await ready;
  return {
    fresh: async () => {
      await truncateAll(p);
      return p;
    },
  };
});

describe('freight tables on PostgreSQL', () => {
  const sql = async (text: string) => (await ready).orm.em.fork().getConnection().execute(text);

  it('CHECK constraints are the last line of defence: charge mode, shop mode, shop template in shop/mixed mode', async () => {
    await truncateAll(await ready);
    await expect(sql(`insert into freight_template values ('t', 's', 'n', 'distance', '{}', '[]', '[]', false, 1)`)).rejects.toThrow(
      /freight_template_charge_by_check/,
    );
    await expect(sql(`insert into shop_freight_settings values ('s', 'mixed', 'sum', null, null, 1)`)).rejects.toThrow(
      /shop_freight_settings_shop_template_check/,
    );
    await expect(sql(`insert into shop_freight_settings values ('s', 'per_item', 'avg', null, null, 1)`)).rejects.toThrow(
      /shop_freight_settings_combination_check/,
    );
  });
});

afterAll(async () => {
  await persistence?.close();
  await db?.drop();
});
