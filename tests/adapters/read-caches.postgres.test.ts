import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CATALOG_STORE } from '../../application/catalog/store.js';
import type { Transaction } from '../../application/shared/unit-of-work.js';
import { Money } from '../../domain/shared/money.js';
import { mikroOrmPersistence, MikroOrmUnitOfWork, type MikroOrmPersistence } from '../../adapters/persistence/mikro-orm/index.js';
import { CACHE_DOMAINS, ReadCaches } from '../../adapters/persistence/mikro-orm/read-caches.js';
import { aPhoneSpu, aRootCategory, at } from '../support/mothers.js';
import { testDatabase, truncateAll, type TestDatabase } from '../support/postgres.js';
import { RecordingPublisher } from './contract/support.js';

// Decision 0030 on PGlite and on the server: what the read caches serve, when they stop, and the
// verification that keeps a stale read out of a placed order.
let db: TestDatabase;
let p: MikroOrmPersistence;
let statements: string[] = [];
beforeAll(async () => {
  db = await testDatabase();
  p = await mikroOrmPersistence({ ...db.options, onStatement: (text) => void statements.push(text.trim()) });
});
afterAll(async () => {
  await p?.close();
  await db?.drop();
});
beforeEach(async () => {
  await truncateAll(p);
  await run((tx) => tx.use(CATALOG_STORE).spus.save(aPhoneSpu()));
  await heardEverything();
});

/** Until the caches have heard every change committed so far (on a server the notifications come a little later). */
async function heardEverything(): Promise<void> {
  const rows = await sql<{ name: string; epoch: string }>('select name, epoch::text as epoch from cache_epoch');
  await eventually(async () => rows.every((r) => p.readCaches?.epochOf(r.name as (typeof CACHE_DOMAINS)[number]) === r.epoch));
}

const run = <T>(work: (tx: Transaction) => Promise<T>) => p.unitOfWork(new RecordingPublisher()).run(work);
const sql = <R>(text: string, params: unknown[] = []) => p.orm.em.fork().execute<R[] & object[]>(text, params) as Promise<R[]>;
const priceOf = async (tx: Transaction, skuId: string) =>
  (await tx.use(CATALOG_STORE).spus.getManyBySkus([skuId]))[0]!
    .toSnapshot()
    .skus.find((k) => k.id === skuId)!
    .salePrice.toString();
const readPrice = (skuId: string) => run((tx) => priceOf(tx, skuId));

async function eventually(check: () => Promise<boolean>, ms = 3_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('read caches (decision 0030)', () => {
  it('a product by SKU is read from the database once, then served without a statement until something changes', async () => {
    await readPrice('sku-1');
    statements = [];
    expect(await readPrice('sku-1')).toBe('3999.00');
    expect(await readPrice('sku-2')).toBe('3999.00'); // every SKU of the product came with it
    expect(statements.filter((s) => !s.startsWith('update outbox set published_at'))).toEqual([]);
  });

  it('a change this process commits is seen by the next read at once, before any notification', async () => {
    expect(await readPrice('sku-1')).toBe('3999.00');
    await run(async (tx) => {
      const spu = (await tx.use(CATALOG_STORE).spus.get('spu-phone'))!;
      spu.changePrice('sku-1', { salePrice: Money.of('3499.00') }, at(1));
      await tx.use(CATALOG_STORE).spus.save(spu);
    });
    expect(await readPrice('sku-1')).toBe('3499.00');
  });

  it('a change written behind the adapter’s back (raw SQL, another process) is served once the database’s notification arrives', async () => {
    expect(await readPrice('sku-1')).toBe('3999.00');
    await sql(`update sku set sale_price = '2999.00' where id = 'sku-1'`);
    await eventually(async () => (await readPrice('sku-1')) === '2999.00');
  });

  it('after its first write a transaction reads the database, and so sees its own changes', async () => {
    expect(await readPrice('sku-1')).toBe('3999.00');
    const seen = await run(async (tx) => {
      const spu = (await tx.use(CATALOG_STORE).spus.get('spu-phone'))!;
      spu.changePrice('sku-1', { salePrice: Money.of('3299.00') }, at(1));
      await tx.use(CATALOG_STORE).spus.save(spu);
      return priceOf(tx, 'sku-1');
    });
    expect(seen).toBe('3299.00');
  });
});

describe('a transaction that requires fresh reads (placing an order) never writes what it read stale', () => {
  /** A unit of work whose caches hear nothing: told the epochs once, they stay stale after any change. */
  async function deafUnitOfWork(): Promise<MikroOrmUnitOfWork> {
    const caches = new ReadCaches();
    const rows = await sql<{ name: string; epoch: string }>('select name, epoch::text as epoch from cache_epoch');
    for (const domain of CACHE_DOMAINS) caches.heard({ domain, epoch: rows.find((r) => r.name === domain)?.epoch ?? '0' });
    return new MikroOrmUnitOfWork({ sessions: p.sessions, em: p.orm.em.fork(), publisher: new RecordingPublisher(), stores: p.stores, caches });
  }

  it('is rolled back and run again without caches when a cached read went stale before COMMIT; a transaction that does not ask keeps what it read', async () => {
    const uow = await deafUnitOfWork();
    expect(await uow.run((tx) => priceOf(tx, 'sku-1'))).toBe('3999.00'); // now cached
    await sql(`update sku set sale_price = '3599.00' where id = 'sku-1'`);

    expect(await uow.run((tx) => priceOf(tx, 'sku-1'))).toBe('3999.00'); // stale, and nothing depends on it

    const prices: string[] = [];
    const placed = await uow.run(async (tx) => {
      tx.requireFreshReads();
      const price = await priceOf(tx, 'sku-1');
      prices.push(price);
      await tx.use(CATALOG_STORE).categories.save(aRootCategory(`c-at-${price}`));
      return price;
    });
    expect(prices).toEqual(['3999.00', '3599.00']); // the stale attempt, then the one that committed
    expect(placed).toBe('3599.00');
    expect(await sql('select id from category')).toEqual([{ id: 'c-at-3599.00' }]); // the stale attempt left nothing
  });

  it('commits at the first attempt when nothing changed', async () => {
    const uow = await deafUnitOfWork();
    await uow.run((tx) => priceOf(tx, 'sku-1'));
    let attempts = 0;
    await uow.run(async (tx) => {
      attempts += 1;
      tx.requireFreshReads();
      await priceOf(tx, 'sku-1');
      await tx.use(CATALOG_STORE).categories.save(aRootCategory('c1'));
    });
    expect(attempts).toBe(1);
  });
});
