import type { Persistence } from '../../../application/shared/persistence.js';
import type { EventPublisher } from '../../../application/shared/unit-of-work.js';
import { MemoryCatalogQueries } from './memory-catalog-queries.js';
import { MemoryDatabase } from './memory-database.js';
import { MemoryUnitOfWork, publishOutbox } from './memory-unit-of-work.js';
import { MemoryJobQueue } from './memory-jobs.js';

export { MemoryDatabase } from './memory-database.js';
export { MemoryUnitOfWork } from './memory-unit-of-work.js';
export { MemoryCatalogQueries } from './memory-catalog-queries.js';
export { MemoryCrossBorderPurchases } from './memory-crossborder-purchases.js';
export { MemoryJobQueue, MemoryJobs } from './memory-jobs.js';

/** In-memory persistence: the default for embedding and for fast tests. Nothing survives the process. */
export function memoryPersistence(db: MemoryDatabase = new MemoryDatabase()): Persistence {
  return {
    kind: 'memory',
    unitOfWork: (publisher: EventPublisher) => new MemoryUnitOfWork(db, publisher),
    catalogQueries: new MemoryCatalogQueries(db),
    jobQueue: new MemoryJobQueue(db),
    drainOutbox: (publisher: EventPublisher) => publishOutbox(db, publisher),
    close: async () => {},
  };
}
