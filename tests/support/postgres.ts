import { randomBytes } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { afterAll } from 'vitest';
import { mikroOrmPersistence } from '../../adapters/persistence/mikro-orm/index.js';
import type { MikroOrmPersistence, MikroOrmPersistenceOptions } from '../../adapters/persistence/mikro-orm/index.js';

export interface TestDatabase {
  /** 'postgresql' on the server named by DATABASE_URL, 'pglite' otherwise. */
  readonly backend: 'postgresql' | 'pglite';
  /** Options for `mikroOrmPersistence()`. */
  readonly options: MikroOrmPersistenceOptions;
  /** Drops the database (server) — PGlite in memory goes away with its persistence. */
  drop(): Promise<void>;
}

/**
 * A fresh database for one test file. The read cache is off: tests write behind the adapter's back
 * (raw SQL, truncation between tests); the cache has tests of its own. With DATABASE_URL set, a new uniquely named database on that
 * server (`zt_test_<random>`); otherwise an in-memory PGlite (3–4 s to boot: once per file).
 */
export async function testDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    return { backend: 'pglite', options: { dataDir: 'memory://', readCacheTtlMs: 0 }, drop: async () => {} };
  }
  const name = `zt_test_${randomBytes(6).toString('hex')}`;
  await admin(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    backend: 'postgresql',
    options: { url: url.toString(), poolSize: 4, readCacheTtlMs: 0 },
    drop: () => admin(serverUrl, `drop database if exists ${name} with (force)`),
  };
}

/** Runs one statement outside any transaction (CREATE/DROP DATABASE) on the server's own database. */
async function admin(serverUrl: string, sql: string): Promise<void> {
  const orm = await MikroORM.init({ clientUrl: serverUrl, entities: [], discovery: { warnWhenNoEntities: false }, ensureDatabase: false });
  try {
    await orm.em.getConnection().execute(sql);
  } finally {
    await orm.close();
  }
}

/** The tables of the adapter (every table but the migrations' own), once per persistence. */
const tablesOf = new WeakMap<MikroOrmPersistence, Promise<string>>();

/** Empties every table of the adapter between tests (faster than a new database). */
export async function truncateAll(p: MikroOrmPersistence): Promise<void> {
  // Marks of published events still pending would land on the new rows that take their ids after the restart.
  await p.outboxMarks.flush();
  let tables = tablesOf.get(p);
  if (!tables) {
    tables = p.orm.em
      .fork()
      .getConnection()
      .execute<{ name: string }[]>(
        `select tablename as name from pg_tables where schemaname = current_schema() and tablename <> 'mikro_orm_migrations' order by 1`,
      )
      .then((rows) => rows.map((r) => `"${r.name}"`).join(', '));
    tablesOf.set(p, tables);
  }
  await p.orm.em
    .fork()
    .getConnection()
    .execute(`truncate table ${await tables} restart identity cascade`);
}

/**
 * The database of one test file (PGlite in memory, or a fresh database on DATABASE_URL): opened once,
 * closed and dropped after the file; `fresh()` empties it for the next test; `sql` runs a statement
 * behind the adapter's back (CHECK constraints, corruption for consistency checks).
 */
export function fileDatabase(options: Partial<MikroOrmPersistenceOptions> = {}) {
  let db: TestDatabase | undefined;
  let persistence: MikroOrmPersistence | undefined;
  const ready = (async () => {
    db = await testDatabase();
    persistence = await mikroOrmPersistence({ ...db.options, ...options });
    return persistence;
  })();
  afterAll(async () => {
    await persistence?.close();
    await db?.drop();
  });
  return {
    name: process.env.DATABASE_URL ? 'PostgreSQL server (DATABASE_URL)' : 'PGlite',
    ready,
    fresh: async () => {
      const p = await ready;
      await truncateAll(p);
      return p;
    },
    sql: async (text: string) => (await ready).orm.em.fork().getConnection().execute(text),
  };
}
