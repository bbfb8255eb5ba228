import { afterAll } from 'vitest';
import { mikroOrmPersistence } from '../../adapters/persistence/mikro-orm/index.js';
import { testDatabase, type TestDatabase } from '../support/postgres.js';
import { warehouseStockModelSuite } from './warehouse-stock-model.js';

// PGlite when DATABASE_URL is unset, a fresh database on that server otherwise.
let db: TestDatabase | undefined;
afterAll(() => db?.drop());
warehouseStockModelSuite(
  process.env.DATABASE_URL ? 'PostgreSQL server (DATABASE_URL)' : 'PGlite',
  async () => {
    db = await testDatabase();
    return mikroOrmPersistence(db.options);
  },
  60,
);
