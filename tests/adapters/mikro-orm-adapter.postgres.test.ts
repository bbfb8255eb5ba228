import { CATALOG_QUERIES } from '../../application/catalog/read-model.js';
import { CATALOG_STORE } from '../../application/catalog/store.js';
import { CART_STORE } from '../../application/cart/store.js';
import { Cart } from '../../domain/cart/cart.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Transaction } from '../../application/shared/unit-of-work.js';
import { Money } from '../../domain/shared/money.js';
import { memoryPersistence } from '../../adapters/persistence/memory/index.js';
import { migrate, MikroOrmUnitOfWork, mikroOrmPersistence, type MikroOrmPersistence } from '../../adapters/persistence/mikro-orm/index.js';
import { OutboxMarks } from '../../adapters/persistence/mikro-orm/outbox.js';
import { isPlainRead } from '../../adapters/persistence/mikro-orm/db.js';
import { SELECT_SPU, SELECT_SPU_DETAIL, spuFromRow, type SpuRow } from '../../adapters/persistence/mikro-orm/catalog/spu-row.js';
import { aPhoneSpu, aRootCategory, at, sequentialIds } from '../support/mothers.js';
import { testDatabase, truncateAll, type TestDatabase } from '../support/postgres.js';
import { codeOf, RecordingPublisher } from './contract/support.js';

// What the contract cannot say: schema, SQL, and the database's own safety nets.
let db: TestDatabase;
let p: MikroOrmPersistence;
let onStatement: ((text: string, params: readonly unknown[]) => void) | undefined;
beforeAll(async () => {
  db = await testDatabase();
  p = await mikroOrmPersistence({ ...db.options, onStatement: (text, params) => onStatement?.(text, params) });
});
afterAll(async () => {
  await p?.close();
  await db?.drop();
});
beforeEach(() => truncateAll(p));

const run = <T>(work: (tx: Transaction) => Promise<T>) => p.unitOfWork(new RecordingPublisher()).run(work);
const sql = <R>(text: string, params: unknown[] = []) => p.orm.em.fork().execute<R[] & object[]>(text, params) as Promise<R[]>;

/**
 * The SQL statements `work` sends inside units of work and through MikroORM (parameters filled in
 * where MikroORM formats them), transaction control left out.
 */
async function statementsOf(work: () => Promise<unknown>): Promise<string[]> {
  await p.outboxMarks.flush(); // the marks of earlier units of work (batched) are not the work's statements
  const seen: string[] = [];
  const original = p.orm.config.get('onQuery');
  const platform = p.orm.em.getPlatform();
  p.orm.config.set('onQuery', (query, params) => (seen.push(platform.formatQuery(query, [...params])), original(query, params)));
  onStatement = (text) => void seen.push(text.trim());
  try {
    await work();
  } finally {
    p.orm.config.set('onQuery', original);
    onStatement = undefined;
  }
  return seen.filter((q) => !/^(begin|commit|rollback)/i.test(q.trim()));
}

