import { DISPATCH_STORE } from '../../../../application/dispatch/store.js';
import { pgStore, type PostgresContextPart } from '../context-part.js';
import { Migration20261122020000_dispatch } from './migrations/Migration20261122020000_dispatch.js';
import { Migration20261207200400_dispatch_cache } from './migrations/Migration20261207200400_dispatch_cache.js';
import { WarehouseSchema } from './records.js';
import { pgDispatchStore } from './repositories.js';

/** The dispatch context on PostgreSQL: `warehouse` (its delivery tiers as jsonb). */
export const dispatchPostgres: PostgresContextPart = {
  entities: [WarehouseSchema],
  migrations: [
    { name: 'Migration20261122020000_dispatch', class: Migration20261122020000_dispatch },
    { name: 'Migration20261207200400_dispatch_cache', class: Migration20261207200400_dispatch_cache },
  ],
  stores: [pgStore(DISPATCH_STORE, pgDispatchStore)],
};
