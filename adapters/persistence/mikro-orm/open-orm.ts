import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { MigrationObject } from '@mikro-orm/core';
import type { PostgresContext } from './context-part.js';
import { Migrator } from '@mikro-orm/migrations';
import { MikroORM, type Options } from '@mikro-orm/postgresql';
import type { BatchingOptions } from './inventory/index.js';
import { migrationsList } from './migrations/index.js';
import { embeddedFolder, lockDataFolder } from './data-folder-lock.js';
import { pgliteDialect, pgliteSessionPool, type PgliteEnd } from './pglite-dialect.js';
import { boundPoolQueue, DEFAULT_SESSION_LIMITS, type SessionLimits } from './session-gate.js';
import { pgSessionPool, type PgPoolLike, type SqlSessionPool } from './sql-session.js';
import { schemas } from './records/index.js';
import { pgliteEpochSource, serverEpochSource, type ClientMakingPool, type EpochSource } from './epoch-listener.js';

export interface MikroOrmPersistenceOptions {
  /** A `postgres://` URL (e.g. `DATABASE_URL`): connect to that server through a `pg` pool. */
  readonly url?: string;
  /**
   * Without `url`: where the embedded PGlite keeps its files; `memory://` keeps nothing. A folder has one
   * owner: opening a folder another process (or this one) has open throws `DataFolderLockedError` (decision 0025).
   */
  readonly dataDir?: string;
  /** Without `url`: an already started PGlite to use (it is left open on close). */
  readonly pglite?: PGlite;
  /** Run pending migrations at start (default true). */
  readonly migrate?: boolean;
  /** Connections in the `pg` pool (default 10). PGlite always has one session. */
  readonly poolSize?: number;
  /**
   * How long the read side may serve a cached product detail (`CatalogQueries.spu`), in ms, while the
   * read caches do not know the catalog's epoch (`readCaches: false`, or not listening yet); default
   * 1000, 0 turns the cache off. Otherwise a detail serves until the catalog changes (decision 0030).
   * Writes of this process invalidate at once. Use cases never read through it.
   */
  readonly readCacheTtlMs?: number;
  /** On a server: how long a statement may wait for a row lock (default 5000 ms). */
  readonly lockTimeoutMs?: number;
  /**
   * How long a unit of work or a query waits for a free session before failing with the retryable
   * UnavailableError (HTTP 503), in ms (default 5000). Bounds the wait behind a saturated pool, a busy
   * PGlite, or a server that does not accept connections.
   */
  readonly acquireTimeoutMs?: number;
  /** How many may wait for a session at once (default 100); past it a new one fails at once with UnavailableError. */
  readonly maxWaiting?: number;
  /** On a server: `statement_timeout` of its sessions, in ms (default 30000; 0 = none). Past it: UnavailableError. */
  readonly statementTimeoutMs?: number;
  /** On a server: `idle_in_transaction_session_timeout`, in ms (default 60000; 0 = none): a transaction left idle loses its session. */
  readonly idleInTransactionTimeoutMs?: number;
  /** Group commit of order stock locks (`BatchingOrderStockLocks`): batches in flight and their size. */
  readonly batching?: BatchingOptions;
  /**
   * Serve what every checkout reads and operators rarely change (products by SKU, live activities,
   * freight rules, active warehouses) from in-process caches kept fresh by the database's notifications
   * (default true; decision 0030). False: every read goes to the database.
   */
  readonly readCaches?: boolean;
  /** Log every SQL statement. */
  readonly debug?: boolean;
  /**
   * The contexts whose tables, migrations and stores this persistence serves (default: every context of
   * zhongtai). A host that adds a context of its own passes the same list to `createZhongtai`.
   */
  readonly contexts?: readonly PostgresContext[];
  /** Told every statement a unit of work sends, with its parameters (tests, tracing). */
  readonly onStatement?: (text: string, params: readonly unknown[]) => void;
  /**
   * Told when publishing failed after a commit: the change stands and the events stay in the outbox
   * for `drainOutbox`. Default: console.error, as the memory adapter does.
   */
  readonly onPublishError?: (error: unknown) => void;
}

export const DEFAULT_DATA_DIR = './.zhongtai/data';

/**
 * Starts MikroORM on PostgreSQL or on an embedded PGlite, with the adapter's schemas and migrations,
 * and the pool of sessions the unit of work borrows: MikroORM's own `pg` pool on a server (same
 * connections, type parsers and lock timeout), PGlite's one session otherwise.
 */