describe('schema and migrations', () => {
  it('the committed migrations create exactly the schema the entity schemas describe', async () => {
    expect((await p.orm.schema.getUpdateSchemaSQL({ wrap: false })).trim()).toBe('');
  });

  it('no plain index is covered by another on the same table (its columns a prefix of the other’s): each would cost every write for nothing (issue #14)', async () => {
    const covered = await sql(
      `with idx as (
         select c.relname as tbl, i.relname as idx, x.indisunique as uniq, x.indpred is not null or x.indexprs is not null as special,
                array(select a.attname from unnest(x.indkey) with ordinality k(attnum, ord)
                      join pg_attribute a on a.attrelid = x.indrelid and a.attnum = k.attnum order by k.ord) as cols
         from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class c on c.oid = x.indrelid
         join pg_namespace n on n.oid = c.relnamespace where n.nspname = current_schema())
       select a.tbl || '.' || a.idx || ' by ' || b.idx as pair from idx a join idx b on a.tbl = b.tbl and a.idx <> b.idx
       where not a.uniq and not a.special and not b.special and a.cols = b.cols[1:cardinality(a.cols)]`,
    );
    expect(covered).toEqual([]);
  });

  it('a database migrated when the catalog migration still made the outbox takes the outbox’s own migration (issue #13) as a no-op', async () => {
    await sql(`insert into outbox (type, aggregate_id, payload, occurred_at) values ('kept', 'x', '{}', now())`);
    await sql(`delete from mikro_orm_migrations where name = 'Migration20261121000000_outbox'`);
    expect(await migrate(p)).toEqual(['Migration20261121000000_outbox']);
    expect(await sql<{ type: string }>('select type from outbox')).toEqual([{ type: 'kept' }]);
    expect((await p.orm.schema.getUpdateSchemaSQL({ wrap: false })).trim()).toBe('');
  });

  it('a database migrated when the orders migration still made the payment tables takes the payment context’s own migration (issue #13) as a no-op', async () => {
    await sql(`insert into payment_order (payment_id, order_id) values ('kept-payment', 'kept-order')`);
    await sql(`delete from mikro_orm_migrations where name = 'Migration20261122110001_payments'`);
    expect(await migrate(p)).toEqual(['Migration20261122110001_payments']);
    expect(await sql<{ payment_id: string }>('select payment_id from payment_order')).toEqual([{ payment_id: 'kept-payment' }]);
    expect((await p.orm.schema.getUpdateSchemaSQL({ wrap: false })).trim()).toBe('');
    await sql(`delete from payment_order where payment_id = 'kept-payment'`);
  });

  it('migrate() is idempotent and refuses a persistence without migrations', async () => {
    expect(await migrate(p)).toEqual([]);
    expect(await migrate(p.orm)).toEqual([]);
    await expect(migrate(memoryPersistence())).rejects.toThrow('memory persistence has no migrations');
  });

  it('CHECK constraints back the invariants: no zero price, no negative version', async () => {
    await run((tx) => tx.use(CATALOG_STORE).spus.save(aPhoneSpu()));
    await expect(sql(`update sku set sale_price = 0 where id = 'sku-1'`)).rejects.toThrow(/sku_sale_price_check/);
    await expect(sql(`update spu set version = -1`)).rejects.toThrow(/spu_version_check/);
  });
});

describe('unique codes that raced past the use case check', () => {
  it('a taken product code surfaces as CATALOG.DUPLICATE_SPU_CODE, not a driver error', async () => {
    await run((tx) => tx.use(CATALOG_STORE).spus.save(aPhoneSpu()));
    const copy = aPhoneSpu({ id: 'spu-2', skuIds: sequentialIds('other') });
    expect(await codeOf(run((tx) => tx.use(CATALOG_STORE).spus.save(copy)))).toBe('CATALOG.DUPLICATE_SPU_CODE');
  });

  it('a taken SKU code surfaces as CATALOG.DUPLICATE_SKU_CODE naming the code', async () => {
    await run((tx) => tx.use(CATALOG_STORE).spus.save(aPhoneSpu()));
    const copy = aPhoneSpu({
      id: 'spu-2',
      code: 'PHONE2',
      skus: [{ specs: { color: 'white', storage: '256G' }, code: 'PHONE1-03' }],
      skuIds: sequentialIds('other'),
    });
    await expect(run((tx) => tx.use(CATALOG_STORE).spus.save(copy))).rejects.toMatchObject({
      code: 'CATALOG.DUPLICATE_SKU_CODE',
      details: { codes: ['PHONE1-03'] },
    });
  });

  it('a work that swallows a failed statement does not commit (PostgreSQL aborted the transaction)', async () => {
    await run((tx) => tx.use(CATALOG_STORE).spus.save(aPhoneSpu()));
    const attempt = run(async (tx) => {
      await tx.use(CATALOG_STORE).categories.save(aRootCategory('c1'));
      await tx
        .use(CATALOG_STORE)
        .spus.save(aPhoneSpu({ id: 'spu-2', skuIds: sequentialIds('other') }))
        .catch(() => undefined);
      return 'pretend all is well';
    });
    expect(await codeOf(attempt)).toBe('CATALOG.DUPLICATE_SPU_CODE');
    expect(await sql('select id from category')).toEqual([]);
  });
});

