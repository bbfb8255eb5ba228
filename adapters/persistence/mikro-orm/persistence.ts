import type { MikroORM } from '@mikro-orm/postgresql';
import type { Persistence } from '../../../application/shared/persistence.js';
import type { EventPublisher } from '../../../application/shared/unit-of-work.js';
import type { EventRouting } from '../../../application/shared/subscriptions.js';
import { migrateOrm, openOrm, type MikroOrmPersistenceOptions } from './open-orm.js';
import { drainOutbox, OutboxMarks } from './outbox.js';
import { SpuDetailCache } from './catalog/spu-detail-cache.js';
import { hearEpochs } from './epoch-listener.js';
import { ReadCaches } from './read-caches.js';
import type { PreparingPool, SqlSessionPool, StatementObserver } from './sql-session.js';
import { BatchingOrderStockLocks } from './inventory/index.js';
import { logPublishError, MikroOrmUnitOfWork } from './unit-of-work.js';
import { MikroOrmJobQueue } from './jobs.js';
import { UnavailableError } from '../../../application/shared/unavailable.js';
import { serverReadiness, sessionReadiness } from './readiness.js';
import type { ClientMakingPool } from './epoch-listener.js';
import { isReadModelKey } from '../../../application/shared/read-model.js';
import { loadContextParts, type PgReadModels, type PgStores, type PostgresContext } from './context-part.js';

/** PostgreSQL persistence; `orm` is exposed for tooling (migrations, schema checks, raw access). */
export interface MikroOrmPersistence extends Persistence {
  readonly kind: 'postgresql';
  readonly orm: MikroORM;
  /** The sessions units of work borrow (MikroORM's `pg` pool, or the PGlite session). */
  readonly sessions: SqlSessionPool;
  /** The contexts' stores on PostgreSQL (`tx.use(key)`). */
  readonly stores: PgStores;
  /** The contexts' read models on PostgreSQL (`readModel(key)`). */
  readonly readModels: PgReadModels;
  /** Published outbox rows are marked in batches (issue #14); `flush()` writes the pending marks now (closing does too). */
  readonly outboxMarks: Pick<OutboxMarks, 'flush'>;
  /** The read caches (decision 0030), unless `readCaches: false`: their epochs and hit counts, for tests and benches. */
  readonly readCaches?: Pick<ReadCaches, 'epochOf' | 'hits' | 'misses'>;
}

/** Every context of zhongtai: the composition root's list, loaded lazily (it imports the whole library). */
async function builtInContexts(): Promise<readonly PostgresContext[]> {
  return (await import('../../container/contexts.js')).CONTEXTS;
}

/**
 * Persistence on PostgreSQL through MikroORM 7: a server when `url` is given, otherwise an embedded
 * PGlite in `dataDir` (default ./.zhongtai/data, `memory://` for a throwaway database). Pending
 * migrations run at start unless `migrate: false`.
 */
