import fc from 'fast-check';
import { INVENTORY_STORE } from '../../application/inventory/store.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OrderStockLockRequest } from '../../application/inventory/order-stock-locks.js';
import { TransactionalOrderStockLocks } from '../../application/inventory/order-stock-locks.js';
import type { DomainEvent } from '../../domain/shared/domain-event.js';
import { isDomainError } from '../../domain/shared/domain-error.js';
import { memoryPersistence } from '../../adapters/persistence/memory/index.js';
import { BatchingOrderStockLocks, mikroOrmPersistence, type MikroOrmPersistence } from '../../adapters/persistence/mikro-orm/index.js';
import type { Persistence } from '../../application/shared/persistence.js';
import { testDatabase, truncateAll, type TestDatabase } from '../support/postgres.js';

// The group commit of order stock locks (decision 0011): orders judged one after another in arrival
// order inside one transaction must come out exactly as if each had its own transaction in that order.
let db: TestDatabase;
let p: MikroOrmPersistence;
beforeAll(async () => {
  db = await testDatabase();
  p = await mikroOrmPersistence(db.options);
});
afterAll(async () => {
  await p?.close();
  await db?.drop();
});
beforeEach(() => truncateAll(p));

const AT = new Date('2026-11-22T08:00:00Z');
const published: DomainEvent[] = [];
const publisher = { publish: async (events: readonly DomainEvent[]) => void published.push(...events) };

async function stock(persistence: Persistence, units: Record<string, number>, threshold: number | null = null): Promise<void> {
  await persistence.unitOfWork(publisher).run(async (tx) => {
    for (const [skuId, n] of Object.entries(units)) {
      await tx.use(INVENTORY_STORE).salesStocks.configure(skuId, { lowStockThreshold: threshold });
      await tx
        .use(INVENTORY_STORE)
        .salesStocks.apply({ skuId, reference: `in-${skuId}`, operation: { kind: 'increase', quantity: n }, movementId: `in-${skuId}`, at: AT });
    }
  });
}

let seq = 0;
function order(orderId: string, lines: Record<string, number>): OrderStockLockRequest {
  const skus = Object.keys(lines).sort();
  return {
    orderId,
    at: AT,
    lines: skus.map((skuId) => ({ skuId, quantity: lines[skuId]!, reference: `${orderId}:${skuId}`, movementId: `mv-${String(++seq).padStart(8, '0')}` })),
  };
}

/** Outcome per order: the locked quantities, or the error code. */
type Outcome = { ok: { sku: string; replayed: boolean; locked: number }[] } | { error: string };
const outcome = (p: Promise<{ movement: { skuId: string }; replayed: boolean; stock: { locked: number } }[]>): Promise<Outcome> =>
  p.then(
    (rs) => ({ ok: rs.map((r) => ({ sku: r.movement.skuId, replayed: r.replayed, locked: r.stock.locked })) }),
    (e: unknown) => ({ error: isDomainError(e) ? e.code : `UNEXPECTED ${String(e)}` }),
  );

async function counters(persistence: Persistence, skus: string[]) {
  return persistence.unitOfWork(publisher).run(async (tx) =>
    Promise.all(
      skus.map(async (s) => ({
        ...(await tx.use(INVENTORY_STORE).salesStocks.get(s)),
        movements: (await tx.use(INVENTORY_STORE).salesStocks.movements(s)).length,
      })),
    ),
  );
}

