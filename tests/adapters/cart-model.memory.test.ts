import { memoryPersistence, MemoryDatabase } from '../../adapters/persistence/memory/index.js';
import { cartModelSuite } from './cart-model.js';

cartModelSuite(
  'memory',
  async () => {
    const db = new MemoryDatabase();
    return { persistence: memoryPersistence(db), clearCarts: async () => db.table('carts').clear() };
  },
  200,
);
