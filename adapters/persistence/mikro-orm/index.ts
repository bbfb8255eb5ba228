/**
 * `zhongtai/mikro-orm`: persistence on PostgreSQL (a server, or an embedded PGlite) through MikroORM 7.
 * Mapping, migrations and SQL live here; the domain knows nothing of them.
 */
export { mikroOrmPersistence, migrate, type MikroOrmPersistence } from './persistence.js';
export { DEFAULT_DATA_DIR, type MikroOrmPersistenceOptions } from './open-orm.js';
export { DataFolderLockedError, LOCK_FILE, type LockRecord } from './data-folder-lock.js';
export { pgliteDialect } from './pglite-dialect.js';
export { MoneyType } from './types/money-type.js';
export { MikroOrmUnitOfWork } from './unit-of-work.js';
export { MikroOrmCatalogQueries } from './catalog/queries.js';
export { schemas } from './records/index.js';
export { migrationsList } from './migrations/index.js';
export { BatchingOrderStockLocks, type BatchingOptions } from './inventory/index.js';
export { MikroOrmJobQueue, MikroOrmJobs } from './jobs.js';
// A host's context with tables: its PostgreSQL part (docs/adding-a-context.md).
export type { TxScope } from './db.js';
export {
  pgStore,
  pgReadModel,
  type PostgresContextPart,
  type PostgresStoreBinding,
  type PostgresReadModelBinding,
  type PgReadModelSource,
} from './context-part.js';
