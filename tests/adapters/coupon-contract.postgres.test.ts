import { afterAll } from 'vitest';
import { mikroOrmPersistence } from '../../adapters/persistence/mikro-orm/index.js';
import { testDatabase, type TestDatabase } from '../support/postgres.js';
import { couponContractSuite } from './coupon-contract.js';

let db: TestDatabase | undefined;
afterAll(() => db?.drop());
couponContractSuite(
  'postgresql',
  async () => {
    db = await testDatabase();
    return mikroOrmPersistence(db.options);
  },
  25,
);
