import { ORDERING_STORE } from '../../../../application/ordering/store.js';
import { pgStore, type PostgresContextPart } from '../context-part.js';
import { Migration20261122110000_orders } from './migrations/Migration20261122110000_orders.js';
import { Migration20261122130000_order_queries } from './migrations/Migration20261122130000_order_queries.js';
import { Migration20261207100000_drop_covered_indexes } from './migrations/Migration20261207100000_drop_covered_indexes.js';
import { OrderSchema } from './records.js';
import { pgOrderingStore } from './repositories.js';

/** The ordering context on PostgreSQL: `sales_order` (orders and, in its query columns, the read side). */
export const orderingPostgres: PostgresContextPart = {
  entities: [OrderSchema],
  migrations: [
    { name: 'Migration20261122110000_orders', class: Migration20261122110000_orders },
    { name: 'Migration20261122130000_order_queries', class: Migration20261122130000_order_queries },
    { name: 'Migration20261207100000_drop_covered_indexes', class: Migration20261207100000_drop_covered_indexes },
  ],
  stores: [pgStore(ORDERING_STORE, pgOrderingStore)],
};
