import { afterAll, beforeAll, expect, it } from 'vitest';
import { createZhongtai, type Zhongtai } from '../../adapters/container/create-zhongtai.js';
import { mikroOrmPersistence, type MikroOrmPersistence } from '../../adapters/persistence/mikro-orm/index.js';
import { testDatabase, type TestDatabase } from '../support/postgres.js';

let db: TestDatabase;
let p: MikroOrmPersistence;
let zt: Zhongtai;
beforeAll(async () => {
  db = await testDatabase();
  p = await mikroOrmPersistence(db.options);
  zt = createZhongtai({ persistence: p });
});
afterAll(async () => {
  await p?.close();
  await db?.drop();
});

it('INV-4: the consistency check finds a counter changed behind the ledger, on every SKU when none is named', async () => {
  await p.unitOfWork({ publish: async () => {} }).run(async (tx) => {
    await tx.salesStocks.configure('a', {});
    await tx.salesStocks.configure('b', {});
  });
  await zt.inventory.changeStock({ skuId: 'a', reference: 'r1', operation: { kind: 'increase', quantity: 5 } });
  await zt.inventory.changeStock({ skuId: 'b', reference: 'r1', operation: { kind: 'increase', quantity: 5 } });
  await zt.inventory.changeOrderStock({ action: 'lock', orderId: 'o1', lines: [{ skuId: 'b', quantity: 2 }] });
  expect(await zt.inventory.checkStockConsistency()).toEqual([]);
  await p.orm.em.fork().execute(`update sales_stock set total = total + 3 where sku_id = 'b'`);
  expect(await zt.inventory.checkStockConsistency()).toEqual([{ skuId: 'b', field: 'total', counter: 8, ledger: 5 }]);
});
