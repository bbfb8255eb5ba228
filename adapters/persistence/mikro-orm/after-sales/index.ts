import { AFTER_SALES_STORE } from '../../../../application/after-sales/store.js';
import { pgStore, type PostgresContextPart } from '../context-part.js';
import { Migration20261207210000_after_sales } from './migrations/Migration20261207210000_after_sales.js';
import { AfterSalesRequestSchema } from './records.js';
import { pgAfterSalesStore } from './repositories.js';

/** The after-sales context on PostgreSQL: `after_sales_request`. */
export const afterSalesPostgres: PostgresContextPart = {
  entities: [AfterSalesRequestSchema],
  migrations: [{ name: 'Migration20261207210000_after_sales', class: Migration20261207210000_after_sales }],
  stores: [pgStore(AFTER_SALES_STORE, pgAfterSalesStore)],
};
