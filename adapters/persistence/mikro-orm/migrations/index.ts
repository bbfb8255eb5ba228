import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261121000000_outbox } from './Migration20261121000000_outbox.js';
import { Migration20261122140000_idempotency } from './Migration20261122140000_idempotency.js';
import { Migration20261122120000_jobs } from './Migration20261122120000_jobs.js';
import { Migration20261207000000_event_ids } from './Migration20261207000000_event_ids.js';
import { Migration20261207200000_read_caches } from './Migration20261207200000_read_caches.js';

/**
 * The migrations of no context (outbox, jobs, idempotency keys, event ids, read-cache epochs), in order; the adapter runs them with
 * every context's own, by name. An explicit list, not a folder glob: the package is ESM compiled to
 * dist/, and a list works the same from sources (tests) and from the build. Append new ones here.
 */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261121000000_outbox', class: Migration20261121000000_outbox },
  { name: 'Migration20261122120000_jobs', class: Migration20261122120000_jobs },
  { name: 'Migration20261122140000_idempotency', class: Migration20261122140000_idempotency },
  { name: 'Migration20261207000000_event_ids', class: Migration20261207000000_event_ids },
  { name: 'Migration20261207200000_read_caches', class: Migration20261207200000_read_caches },
];
