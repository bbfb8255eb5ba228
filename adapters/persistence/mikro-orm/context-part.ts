import type { MigrationObject } from '@mikro-orm/core';
import { StoreRegistry, type StoreFactory, type StoreKey } from '../../../application/shared/store.js';
import type { TxScope } from './db.js';

/** One context's store on PostgreSQL: built from the transaction's scope (`tx.use(key)`). */
export interface PostgresStoreBinding {
  readonly key: StoreKey<unknown>;
  readonly factory: StoreFactory<TxScope, unknown>;
}

/** Pairs a store key with its PostgreSQL factory (checked to build that store). */
export const pgStore = <S>(key: StoreKey<S>, factory: StoreFactory<TxScope, S>): PostgresStoreBinding => ({ key, factory }) as PostgresStoreBinding;

/**
 * What a context brings to the PostgreSQL adapter (its module loads it lazily, so the `zhongtai` root
 * never loads MikroORM): the MikroORM entities of its tables, its migrations (run with every other
 * context's in name order), and its stores.
 */
export interface PostgresContextPart {
  readonly entities?: readonly unknown[];
  readonly migrations?: readonly MigrationObject[];
  readonly stores?: readonly PostgresStoreBinding[];
}

/** A context as the adapter sees it: only how to load its PostgreSQL part. */
export interface PostgresContext {
  readonly name: string;
  readonly persistence?: { readonly postgresql?: () => Promise<PostgresContextPart> };
}

/** The contexts' stores on PostgreSQL, by key. */
export class PgStores extends StoreRegistry<TxScope> {}

/** Loads every context's part: the union of entities and migrations (migrations by name), and the stores registered. */
export async function loadContextParts(contexts: readonly PostgresContext[]): Promise<{ entities: unknown[]; migrations: MigrationObject[]; stores: PgStores }> {
  const parts = await Promise.all(contexts.map(async (c) => (await c.persistence?.postgresql?.()) ?? {}));
  const stores = new PgStores();
  for (const part of parts) for (const s of part.stores ?? []) stores.register(s.key, s.factory);
  return {
    entities: parts.flatMap((p) => p.entities ?? []),
    migrations: parts.flatMap((p) => p.migrations ?? []),
    stores,
  };
}
