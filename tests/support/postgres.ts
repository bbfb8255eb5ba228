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

/** Empties every table of the adapter between tests (faster than a new database). */
export async function truncateAll(p: MikroOrmPersistence): Promise<void> {
  await p.orm.em
    .fork()
    .getConnection()
    .execute('truncate table sku, spu, category, brand, front_category, outbox, sales_stock, stock_movement, stock_hold, warehouse, stock_pool, dispatch_stock, dispatch_stock_movement, location_stock, location_stock_movement, coupon_template, coupon_member_claim, owned_coupon, activity, activity_budget, activity_budget_charge, group_buy, group_member, bargain, purchase_limit_usage, purchase_limit_consumption, freight_template, shop_freight_settings, sku_freight_template, cart, member, growth_account, points_account, growth_entry, points_entry, member_level_change, member_audit, shop_membership, membership_setting, member_order_fact, member_order_refund, rfm_run, rfm_score, sales_order, payment, payment_order, payment_channel_transaction, idempotency_record, job restart identity cascade');
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
