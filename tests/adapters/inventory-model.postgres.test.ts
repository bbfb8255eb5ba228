import { afterAll } from 'vitest';
import { mikroOrmPersistence } from '../../adapters/persistence/mikro-orm/index.js';
import { testDatabase, type TestDatabase } from '../support/postgres.js';
import { inventoryModelSuite } from './inventory-model.js';

let db: TestDatabase | undefined;
afterAll(() => db?.drop());
inventoryModelSuite(
  'postgresql',
  async () => {
    db = await testDatabase();
    return mikroOrmPersistence(db.options);
  },
  60,
);
