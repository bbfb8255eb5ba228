import type { Persistence } from '../../../application/shared/persistence.js';
import type { EventPublisher } from '../../../application/shared/unit-of-work.js';
import type { EventRouting } from '../../../application/shared/subscriptions.js';
import { MemoryDatabase } from './memory-database.js';
import { MemoryUnitOfWork, publishOutbox } from './memory-unit-of-work.js';
import { MemoryJobQueue } from './memory-jobs.js';
import { MemoryReadModels, MemoryStores, registerMemoryBinding, type MemoryBinding } from './memory-stores.js';
import { CONTEXTS } from '../../container/contexts.js';
import { isReadModelKey } from '../../../application/shared/read-model.js';

/** A context as the memory adapter sees it: only its memory stores and read models. */
export interface MemoryContext {
  readonly persistence?: { readonly memory?: readonly MemoryBinding[] };
}

export { MemoryDatabase } from './memory-database.js';
export { MemoryUnitOfWork } from './memory-unit-of-work.js';
export { MemoryCatalogQueries } from './catalog/queries.js';
export { MemoryCrossBorderPurchases } from './crossborder/repositories.js';
export { MemoryJobQueue, MemoryJobs } from './memory-jobs.js';
export { MemoryReadModels, MemoryStores, type MemoryBinding, type MemoryReadModelFactory, type MemoryStoreFactory } from './memory-stores.js';
export { MemoryTransactionState } from './memory-transaction.js';

/** The memory adapter: its contexts' stores and read models are registered by the composition root from each context's module. */
export interface MemoryPersistence extends Persistence {
  readonly kind: 'memory';
  readonly stores: MemoryStores;
  readonly readModels: MemoryReadModels;
}

/**
 * In-memory persistence: the default for embedding and for fast tests. Nothing survives the process.
 * It serves the stores and read models of `contexts` (default: every context of zhongtai);
 * `createZhongtai` registers those of any further context it is given.
 */
export function memoryPersistence(db: MemoryDatabase = new MemoryDatabase(), contexts: readonly MemoryContext[] = CONTEXTS): MemoryPersistence {
  const registries = { stores: new MemoryStores(), readModels: new MemoryReadModels() };
  for (const c of contexts) for (const b of c.persistence?.memory ?? []) registerMemoryBinding(registries, b);
  const { stores, readModels } = registries;
  return {
    kind: 'memory',
    stores,
    readModels,
    provides: (key) => (isReadModelKey(key) ? readModels.provides(key) : stores.provides(key)),
    unitOfWork: (publisher: EventPublisher, routing?: EventRouting) => new MemoryUnitOfWork(db, publisher, stores, routing),
    readModel: readModels.built(() => db),
    jobQueue: new MemoryJobQueue(db),
    drainOutbox: (publisher: EventPublisher) => publishOutbox(db, publisher),
    close: async () => {},
  };
}