describe('statements', () => {
  it('spu(id) is one statement; on a server a named prepared statement on the pg pool', async () => {
    await run((tx) => tx.use(CATALOG_STORE).spus.save(aPhoneSpu()));
    if (db.backend === 'pglite') {
      expect(await statementsOf(() => p.readModel(CATALOG_QUERIES).spu('spu-phone'))).toHaveLength(1);
      return;
    }
    const pool = (await p.orm.em.getConnection().getNativeClient()) as { query: (...args: unknown[]) => unknown };
    const query = vi.spyOn(pool, 'query');
    expect(await statementsOf(() => p.readModel(CATALOG_QUERIES).spu('spu-phone'))).toHaveLength(0); // not through MikroORM
    expect(query).toHaveBeenCalledTimes(1);
    expect(query.mock.calls[0]![0]).toMatchObject({ name: 'zhongtai_spu_detail', values: ['spu-phone'] });
    query.mockRestore();
  });

  it('creating a product: one insert for the SPU, one for all its SKUs (and for the outbox: saving records the product’s events; their mark comes later, batched)', async () => {
    const spu = aPhoneSpu();
    const statements = await statementsOf(() => run((tx) => tx.use(CATALOG_STORE).spus.save(spu)));
    expect(statements.map((s) => s.slice(0, 18))).toEqual(['insert into "spu" ', 'insert into "sku" ', 'insert into outbox']);
  });

  it('changing one SKU price: the version-checked update and one upsert of that SKU only (then its event into the outbox)', async () => {
    await run((tx) => tx.use(CATALOG_STORE).spus.save(aPhoneSpu()));
    const statements = await statementsOf(() =>
      run(async (tx) => {
        const spu = (await tx.use(CATALOG_STORE).spus.get('spu-phone'))!;
        spu.changePrice('sku-2', { salePrice: Money.of('3899.00') }, at(1));
        await tx.use(CATALOG_STORE).spus.save(spu);
      }),
    );
    expect(statements).toHaveLength(4);
    // ORM-built writes are sent with bound parameters (prepared once per connection), never with values inlined.
    expect(statements[1]).toMatch(/^update "spu" set .* where "id" = \$\d+ and "version" = \$\d+$/);
    expect(statements[2]).toMatch(/^insert into "sku" \([^)]*\) values \(\$1, [^)]*\) on conflict \("id"\) do update/);
    expect(statements.slice(3).map((s) => s.slice(0, 18))).toEqual(['insert into outbox']); // catalog.sku.price-changed (marked published later, batched)
  });
});

