import { afterAll, beforeAll, expect, it } from 'vitest';
import { INVENTORY_STORE } from '../../application/inventory/store.js';
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
    await tx.use(INVENTORY_STORE).salesStocks.configure('a', {});
    await tx.use(INVENTORY_STORE).salesStocks.configure('b', {});
  });
  await zt.inventory.changeStock({ skuId: 'a', reference: 'r1', operation: { kind: 'increase', quantity: 5 } });
  await zt.inventory.changeStock({ skuId: 'b', reference: 'r1', operation: { kind: 'increase', quantity: 5 } });
  await zt.inventory.changeOrderStock({ action: 'lock', orderId: 'o1', lines: [{ skuId: 'b', quantity: 2 }] });
  expect(await zt.inventory.checkStockConsistency()).toEqual([]);
  await p.orm.em.fork().execute(`update sales_stock set total = total + 3 where sku_id = 'b'`);
  expect(await zt.inventory.checkStockConsistency()).toEqual([{ skuId: 'b', field: 'total', counter: 8, ledger: 5 }]);
});

it('INV-4 repair trusting the counters: one correction movement per SKU makes the ledger explain them', async () => {
  await p.unitOfWork({ publish: async () => {} }).run((tx) => tx.use(INVENTORY_STORE).salesStocks.configure('c', {}));
  await zt.inventory.changeStock({ skuId: 'c', reference: 'r1', operation: { kind: 'increase', quantity: 10 } });
  await zt.inventory.changeOrderStock({ action: 'lock', orderId: 'o1', lines: [{ skuId: 'c', quantity: 4 }] });
  await p.orm.em.fork().execute(`update sales_stock set total = total + 2, locked = locked - 1 where sku_id = 'c'`);
  const { anomalies, corrections } = await zt.inventory.repairStockConsistency({ skuIds: ['c'], trust: 'counters' });
  expect(anomalies).toEqual([
    { skuId: 'c', field: 'total', counter: 12, ledger: 10 },
    { skuId: 'c', field: 'locked', counter: 3, ledger: 4 },
  ]);
  expect(corrections).toMatchObject([{ skuId: 'c', kind: 'correction', quantity: 0, delta: { total: 2, locked: -1, sold: 0, activity: 0, presale: 0 } }]);
  expect(await zt.inventory.checkStockConsistency({ skuIds: ['c'] })).toEqual([]);
  expect(await zt.inventory.viewStock({ skuId: 'c' })).toMatchObject({ total: 12, locked: 3 });
});

it('INV-4 repair trusting the ledger: the counters return to its sums; a ledger that would oversell is refused, nothing written', async () => {
  await p.unitOfWork({ publish: async () => {} }).run(async (tx) => {
    await tx.use(INVENTORY_STORE).salesStocks.configure('d', {});
    await tx.use(INVENTORY_STORE).salesStocks.configure('e', {});
  });
  for (const sku of ['d', 'e']) await zt.inventory.changeStock({ skuId: sku, reference: 'r1', operation: { kind: 'increase', quantity: 10 } });
  await zt.inventory.changeOrderStock({ action: 'lock', orderId: 'o1', lines: [{ skuId: 'e', quantity: 4 }] });
  await p.orm.em.fork().execute(`update sales_stock set total = 7 where sku_id = 'd'`);
  await expect(zt.inventory.repairStockConsistency({ skuIds: ['d'], trust: 'ledger' })).resolves.toMatchObject({ corrections: [] });
  expect(await zt.inventory.viewStock({ skuId: 'd' })).toMatchObject({ total: 10 });
  // e's ledger is short of a lock the counters carry: the ledger's sums would leave sellable below zero.
  await p.orm.em.fork().execute(`delete from stock_movement where sku_id = 'e' and kind = 'increase'`);
  await p.orm.em.fork().execute(`update sales_stock set total = 4 where sku_id = 'd'`);
  await expect(zt.inventory.repairStockConsistency({ trust: 'ledger' })).rejects.toMatchObject({
    code: 'INVENTORY.REPAIR_WOULD_OVERSELL',
    details: { skuId: 'e' },
  });
  expect(await zt.inventory.viewStock({ skuId: 'd' })).toMatchObject({ total: 4 }); // one transaction: d not repaired either
});

it('INV-4 repair of every layer trusting the counters: corrections per row; a book that disagrees with the locations is left for a stock-take', async () => {
  const at = new Date('2026-11-22T08:00:00Z');
  await p.unitOfWork({ publish: async () => {} }).run(async (tx) => {
    await tx.use(INVENTORY_STORE).dispatchStocks.apply({
      skuId: 'f',
      warehouseId: 'w1',
      reference: 'in-1',
      operation: { kind: 'receive', quantity: 10, fromInTransit: false },
      movementId: 'd-1',
      at,
    });
    await tx.use(INVENTORY_STORE).locationStocks.apply({
      skuId: 'f',
      warehouseId: 'w1',
      location: 'A-01',
      reference: 'in-1',
      operation: { kind: 'put_away', quantity: 10 },
      movementId: 'l-1',
      at,
    });
  });
  expect(await zt.inventory.checkLayeredStockConsistency({ skuIds: ['f'] })).toEqual([]);
  // Someone "fixed" the counters by hand: the dispatch row lost 2 available (and book), the location gained 1.
  await p.orm.em.fork().execute(`update dispatch_stock set available = available - 2, book = book - 2 where sku_id = 'f'`);
  await p.orm.em.fork().execute(`update location_stock set available = available + 1 where sku_id = 'f'`);
  const repair = await zt.inventory.repairLayeredStockConsistency({ skuIds: ['f'] });
  expect(repair.corrections.dispatch).toMatchObject([
    { skuId: 'f', warehouseId: 'w1', kind: 'correction', delta: { book: -2, available: -2, inTransit: 0, unsellable: 0, used: 0 } },
  ]);
  expect(repair.corrections.warehouse).toMatchObject([
    { skuId: 'f', warehouseId: 'w1', location: 'A-01', kind: 'correction', delta: { available: 1, locked: 0, shipped: 0, unusable: 0 } },
  ]);
  expect(repair.unrepaired).toEqual([{ layer: 'cross', skuId: 'f', warehouseId: 'w1', field: 'book', counter: 8, ledger: 11 }]);
  // The ledgers explain the counters again; only the cross-layer difference stays.
  expect(await zt.inventory.checkLayeredStockConsistency({ skuIds: ['f'] })).toEqual(repair.unrepaired);
});