export async function openOrm(
  options: MikroOrmPersistenceOptions,
  parts: { readonly entities?: readonly unknown[]; readonly migrations?: readonly MigrationObject[] } = {},
): Promise<{ orm: MikroORM; sessions: SqlSessionPool; epochs: EpochSource }> {
  // The contexts' own tables and migrations (issue #13) beside those not yet moved into a context's folder.
  const all = [...migrationsList, ...(parts.migrations ?? [])].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const common: Options = {
    entities: [...schemas, ...((parts.entities ?? []) as typeof schemas)],
    extensions: [Migrator],
    migrations: { migrationsList: all, snapshot: false, silent: !options.debug, transactional: true },
    debug: options.debug ?? false,
    // The adapter queries through forks and explicit transactions, never through the global context.
    allowGlobalContext: false,
  };
  const limits = sessionLimits(options);
  if (options.url) {
    const orm = await MikroORM.init({
      ...common,
      clientUrl: options.url,
      // Checking (and creating) the database on connect is batch work: under a short online statement
      // timeout it could be cut. Migrating at start does it on its own connection without the timeout.
      ensureDatabase: (options.statementTimeoutMs ?? 30_000) <= 0,
      pool: { min: 0, max: options.poolSize ?? 10 },
      driverOptions: {
        // A row lock waited on longer than this fails the statement (SQLSTATE 55P03), surfaced as the
        // retryable CONCURRENCY.BUSY instead of a caller hanging behind a hot row.
        lock_timeout: options.lockTimeoutMs ?? 5_000,
        // Bounded waits (decision 0024): for a connection, for a statement, for a transaction left idle.
        connectionTimeoutMillis: limits.acquireTimeoutMs,
        statement_timeout: orNone(options.statementTimeoutMs ?? 30_000),
        idle_in_transaction_session_timeout: orNone(options.idleInTransactionTimeoutMs ?? 60_000),
        onPoolCreated: (pool: Parameters<typeof boundPoolQueue>[0]) => boundPoolQueue(pool, limits.maxWaiting),
      },
    });
    onServer.add(orm);
    const pool = (await orm.em.getConnection().getNativeClient()) as PgPoolLike & ClientMakingPool;
    return { orm, sessions: pgSessionPool(pool), epochs: serverEpochSource(pool) };
  }
  if (options.pglite)
    return {
      orm: await ormOnPglite(common, options.pglite, { closeOnEnd: false, limits }),
      sessions: pgliteSessionPool(options.pglite, limits),
      epochs: pgliteEpochSource(options.pglite),
    };
  // The folder is locked before PGlite opens it, and given back once PGlite has closed (decision 0025).
  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
  const folder = embeddedFolder(dataDir);
  if (folder) await mkdir(folder, { recursive: true });
  const lock = folder ? await lockDataFolder(folder) : undefined;
  try {
    const pglite = await PGlite.create(folder ?? dataDir);
    return {
      orm: await ormOnPglite(common, pglite, { closeOnEnd: true, onEnd: lock?.release, limits }),
      sessions: pgliteSessionPool(pglite, limits),
      epochs: pgliteEpochSource(pglite),
    };
  } catch (error) {
    await lock?.release();
    throw error;
  }
}

/** MikroORM on a started PGlite; closed with it when `closeOnEnd`, also when MikroORM fails to start. */
async function ormOnPglite(common: Options, pglite: PGlite, end: PgliteEnd & { readonly limits: SessionLimits }): Promise<MikroORM> {
  try {
    return await MikroORM.init({
      ...common,
      dbName: 'postgres', // PGlite's one database
      driverOptions: pgliteDialect(pglite, end),
    });
  } catch (error) {
    if (end.closeOnEnd) await pglite.close();
    throw error;
  }
}

/** The ORMs `openOrm` started on a PostgreSQL server (the others run on PGlite). */
const onServer = new WeakSet<MikroORM>();

/** The advisory lock migrations hold on a server ('zhon' in ASCII): one migrating process at a time. */
export const MIGRATION_LOCK = 0x7a686f6e;

/**
 * Applies the pending migrations; returns the names of those applied. On a server, all of them in one
 * transaction that first takes the advisory lock `MIGRATION_LOCK`: processes starting at once migrate one
 * after the other, and each finds what is pending only once it holds the lock (the later ones: nothing).
 * The migrator prepares its own table on a second connection meanwhile, so the pool needs two.
 */
export async function migrateOrm(orm: MikroORM): Promise<string[]> {
  if (!onServer.has(orm)) return names(await orm.migrator.up()); // PGlite: its folder has one owner (decision 0025)
  const connection = orm.em.getConnection();
  return connection.transactional(async (trx) => {
    await connection.execute('select pg_advisory_xact_lock(?)', [MIGRATION_LOCK], 'all', trx);
    return names(await orm.migrator.up({ transaction: trx }));
  });
}

const names = (applied: readonly { readonly name: string }[]): string[] => applied.map((m) => m.name);

function sessionLimits(options: MikroOrmPersistenceOptions): SessionLimits {
  return {
    acquireTimeoutMs: Math.max(1, options.acquireTimeoutMs ?? DEFAULT_SESSION_LIMITS.acquireTimeoutMs),
    maxWaiting: Math.max(0, options.maxWaiting ?? DEFAULT_SESSION_LIMITS.maxWaiting),
  };
}

/** `pg` leaves a session setting at the server's default when given `false`. */
const orNone = (ms: number): number | false => (ms > 0 ? ms : false);