describe('transaction control: BEGIN only before the first write (decision 0030, issue #14)', () => {
  /** Every statement a unit of work's session receives, transaction control included, in order. */
  async function wireOf(work: (tx: Transaction) => Promise<unknown>): Promise<{ wire: string[]; outcome: PromiseSettledResult<unknown> }> {
    const wire: string[] = [];
    const sessions = {
      connect: async () => {
        const session = await p.sessions.connect();
        return {
          query: <R>(text: string, values: readonly unknown[], name?: string) => {
            wire.push(text.trim().split(/\s+/).slice(0, 3).join(' '));
            return session.query<R>(text, values, name);
          },
          release: (broken?: boolean) => session.release(broken),
        };
      },
    };
    const uow = new MikroOrmUnitOfWork({ sessions, em: p.orm.em.fork(), publisher: new RecordingPublisher(), stores: p.stores });
    const [outcome] = await Promise.allSettled([uow.run(work)]);
    return { wire, outcome: outcome! };
  }

  it('a run that only reads sends its reads and nothing else: no BEGIN, no COMMIT', async () => {
    await run((tx) => tx.use(CATALOG_STORE).spus.save(aPhoneSpu()));
    const { wire, outcome } = await wireOf(async (tx) => (await tx.use(CATALOG_STORE).spus.get('spu-phone'))?.id);
    expect(outcome).toEqual({ status: 'fulfilled', value: 'spu-phone' });
    expect(wire.length).toBeGreaterThan(0);
    expect(wire.filter((w) => /^(begin|commit|rollback)$/i.test(w))).toEqual([]);
  });

  it('a run that reads, then writes: the reads, BEGIN, the writes, COMMIT — and what it wrote stands', async () => {
    const { wire, outcome } = await wireOf(async (tx) => {
      await tx.use(CATALOG_STORE).spus.get('spu-phone');
      await tx.use(CATALOG_STORE).spus.save(aPhoneSpu());
    });
    expect(outcome.status).toBe('fulfilled');
    expect(wire[0]).toMatch(/^select/i);
    expect(wire[1]).toBe('begin');
    expect(wire.slice(2, -1).every((w) => !/^(begin|commit)$/.test(w))).toBe(true);
    expect(wire.at(-1)).toBe('commit');
    expect(await sql('select id from spu')).toEqual([{ id: 'spu-phone' }]);
  });

  it('a failure after a write rolls back every write of the run; a failure before any write sends no ROLLBACK', async () => {
    const failed = await wireOf(async (tx) => {
      await tx.use(CATALOG_STORE).categories.save(aRootCategory('c1'));
      await tx.use(CATALOG_STORE).categories.save(aRootCategory('c2', 'Home'));
      throw new Error('changed my mind');
    });
    expect(failed.outcome.status).toBe('rejected');
    expect(failed.wire[0]).toBe('begin');
    expect(failed.wire.at(-1)).toBe('rollback');
    expect(await sql('select id from category')).toEqual([]);

    // A run that fails with its one write still held never sends it.
    const held = await wireOf(async (tx) => {
      await tx.use(CATALOG_STORE).categories.save(aRootCategory('c1'));
      throw new Error('changed my mind');
    });
    expect(held.outcome.status).toBe('rejected');
    expect(held.wire).toEqual([]);

    const early = await wireOf(async (tx) => {
      await tx.use(CATALOG_STORE).spus.get('spu-phone');
      throw new Error('nothing to do');
    });
    expect(early.outcome.status).toBe('rejected');
    expect(early.wire.filter((w) => /^(begin|commit|rollback)$/.test(w))).toEqual([]);
  });

  it('a run whose one write is an optimistic save (and that records no event) sends it alone: no BEGIN, no COMMIT', async () => {
    const { wire, outcome } = await wireOf(async (tx) => {
      await tx.use(CART_STORE).carts.get('member:m1');
      await tx.use(CART_STORE).carts.save(Cart.open({ kind: 'member', id: 'm1' }, at(0)));
    });
    expect(outcome.status).toBe('fulfilled');
    expect(wire.map((w) => w.split(' ')[0])).toEqual(['select', 'insert']);
    expect(await sql('select id, version from cart')).toEqual([{ id: 'member:m1', version: 1 }]);
  });

  it('a held save found stale fails the run and writes nothing — alone at the end, or sent first by the next statement even if the work swallows that error', async () => {
    await run((tx) => tx.use(CART_STORE).carts.save(Cart.open({ kind: 'member', id: 'm1' }, at(0))));
    const alone = await wireOf((tx) => tx.use(CART_STORE).carts.save(Cart.open({ kind: 'member', id: 'm1' }, at(1))));
    expect(alone.outcome).toMatchObject({ status: 'rejected', reason: { code: 'CONCURRENCY.STALE_AGGREGATE' } });

    const swallowed = await wireOf(async (tx) => {
      await tx.use(CART_STORE).carts.save(Cart.open({ kind: 'member', id: 'm1' }, at(2)));
      await tx
        .use(CATALOG_STORE)
        .categories.save(aRootCategory('c1'))
        .catch(() => undefined);
      return 'pretend all is well';
    });
    expect(swallowed.outcome).toMatchObject({ status: 'rejected', reason: { code: 'CONCURRENCY.STALE_AGGREGATE' } });
    expect(swallowed.wire).toContain('rollback');
    expect(await sql('select id from category')).toEqual([]);
    expect(await sql('select id, version from cart')).toEqual([{ id: 'member:m1', version: 1 }]);
  });

  it('a read that locks (FOR UPDATE), or takes an advisory lock, is a write: it opens the transaction', () => {
    expect(isPlainRead('select * from cart where id = $1')).toBe(true);
    expect(isPlainRead('  SELECT 1')).toBe(true);
    expect(isPlainRead('select * from sales_stock where sku_id = any($1) order by sku_id for update')).toBe(false);
    expect(isPlainRead('select id from job where run_at < now() for no key update skip locked')).toBe(false);
    expect(isPlainRead('select pg_advisory_xact_lock($1)')).toBe(false);
    expect(isPlainRead("select nextval('seq')")).toBe(false);
    expect(isPlainRead('with x as (update t set a = 1 returning *) select * from x')).toBe(false);
    expect(isPlainRead('insert into t values (1)')).toBe(false);
    expect(isPlainRead('set local statement_timeout = 0')).toBe(false);
  });
});

