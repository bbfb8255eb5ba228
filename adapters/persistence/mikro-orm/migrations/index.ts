import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122000000_catalog } from './Migration20261122000000_catalog.js';
import { Migration20261122010000_inventory } from './Migration20261122010000_inventory.js';
import { Migration20261122020000_dispatch } from './Migration20261122020000_dispatch.js';
import { Migration20261122030000_stock_layers } from './Migration20261122030000_stock_layers.js';
import { Migration20261122040000_sales_pools } from './Migration20261122040000_sales_pools.js';
import { Migration20261122060000_promotions } from './Migration20261122060000_promotions.js';
import { Migration20261122070000_purchase_limits } from './Migration20261122070000_purchase_limits.js';
import { Migration20261122090000_cart } from './Migration20261122090000_cart.js';
import { Migration20261122100000_membership } from './Migration20261122100000_membership.js';
import { Migration20261122110000_orders } from './Migration20261122110000_orders.js';
import { Migration20261122140000_idempotency } from './Migration20261122140000_idempotency.js';
import { Migration20261122120000_jobs } from './Migration20261122120000_jobs.js';
import { Migration20261122130000_order_queries } from './Migration20261122130000_order_queries.js';
import { Migration20261122150000_activity_four_eyes } from './Migration20261122150000_activity_four_eyes.js';
import { Migration20261207000000_event_ids } from './Migration20261207000000_event_ids.js';

/**
 * The migrations not yet moved into a context's folder (issue #13), in order; the adapter runs them with
 * every context's own, by name. An explicit list, not a folder glob: the package is ESM compiled to
 * dist/, and a list works the same from sources (tests) and from the build. Append new ones here.
 */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261122000000_catalog', class: Migration20261122000000_catalog },
  { name: 'Migration20261122010000_inventory', class: Migration20261122010000_inventory },
  { name: 'Migration20261122020000_dispatch', class: Migration20261122020000_dispatch },
  { name: 'Migration20261122030000_stock_layers', class: Migration20261122030000_stock_layers },
  { name: 'Migration20261122040000_sales_pools', class: Migration20261122040000_sales_pools },
  { name: 'Migration20261122060000_promotions', class: Migration20261122060000_promotions },
  { name: 'Migration20261122070000_purchase_limits', class: Migration20261122070000_purchase_limits },
  { name: 'Migration20261122090000_cart', class: Migration20261122090000_cart },
  { name: 'Migration20261122100000_membership', class: Migration20261122100000_membership },
  { name: 'Migration20261122110000_orders', class: Migration20261122110000_orders },
  { name: 'Migration20261122120000_jobs', class: Migration20261122120000_jobs },
  { name: 'Migration20261122130000_order_queries', class: Migration20261122130000_order_queries },
  { name: 'Migration20261122140000_idempotency', class: Migration20261122140000_idempotency },
  { name: 'Migration20261122150000_activity_four_eyes', class: Migration20261122150000_activity_four_eyes },
  { name: 'Migration20261207000000_event_ids', class: Migration20261207000000_event_ids },
];