describe('BatchingOrderStockLocks (INV-3, INV-5 in one transaction for many orders)', () => {
  it('judges the orders of a batch in arrival order: a refusal leaves the next orders their chance, and all lines or none', async () => {
    await stock(p, { a: 4, b: 2 });
    const locks = new BatchingOrderStockLocks(p.sessions, p.orm.em.fork(), publisher, () => {}, { concurrency: 1 });
    const first = locks.lock(order('o1', { a: 1 })); // starts a batch of its own; the rest queue behind it
    const rest = [
      locks.lock(order('o2', { a: 9 })), // more than is left: refused
      locks.lock(order('o3', { a: 2, b: 3 })), // b is short: refused, a untouched
      locks.lock(order('o4', { a: 2, b: 2 })), // fits
      locks.lock(order('o1', { a: 1 })), // the first order again: a replay, nothing more locked
      locks.lock(order('o5', { a: 1 })), // fits exactly what is left
      locks.lock(order('o6', { a: 1 })), // nothing left
    ];
    const results = await Promise.all([first, ...rest].map(outcome));
    expect(results).toEqual([
      { ok: [{ sku: 'a', replayed: false, locked: 1 }] },
      { error: 'INVENTORY.OUT_OF_STOCK' },
      { error: 'INVENTORY.OUT_OF_STOCK' },
      {
        ok: [
          { sku: 'a', replayed: false, locked: 3 },
          { sku: 'b', replayed: false, locked: 2 },
        ],
      },
      { ok: [{ sku: 'a', replayed: true, locked: 3 }] },
      { ok: [{ sku: 'a', replayed: false, locked: 4 }] },
      { error: 'INVENTORY.OUT_OF_STOCK' },
    ]);
    expect(await counters(p, ['a', 'b'])).toMatchObject([
      { total: 4, locked: 4, movements: 4 },
      { total: 2, locked: 2, movements: 2 },
    ]);
  });

  it('a reference reused for another quantity is refused, unknown SKUs are refused, and the rest of the batch stands', async () => {
    await stock(p, { a: 5 });
    const locks = new BatchingOrderStockLocks(p.sessions, p.orm.em.fork(), publisher, () => {}, { concurrency: 1 });
    await locks.lock(order('o1', { a: 1 }));
    const results = await Promise.all(
      [locks.lock(order('o1', { a: 2 })), locks.lock(order('o2', { nope: 1 })), locks.lock(order('o3', { a: 1 }))].map(outcome),
    );
    expect(results).toEqual([{ error: 'INVENTORY.REFERENCE_REUSED' }, { error: 'INVENTORY.UNKNOWN_SKU' }, { ok: [{ sku: 'a', replayed: false, locked: 2 }] }]);
  });

  it('stores the low-stock event with the lock that crossed the threshold, and publishes it after commit', async () => {
    await stock(p, { a: 5 }, 2);
    published.length = 0;
    const locks = new BatchingOrderStockLocks(p.sessions, p.orm.em.fork(), publisher, () => {}, { concurrency: 1 });
    await Promise.all([locks.lock(order('o1', { a: 2 })), locks.lock(order('o2', { a: 1 })), locks.lock(order('o3', { a: 1 }))]);
    expect(published).toEqual([{ type: 'inventory.stock.low', aggregateId: 'a', occurredAt: AT, payload: { sellable: 2, threshold: 2 } }]);
    const [row] = await p.orm.em
      .fork()
      .execute<{ n: number }[]>(`select count(*)::int as n from outbox where type = 'inventory.stock.low' and published_at is not null`);
    expect(row!.n).toBe(1);
  });

  it('property: any batching of any orders gives what one transaction per order gives, in arrival order', async () => {
    const skus = ['s1', 's2', 's3'];
    const anOrder = fc.record({
      id: fc.integer({ min: 0, max: 11 }), // repeated ids are replays (or reused references)
      lines: fc.dictionary(fc.constantFrom(...skus, 'ghost'), fc.integer({ min: 1, max: 4 }), { minKeys: 1, maxKeys: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(anOrder, { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 3 }),
        async (orders, maxBatch, concurrency) => {
          await truncateAll(p);
          const model = memoryPersistence();
          const units = { s1: 6, s2: 4, s3: 9 };
          await stock(p, units);
          await stock(model, units);
          const requests = orders.map((o) => order(`o${o.id}`, o.lines));
          const batching = new BatchingOrderStockLocks(p.sessions, p.orm.em.fork(), publisher, () => {}, { concurrency, maxBatch });
          const actual = await Promise.all(requests.map((r) => outcome(batching.lock(r))));
          // With concurrency > 1 batches may commit in either order; compare against arrival order only when serial.
          const sequential = new TransactionalOrderStockLocks(model.unitOfWork(publisher));
          const expected: Outcome[] = [];
          for (const r of requests) expected.push(await outcome(sequential.lock(r)));
          if (concurrency === 1) expect(actual).toEqual(expected);
          const got = await counters(p, skus);
          for (const s of got) {
            expect(s.total! - s.locked! - s.activity!).toBeGreaterThanOrEqual(0); // INV-3
          }
          if (concurrency === 1) expect(got).toEqual(await counters(model, skus));
          // INV-4 whatever the interleaving: the ledger explains the counters.
          const [mismatch] = await p.orm.em
            .fork()
            .execute<{ n: number }[]>(
              `select count(*)::int as n from sales_stock s where s.locked <> (select coalesce(sum(d_locked), 0) from stock_movement m where m.sku_id = s.sku_id)`,
            );
          expect(mismatch!.n).toBe(0);
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);
});
