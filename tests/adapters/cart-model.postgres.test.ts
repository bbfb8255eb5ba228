import { afterAll } from 'vitest';
import { mikroOrmPersistence } from '../../adapters/persistence/mikro-orm/index.js';
import { testDatabase, type TestDatabase } from '../support/postgres.js';
import { cartModelSuite } from './cart-model.js';

let db: TestDatabase | undefined;
afterAll(() => db?.drop());
cartModelSuite(
  'postgresql',
  async () => {
    db = await testDatabase();
    const persistence = await mikroOrmPersistence(db.options);
    return { persistence, clearCarts: async () => void (await persistence.orm.em.fork().getConnection().execute('delete from cart')) };
  },
  30,
);
