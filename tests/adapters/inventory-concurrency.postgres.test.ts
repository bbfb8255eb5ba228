import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVENTORY_STORE } from '../../application/inventory/store.js';
import { createZhongtai, type Zhongtai } from '../../adapters/container/create-zhongtai.js';
import { mikroOrmPersistence, type MikroOrmPersistence } from '../../adapters/persistence/mikro-orm/index.js';
import { isDomainError } from '../../domain/shared/domain-error.js';
import { testDatabase, type TestDatabase } from '../support/postgres.js';

// Real concurrency needs the real server (DATABASE_URL); on PGlite every transaction is serialised,
// so the same test runs smaller there and proves only the bookkeeping.
const onServer = Boolean(process.env.DATABASE_URL);
const CLIENTS = 64;

let db: TestDatabase;
let p: MikroOrmPersistence;
let zt: Zhongtai;
beforeAll(async () => {
  db = await testDatabase();
  p = await mikroOrmPersistence({ ...db.options, poolSize: onServer ? 32 : undefined });
  zt = createZhongtai({ persistence: p });
});
afterAll(async () => {
  await p?.close();
  await db?.drop();
});

const sql = <R>(text: string, params: unknown[] = []) => p.orm.em.fork().execute<R[] & object[]>(text, params) as Promise<R[]>;

async function stockOf(skuIds: string[], units: number): Promise<void> {
  await p.unitOfWork({ publish: async () => {} }).run(async (tx) => {
    for (const skuId of skuIds) await tx.use(INVENTORY_STORE).salesStocks.configure(skuId, {});
  });
  for (const skuId of skuIds) await zt.inventory.changeStock({ skuId, reference: `receipt-${skuId}`, operation: { kind: 'increase', quantity: units } });
}

/** Runs `attempts` calls of `work` from `clients` concurrent loops; returns the error codes seen (null = success). */
async function hammer(clients: number, attempts: number, work: (i: number) => Promise<unknown>): Promise<(string | null)[]> {
  const outcomes: (string | null)[] = [];
  let next = 0;
  const client = async () => {
    while (next < attempts) {
      const i = next++;
      try {
        await work(i);
        outcomes.push(null);
      } catch (e) {
        outcomes.push(isDomainError(e) ? e.code : `UNEXPECTED: ${String(e)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  return outcomes;
}

async function ledgerBalances(skuIds: string[]): Promise<void> {
  expect(await zt.inventory.checkStockConsistency({ skuIds })).toEqual([]);
  const [oversold] = await sql<{ n: number }>('select count(*)::int as n from sales_stock where total - locked - activity < 0');
  expect(oversold!.n).toBe(0);
}

describe(`INV-3 under ${CLIENTS} concurrent clients (${onServer ? 'PostgreSQL server' : 'PGlite, serialised'})`, () => {
  it('one SKU with 1,000 sellable, 5,000 single-unit locks: exactly 1,000 succeed, the rest are out of stock', { timeout: 120_000 }, async () => {
    const [sellable, attempts] = onServer ? [1000, 5000] : [100, 500];
    await stockOf(['hot'], sellable);
    const outcomes = await hammer(CLIENTS, attempts, (i) =>
      zt.inventory.changeOrderStock({ action: 'lock', orderId: `order-${i}`, lines: [{ skuId: 'hot', quantity: 1 }] }),
    );
    expect(outcomes.filter((o) => o === null)).toHaveLength(sellable);
    expect(new Set(outcomes.filter((o) => o !== null))).toEqual(new Set(['INVENTORY.OUT_OF_STOCK']));
    const [row] = await sql<{ locked: number; total: number }>(`select locked, total from sales_stock where sku_id = 'hot'`);
    expect(row).toEqual({ locked: sellable, total: sellable });
    await ledgerBalances(['hot']);
  });

  it('random 1–5-line orders over 20 overlapping SKUs: no oversell, no deadlock reaches a caller, conservation holds', { timeout: 120_000 }, async () => {
    const skus = Array.from({ length: 20 }, (_, i) => `multi-${String(i).padStart(2, '0')}`);
    await stockOf(skus, onServer ? 150 : 30);
    let seed = 42;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const orders = Array.from({ length: onServer ? 2000 : 300 }, () =>
      Array.from({ length: 1 + random(5) }, () => ({ skuId: skus[random(20)]!, quantity: 1 + random(3) })),
    );
    const outcomes = await hammer(CLIENTS, orders.length, async (i) => {
      await zt.inventory.changeOrderStock({ action: 'lock', orderId: `m-${i}`, lines: orders[i]! });
      // A third of the placed orders pay, a third cancel, the rest stay locked.
      if (i % 3 === 0) await zt.inventory.changeOrderStock({ action: 'deduct', orderId: `m-${i}`, lines: orders[i]! });
      if (i % 3 === 1) await zt.inventory.changeOrderStock({ action: 'unlock', orderId: `m-${i}`, lines: orders[i]! });
    });
    expect(outcomes.filter((o) => o !== null && o !== 'INVENTORY.OUT_OF_STOCK')).toEqual([]);
    expect(outcomes.filter((o) => o === null).length).toBeGreaterThan(0);
    await ledgerBalances(skus);
    // Every unit is accounted for: received = on hand + sold.
    const rows = await sql<{ total: number; sold: number }>('select total, sold from sales_stock where sku_id like ?', ['multi-%']);
    for (const r of rows) expect(r.total + r.sold).toBe(onServer ? 150 : 30);
  });
});

describe('a lock timeout surfaces as a clear retryable error (server only: PGlite serialises transactions)', () => {
  it.skipIf(!onServer)('a lock that waits past lockTimeoutMs on a held row fails with CONCURRENCY.BUSY and writes nothing', async () => {
    const impatient = await mikroOrmPersistence({ ...db.options, migrate: false, lockTimeoutMs: 200 });
    const impatientZt = createZhongtai({ persistence: impatient });
    try {
      await stockOf(['held'], 10);
      let release!: () => void;
      const holding = p.unitOfWork({ publish: async () => {} }).run(async (tx) => {
        await tx
          .use(INVENTORY_STORE)
          .salesStocks.apply({ skuId: 'held', reference: 'holder', operation: { kind: 'lock', quantity: 1 }, movementId: 'mv-holder', at: new Date() });
        await new Promise<void>((r) => (release = r));
      });
      await new Promise((r) => setTimeout(r, 100));
      await expect(
        impatientZt.inventory.changeOrderStock({ action: 'lock', orderId: 'waiter', lines: [{ skuId: 'held', quantity: 1 }] }),
      ).rejects.toMatchObject({
        code: 'CONCURRENCY.BUSY',
        details: { retryable: true },
      });
      release();
      await holding;
      const [row] = await sql<{ n: number }>(`select count(*)::int as n from stock_movement where reference = 'waiter:held'`);
      expect(row!.n).toBe(0);
    } finally {
      await impatient.close();
    }
  });
});
