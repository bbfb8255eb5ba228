import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createZhongtai } from '../../adapters/container/create-zhongtai.js';
import { mikroOrmPersistence, type MikroOrmPersistence } from '../../adapters/persistence/mikro-orm/index.js';
import { SpuDetailCache } from '../../adapters/persistence/mikro-orm/catalog/spu-detail-cache.js';
import type { SpuSnapshot } from '../../domain/catalog/spu.js';
import { testDatabase, type TestDatabase } from '../support/postgres.js';

describe('SpuDetailCache', () => {
  const snapshot = (title: string) => ({ id: 'a', title }) as unknown as SpuSnapshot;

  it('serves a hit until the entry expires, then reads again', async () => {
    let now = 0;
    const cache = new SpuDetailCache(1000, 10, () => now);
    let reads = 0;
    const fetch = async () => snapshot(`read ${++reads}`);
    expect((await cache.load('a', fetch))?.title).toBe('read 1');
    now = 999;
    expect((await cache.load('a', fetch))?.title).toBe('read 1');
    now = 1000;
    expect((await cache.load('a', fetch))?.title).toBe('read 2');
  });

  it('while the catalog’s read-cache generation is known, an entry serves past its time until the generation moves — the same object each time (decision 0030)', async () => {
    let now = 0;
    let catalog: number | undefined = 4;
    const cache = new SpuDetailCache(
      1000,
      10,
      () => now,
      () => catalog,
    );
    let reads = 0;
    const fetch = async () => snapshot(`read ${++reads}`);
    const first = await cache.load('a', fetch);
    now = 60_000;
    expect(await cache.load('a', fetch)).toBe(first);
    catalog = 5;
    expect((await cache.load('a', fetch))?.title).toBe('read 2');
    catalog = undefined; // nobody listening: back to the time limit
    now = 120_000;
    expect((await cache.load('a', fetch))?.title).toBe('read 3');
  });

  it('a read that began before an invalidation does not store its older answer', async () => {
    const cache = new SpuDetailCache(60_000);
    let release!: () => void;
    const slow = cache.load('a', () => new Promise((r) => (release = () => r(snapshot('old')))));
    cache.invalidate(['a']);
    release();
    expect((await slow)?.title).toBe('old');
    expect((await cache.load('a', async () => snapshot('new')))?.title).toBe('new');
  });

  it('keeps at most maxEntries, dropping the oldest', async () => {
    const cache = new SpuDetailCache(60_000, 2);
    let reads = 0;
    const fetch = async (id: string) => snapshot(`${id}${++reads}`);
    for (const id of ['a', 'b', 'c']) await cache.load(id, fetch);
    expect((await cache.load('c', fetch))?.title).toBe('c3');
    expect((await cache.load('a', fetch))?.title).toBe('a4');
  });
});

describe('the product detail cache in the PostgreSQL adapter', () => {
  let db: TestDatabase;
  let p: MikroOrmPersistence;
  beforeAll(async () => {
    db = await testDatabase();
    p = await mikroOrmPersistence({ ...db.options, readCacheTtlMs: 60_000 });
  });
  afterAll(async () => {
    await p?.close();
    await db?.drop();
  });

  it('a change committed by this process shows at once; a write behind its back once the database’s notification arrives, long before the TTL (decision 0030)', async () => {
    const zt = createZhongtai({ persistence: p });
    const leaf = await zt.catalog.createCategory({ name: 'Tea' });
    const spu = await zt.catalog.createSpu({ code: 'TEA1', title: 'Longjing', categoryId: leaf.id, salePrice: '128.00' });
    expect((await zt.catalog.queries.spu(spu.id))?.title).toBe('Longjing');
    await zt.catalog.updateSpu({ spuId: spu.id, title: 'Xihu Longjing' });
    expect((await zt.catalog.queries.spu(spu.id))?.title).toBe('Xihu Longjing');
    const em = p.orm.em.fork();
    await em.execute(`update spu set title = 'Behind its back', detail = jsonb_set(detail::jsonb, '{title}', '"Behind its back"')::json where id = ?`, [
      spu.id,
    ]);
    expect(await em.execute(`select detail->>'title' as title from spu where id = ?`, [spu.id])).toEqual([{ title: 'Behind its back' }]);
    const deadline = Date.now() + 5_000; // the TTL is 60 s
    while ((await zt.catalog.queries.spu(spu.id))?.title !== 'Behind its back') {
      if (Date.now() > deadline) throw new Error('the write behind its back was not seen within 5 s');
      await new Promise((r) => setTimeout(r, 10));
    }
  });
});
