import { afterAll } from 'vitest';
import { mikroOrmPersistence, type MikroOrmPersistence } from '../../adapters/persistence/mikro-orm/index.js';
import { testDatabase, truncateAll, type TestDatabase } from '../support/postgres.js';
import { catalogContract } from './catalog-contract.js';

// One database per file (PGlite in memory, or a fresh database on DATABASE_URL), emptied before each test.
let db: TestDatabase | undefined;
let persistence: MikroOrmPersistence | undefined;

catalogContract(process.env.DATABASE_URL ? 'PostgreSQL server (DATABASE_URL)' : 'PGlite', async () => {
  db = await testDatabase();
  persistence = await mikroOrmPersistence(db.options);
  const p = persistence;
  return {
    fresh: async () => {
      await truncateAll(p);
      return p;
    },
  };
});

afterAll(async () => {
  await persistence?.close();
  await db?.drop();
});