describe('the product detail document (spu.detail)', () => {
  it('agrees with the tables after creating, repricing, relisting and rescheduling', async () => {
    await run((tx) => tx.use(CATALOG_STORE).spus.save(aPhoneSpu()));
    await run(async (tx) => {
      const spu = (await tx.use(CATALOG_STORE).spus.get('spu-phone'))!;
      spu.changePrice('sku-4', { salePrice: Money.of('4100.00'), marketPrice: null }, at(1));
      spu.list(at(2));
      spu.schedule({ unlistAt: at(60) }, at(3));
      await tx.use(CATALOG_STORE).spus.save(spu);
    });
    const [fromTables] = await sql<SpuRow>(`${SELECT_SPU} where s.id = ?`, ['spu-phone']);
    const [document] = await sql<SpuRow>(`${SELECT_SPU_DETAIL} where s.id = ?`, ['spu-phone']);
    expect(spuFromRow(document!)).toEqual(spuFromRow(fromTables!));
    expect(spuFromRow(document!)).toMatchObject({ status: 'listed', version: 2, unlistAt: at(60) });
  });
});

describe('outbox', () => {
  it('marks published events, and counts failed attempts on the rest', async () => {
    const failing = new RecordingPublisher();
    failing.failWith = new Error('down');
    const reported: unknown[] = [];
    const uow = new MikroOrmUnitOfWork({ sessions: p.sessions, em: p.orm.em.fork(), publisher: failing, onPublishError: (error) => reported.push(error) });
    await uow.run(async (tx) => tx.recordEvents([{ type: 'a', aggregateId: 'x', occurredAt: at(0), payload: {} }]));
    expect(reported).toEqual([failing.failWith]);
    await p.unitOfWork(new RecordingPublisher()).run(async (tx) => tx.recordEvents([{ type: 'b', aggregateId: 'y', occurredAt: at(1), payload: {} }]));
    await p.outboxMarks.flush(); // marks are written in batches (issue #14)
    const rows = await sql<{ type: string; attempts: number; published: boolean }>(
      'select type, attempts, published_at is not null as published from outbox order by id',
    );
    expect(rows).toEqual([
      { type: 'a', attempts: 1, published: false },
      { type: 'b', attempts: 0, published: true },
    ]);
  });

  it('marks what 30 units of work published in batches of maxBatch rows, not one statement after each commit; a row awaiting its mark is still claimed, so no drain publishes it again (issue #14)', async () => {
    const published = new RecordingPublisher();
    const drained = new RecordingPublisher();
    // A batch of 10 and a delay no test reaches: the count of statements does not depend on timing.
    const marks = new OutboxMarks(
      p.orm.em.fork(),
      (error) => {
        throw error;
      },
      60_000,
      10,
    );
    const uow = new MikroOrmUnitOfWork({ sessions: p.sessions, em: p.orm.em.fork(), publisher: published, marks });
    let drainedCount = -1;
    const seen = await statementsOf(async () => {
      await Promise.all(
        Array.from({ length: 30 }, (_, i) => uow.run(async (tx) => tx.recordEvents([{ type: 'm', aggregateId: `m${i}`, occurredAt: at(i), payload: {} }]))),
      );
      drainedCount = await p.drainOutbox!(drained);
      await marks.flush(); // the three full batches were sent as they filled; this waits for them
    });
    expect(published.published).toHaveLength(30);
    expect(drainedCount).toBe(0);
    const [row] = await sql<{ published: number }>('select count(*)::int as published from outbox where published_at is not null');
    expect(row!.published).toBe(30);
    expect(seen.filter((q) => /^update outbox set published_at/.test(q))).toHaveLength(3);
  });
});