export async function mikroOrmPersistence(options: MikroOrmPersistenceOptions = {}): Promise<MikroOrmPersistence> {
  const parts = await loadContextParts(options.contexts ?? (await builtInContexts()));
  const { orm, sessions, epochs } = await openOrm(options, parts);
  try {
    if (options.migrate ?? true) await migrateAtStart(orm, options, parts);
  } catch (error) {
    await orm.close();
    throw error;
  }
  // On a server, the `pg` pool MikroORM built (PGlite has none: it runs in this process anyway).
  const pool = options.url ? ((await orm.em.getConnection().getNativeClient()) as PreparingPool) : undefined;
  // The product-detail cache lives as long as the persistence: the catalog's read model serves from it,
  // this process's units of work invalidate what they wrote on commit (decision 0009).
  const marks = new OutboxMarks(orm.em.fork(), options.onPublishError ?? logPublishError);
  // Read caches (decision 0030), told of every committed change by the database from now on.
  const caches = options.readCaches === false ? undefined : new ReadCaches();
  const stopHearing = caches ? await hearEpochs(epochs, caches) : async () => {};
  const readiness = pool ? serverReadiness(pool as unknown as ClientMakingPool) : sessionReadiness(sessions);
  const cache = new SpuDetailCache(options.readCacheTtlMs ?? 1_000, undefined, undefined, () => caches?.generationOf('catalog'));
  return {
    kind: 'postgresql',
    orm,
    sessions,
    stores: parts.stores,
    readModels: parts.readModels,
    provides: (key) => (isReadModelKey(key) ? parts.readModels.provides(key) : parts.stores.provides(key)),
    // One batcher per publisher (the composition root asks once): batches only form inside one instance.
    orderStockLocks: (publisher: EventPublisher, routing?: EventRouting) =>
      new BatchingOrderStockLocks(
        sessions,
        orm.em.fork(),
        publisher,
        options.onPublishError ?? logPublishError,
        options.batching,
        statementObserver(options),
        routing,
      ),
    unitOfWork: (publisher: EventPublisher, routing?: EventRouting) =>
      new MikroOrmUnitOfWork({
        sessions,
        em: orm.em.fork(),
        publisher,
        cache,
        stores: parts.stores,
        marks,
        ...(caches ? { caches } : {}),
        observe: statementObserver(options),
        ...(routing ? { routing } : {}),
        ...(options.onPublishError ? { onPublishError: options.onPublishError } : {}),
      }),
    // Each read model built once, on first use, with an entity manager of its own.
    readModel: parts.readModels.built(() => ({ em: orm.em.fork(), ...(pool ? { pool } : {}), spuDetailCache: cache })),
    jobQueue: new MikroOrmJobQueue(sessions),
    drainOutbox: (publisher: EventPublisher) => drainOutbox(orm.em.fork(), publisher),
    checkReady: (timeoutMs: number) => readiness.check(timeoutMs),
    outboxMarks: marks,
    ...(caches ? { readCaches: caches } : {}),
    close: async () => {
      await stopHearing();
      await readiness.close();
      await marks.flush();
      await closeForGood(orm);
    },
  };
}

/** Applies pending migrations (the CLI's `zhongtai migrate`); returns the names of those applied. */
export async function migrate(target: Persistence | MikroORM): Promise<string[]> {
  if ('migrator' in target) return migrateOrm(target);
  if ('orm' in target && target.kind === 'postgresql') return migrateOrm((target as MikroOrmPersistence).orm);
  throw new TypeError(`${target.kind} persistence has no migrations`);
}

/**
 * Migrations are batch work (an index over a big table may take minutes): on a server they run on
 * connections of their own, without the online statement and idle-in-transaction timeouts, under the
 * migration lock (`migrateOrm`).
 */
async function migrateAtStart(orm: MikroORM, options: MikroOrmPersistenceOptions, parts: Parameters<typeof openOrm>[1]): Promise<void> {
  if (!options.url) return void (await migrateOrm(orm));
  // The contexts' migrations too: the batch connection runs exactly the migrations `orm` knows.
  // Two connections: the migrations' transaction holding the advisory lock, and the migrator's own.
  const batch = await openOrm({ ...options, poolSize: 2, statementTimeoutMs: 0, idleInTransactionTimeoutMs: 0 }, parts);
  try {
    await migrateOrm(batch.orm);
  } finally {
    await batch.orm.close();
  }
}

/**
 * Closes the ORM and keeps it closed: MikroORM would open a new pool for the next query (a request still
 * in flight at shutdown), which nothing would ever close; it fails as unavailable instead.
 */
async function closeForGood(orm: MikroORM): Promise<void> {
  const connection = orm.em.getConnection() as { connect: () => Promise<unknown> };
  connection.connect = () => Promise.reject(new UnavailableError('shutting_down', 'the database connection is closed'));
  await orm.close();
}

/** `onStatement`, and with `debug` a log line per unit-of-work statement (MikroORM logs the rest). */
function statementObserver(options: MikroOrmPersistenceOptions): StatementObserver | undefined {
  const log: StatementObserver | undefined = options.debug ? (text, params) => console.log('[zhongtai sql]', text, params) : undefined;
  if (!options.onStatement) return log;
  if (!log) return options.onStatement;
  return (text, params) => {
    log(text, params);
    options.onStatement!(text, params);
  };
}
