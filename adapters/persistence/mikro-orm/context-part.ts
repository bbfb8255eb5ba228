import type { MigrationObject } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ReadModelRegistry, type ReadModelFactory, type ReadModelKey } from '../../../application/shared/read-model.js';
import { StoreRegistry, type StoreFactory, type StoreKey } from '../../../application/shared/store.js';
import type { SpuDetailCache } from './catalog/spu-detail-cache.js';
import type { TxScope } from './db.js';
import type { PreparingPool } from './sql-session.js';

/** One context's store on PostgreSQL: built from the transaction's scope (`tx.use(key)`). */
export interface PostgresStoreBinding {
  readonly key: StoreKey<unknown>;
  readonly factory: StoreFactory<TxScope, unknown>;
}

/** Pairs a store key with its PostgreSQL factory (checked to build that store). */
export const pgStore = <S>(key: StoreKey<S>, factory: StoreFactory<TxScope, S>): PostgresStoreBinding => ({ key, factory }) as PostgresStoreBinding;

/**
 * What a read model on PostgreSQL is built from, once per persistence: an entity manager of its own (a
 * fork, reading committed data outside any unit of work), on a server the `pg` pool for prepared
 * statements (absent on PGlite), and the persistence's product-detail cache, which this process's units of
 * work invalidate on commit for the products they wrote (decision 0009).
 */
export interface PgReadModelSource {
  readonly em: EntityManager;
  readonly pool?: PreparingPool;
  readonly spuDetailCache: SpuDetailCache;
}

/** One context's read model on PostgreSQL. */
export interface PostgresReadModelBinding {
  readonly readModel: ReadModelKey<unknown>;
  readonly factory: ReadModelFactory<PgReadModelSource, unknown>;
}

/** Pairs a read model's key with its PostgreSQL factory (checked to build that read model). */
export const pgReadModel = <Q>(key: ReadModelKey<Q>, factory: ReadModelFactory<PgReadModelSource, Q>): PostgresReadModelBinding =>
  ({ readModel: key, factory }) as PostgresReadModelBinding;

/**
 * What a context brings to the PostgreSQL adapter (its module loads it lazily, so the `zhongtai` root
 * never loads MikroORM): the MikroORM entities of its tables, its migrations (run with every other
 * context's in name order), its stores and its read models.
 */
export interface PostgresContextPart {
  readonly entities?: readonly unknown[];
  readonly migrations?: readonly MigrationObject[];
  readonly stores?: readonly PostgresStoreBinding[];
  readonly readModels?: readonly PostgresReadModelBinding[];
}

/** A context as the adapter sees it: only how to load its PostgreSQL part. */
export interface PostgresContext {
  readonly name: string;
  readonly persistence?: { readonly postgresql?: () => Promise<PostgresContextPart> };
}

/** The contexts' stores on PostgreSQL, by key. */
export class PgStores extends StoreRegistry<TxScope> {}

/** The contexts' read models on PostgreSQL, by key; each built once per persistence. */
export class PgReadModels extends ReadModelRegistry<PgReadModelSource> {}

/** Every context's part loaded: the union of entities and migrations, and the stores and read models registered. */
export interface LoadedContextParts {
  readonly entities: unknown[];
  readonly migrations: MigrationObject[];
  readonly stores: PgStores;
  readonly readModels: PgReadModels;
}

/** Loads every context's part: the union of entities and migrations (migrations by name), the stores and read models registered. */
export async function loadContextParts(contexts: readonly PostgresContext[]): Promise<LoadedContextParts> {
  const parts = await Promise.all(contexts.map(async (c) => (await c.persistence?.postgresql?.()) ?? {}));
  const stores = new PgStores();
  const readModels = new PgReadModels();
  for (const part of parts) {
    for (const s of part.stores ?? []) stores.register(s.key, s.factory);
    for (const r of part.readModels ?? []) readModels.register(r.readModel, r.factory);
  }
  return {
    entities: parts.flatMap((p) => p.entities ?? []),
    migrations: parts.flatMap((p) => p.migrations ?? []),
    stores,
    readModels,
  };
}
