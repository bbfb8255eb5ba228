import { CATALOG_QUERIES } from '../../application/catalog/read-model.js';
import { CATALOG_STORE } from '../../application/catalog/store.js';
import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE, lockDataFolder } from '../../adapters/persistence/mikro-orm/data-folder-lock.js';
import { DataFolderLockedError, migrate, mikroOrmPersistence, type MikroOrmPersistence } from '../../adapters/persistence/mikro-orm/index.js';
import { aPhoneSpu } from '../support/mothers.js';
import { plain, RecordingPublisher } from './contract/support.js';

// The embedded database: files on disk, and the in-process dialect. Always PGlite, whatever DATABASE_URL says.
let dir: string;
let reopened: MikroOrmPersistence;
const spu = aPhoneSpu();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zt-pglite-'));
  const pglite = await PGlite.create(dir);
  const first = await mikroOrmPersistence({ pglite });
  await first.unitOfWork(new RecordingPublisher()).run((tx) => tx.use(CATALOG_STORE).spus.save(spu));
  await first.close();
  expect(pglite.closed).toBe(false); // a PGlite handed in belongs to the caller
  await pglite.close();
  reopened = await mikroOrmPersistence({ dataDir: dir });
});

let closed = false;
afterAll(async () => {
  if (!closed) await reopened?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('PGlite in a data directory', () => {
  it('keeps committed data across closing and reopening', async () => {
    expect(plain(await reopened.readModel(CATALOG_QUERIES).spu(spu.id))).toEqual(plain(spu.toSnapshot()));
    expect(await migrate(reopened)).toEqual([]); // and remembers which migrations ran
  });
});

describe('one owner per data folder (decision 0025)', () => {
  it('refuses a second opener of an open folder, naming this process', async () => {
    expect(readdirSync(dir)).toContain(LOCK_FILE);
    const second = mikroOrmPersistence({ dataDir: dir });
    await expect(second).rejects.toBeInstanceOf(DataFolderLockedError);
    await expect(second).rejects.toMatchObject({ holder: { pid: process.pid } });
  });
});

describe('the PGlite dialect', () => {
  const run = <R>(text: string, method: 'all' | 'run' = 'all') => reopened.orm.em.fork().execute<R & object>(text, [], method);

  it('returns values the way pg does: int8, numeric and timestamps as strings, arrays and JSON parsed', async () => {
    const [row] = await run<Record<string, unknown>[]>(
      `select 9007199254740993::int8 as big, 12.30::numeric(20,2) as price, timestamptz '2025-01-01 08:00:00.5+08' as at,
              array[1, 2]::int8[] as bigs, array['a', 'b'] as texts, '{"a": [1]}'::jsonb as doc, true as yes, 7 as n`,
    );
    expect(row).toEqual({
      big: '9007199254740993',
      price: '12.30',
      at: '2025-01-01 00:00:00.5+00',
      bigs: ['1', '2'],
      texts: ['a', 'b'],
      doc: { a: [1] },
      yes: true,
      n: 7,
    });
  });

  it('reports affected rows from the command tag, also for WITH … INSERT', async () => {
    await run('create temporary table t (n int)', 'run');
    const result = await run<{ affectedRows: number }>('with v(n) as (values (1), (2), (3)) insert into t select n from v', 'run');
    expect(result.affectedRows).toBe(3);
    await run('drop table t', 'run');
  });

  it('binds real parameters when Kysely sends them (extended protocol)', async () => {
    const { rows } = await sql<{ s: string; n: string }>`select ${"it's"}::text as s, ${41}::int8 + 1 as n`.execute(reopened.orm.em.fork().getKysely());
    expect(rows).toEqual([{ s: "it's", n: '42' }]);
  });

  it('runs several statements sent at once (migrations do)', async () => {
    const rows = await run<{ n: number }[]>('select 1 as n; select 2 as n');
    expect(rows).toEqual([{ n: 2 }]);
  });

  it('lends its one session to one transaction at a time, in arrival order', async () => {
    const order: string[] = [];
    const uow = reopened.unitOfWork(new RecordingPublisher());
    const slow = uow.run(async (tx) => {
      order.push('a starts');
      await tx.use(CATALOG_STORE).categories.get('x');
      await new Promise((r) => setTimeout(r, 50));
      order.push('a ends');
    });
    const quick = uow.run(async () => void order.push('b runs'));
    await Promise.all([slow, quick]);
    expect(order).toEqual(['a starts', 'a ends', 'b runs']);
  });
});

describe('one owner per data folder, at the end (decision 0025)', () => {
  it('gives the folder back on close: the lock file is gone and the next opener takes it', async () => {
    closed = true;
    await reopened.close();
    expect(readdirSync(dir)).not.toContain(LOCK_FILE);
    await (await lockDataFolder(dir)).release();
  });
});