describe('outbox: events carry ids, drains never deliver one event twice at once (issue #13)', () => {
  it('stores the ids the unit of work gives; two drains side by side publish every event once; a row its committer still holds is left alone', async () => {
    const { UuidV7Generator } = await import('../../adapters/system/uuid-v7.js');
    const uow = p.unitOfWork(new RecordingPublisher(), { ids: new UuidV7Generator(), table: new Map() });
    const events = Array.from({ length: 40 }, (_, i) => ({ type: 'e', aggregateId: `a${i}`, occurredAt: at(i), payload: { i } }));
    await uow.run(async (tx) => tx.recordEvents(events));
    const ids = await sql<{ event_id: string }>('select event_id from outbox order by id');
    expect(ids.map((r) => r.event_id)).toEqual(expect.arrayContaining([expect.stringMatching(/^[0-9a-f-]{36}$/)]));
    expect(new Set(ids.map((r) => r.event_id)).size).toBe(40);
    // As if the committing process had died before publishing: unpublished, its claim run out.
    await sql('update outbox set published_at = null, claimed_until = null');
    const one = new RecordingPublisher();
    const two = new RecordingPublisher();
    const slow = (r: RecordingPublisher) => (r.whilePublishing = () => new Promise((done) => setTimeout(done, 20)));
    slow(one);
    slow(two);
    const [n1, n2] = await Promise.all([p.drainOutbox(one), p.drainOutbox(two)]);
    expect(n1 + n2).toBe(40);
    expect([...one.published, ...two.published].map((e) => e.id).sort()).toEqual(ids.map((r) => r.event_id).sort());
    // Stored and claimed by a committer that has not published yet: a drain leaves it to that committer.
    await sql(
      `insert into outbox (event_id, type, aggregate_id, payload, occurred_at, claimed_until) values ('held', 'e', 'x', '{}', now(), now() + interval '30 seconds')`,
    );
    expect(await p.drainOutbox(new RecordingPublisher())).toBe(0);
  });
});

describe('CAT-1 across aggregates under concurrent use cases (real concurrency with DATABASE_URL)', () => {
  it('racing "delete the leaf", "add a child" and "create a product on it" never leave a product on a missing or non-leaf category', async () => {
    const { createZhongtai } = await import('../../adapters/container/create-zhongtai.js');
    const zt = createZhongtai({ persistence: p });
    for (let round = 0; round < 15; round += 1) {
      const leaf = await zt.catalog.createCategory({ name: `Leaf ${round}` });
      const outcomes = await Promise.allSettled([
        zt.catalog.createSpu({ code: `RACE-${round}`, title: 'Racer', categoryId: leaf.id, salePrice: '1.00' }),
        round % 2 === 0 ? zt.catalog.deleteCategory({ categoryId: leaf.id }) : zt.catalog.createCategory({ name: 'Child', parentId: leaf.id }),
      ]);
      // Exactly one of the two conflicting changes wins.
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    }
    const orphans = await sql<{ n: number }>(
      `select count(*)::int as n from spu s
       where not exists (select 1 from category c where c.id = s.category_id)
          or exists (select 1 from category c where c.parent_id = s.category_id)`,
    );
    expect(orphans[0]!.n).toBe(0);
  });
});
