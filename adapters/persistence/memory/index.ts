import type { Persistence } from '../../../application/shared/persistence.js';
import type { EventPublisher } from '../../../application/shared/unit-of-work.js';
import type { EventRouting } from '../../../application/shared/subscriptions.js';
import { MemoryCatalogQueries } from './catalog/queries.js';
import { MemoryDatabase } from './memory-database.js';
import { MemoryUnitOfWork, publishOutbox } from './memory-unit-of-work.js';
import { MemoryJobQueue } from './memory-jobs.js';
import { MemoryStores, type MemoryStoreFactory } from './memory-stores.js';
import { CONTEXTS } from '../../container/contexts.js';
import type { StoreKey } from '../../../application/shared/store.js';

/** A context as the memory adapter sees it: only its memory stores. */
export interface MemoryContext {
  readonly persistence?: { readonly memory?: readonly { readonly key: StoreKey<unknown>; readonly factory: MemoryStoreFactory<unknown> }[] };
}

export { MemoryDatabase } from './memory-database.js';
export { MemoryUnitOfWork } from './memory-unit-of-work.js';
export { MemoryCatalogQueries } from './catalog/queries.js';
export { MemoryCrossBorderPurchases } from './crossborder/repositories.js';
export { MemoryJobQueue, MemoryJobs } from './memory-jobs.js';
export { MemoryStores, type MemoryStoreFactory } from './memory-stores.js';
export { MemoryTransactionState } from './memory-transaction.js';

/** The memory adapter: its contexts' stores are registered by the composition root from each context's module. */
export interface MemoryPersistence extends Persistence {
  readonly kind: 'memory';
  readonly stores: MemoryStores;
}

/**
 * In-memory persistence: the default for embedding and for fast tests. Nothing survives the process.
 * It serves the stores of `contexts` (default: every context of zhongtai); `createZhongtai` registers
 * those of any further context it is given.
 */
export function memoryPersistence(db: MemoryDatabase = new MemoryDatabase(), contexts: readonly MemoryContext[] = CONTEXTS): MemoryPersistence {
  const stores = new MemoryStores();
  for (const c of contexts) for (const s of c.persistence?.memory ?? []) stores.register(s.key, s.factory);
  return {
    kind: 'memory',
    stores,
    provides: (key) => stores.provides(key),
    unitOfWork: (publisher: EventPublisher, routing?: EventRouting) => new MemoryUnitOfWork(db, publisher, stores, routing),
    catalogQueries: new MemoryCatalogQueries(db),
    jobQueue: new MemoryJobQueue(db),
    drainOutbox: (publisher: EventPublisher) => publishOutbox(db, publisher),
    close: async () => {},
  };
}
