import { ReadModelRegistry, type ReadModelFactory, type ReadModelKey } from '../../../application/shared/read-model.js';
import { StoreRegistry, type StoreFactory, type StoreKey } from '../../../application/shared/store.js';
import type { MemoryDatabase } from './memory-database.js';
import type { MemoryTransactionState } from './memory-transaction.js';

/** How the memory adapter builds one context's store inside a transaction. */
export type MemoryStoreFactory<S> = StoreFactory<MemoryTransactionState, S>;

/** The contexts' memory stores by key (issue #13), registered by the composition root from each context's module. */
export class MemoryStores extends StoreRegistry<MemoryTransactionState> {}

/** How the memory adapter builds one context's read model: over the database's committed tables. */
export type MemoryReadModelFactory<Q> = ReadModelFactory<MemoryDatabase, Q>;

/** The contexts' memory read models by key, registered like the stores; each built once per persistence. */
export class MemoryReadModels extends ReadModelRegistry<MemoryDatabase> {}

/** One context's memory store (`memoryStore(KEY, factory)`) or read model (`memoryReadModel(KEY, factory)`). */
export type MemoryBinding =
  | { readonly key: StoreKey<unknown>; readonly factory: MemoryStoreFactory<unknown> }
  | { readonly readModel: ReadModelKey<unknown>; readonly factory: MemoryReadModelFactory<unknown> };

/** Registers one memory binding with the persistence's stores or read models. */
export function registerMemoryBinding(p: { readonly stores: MemoryStores; readonly readModels: MemoryReadModels }, b: MemoryBinding): void {
  if ('readModel' in b) p.readModels.register(b.readModel, b.factory);
  else p.stores.register(b.key, b.factory);
}
