import { AFTER_SALES_STORE } from '../../../../application/after-sales/store.js';
import { pgStore, type PostgresContextPart } from '../context-part.js';
import { Migration20261207210000_after_sales } from './migrations/Migration20261207210000_after_sales.js';
import { Migration20261208010000_after_sales_shops } from './migrations/Migration20261208010000_after_sales_shops.js';
import { AfterSalesRequestSchema, AfterSalesSettingSchema } from './records.js';
import { pgAfterSalesStore } from './repositories.js';

/** The after-sales context on PostgreSQL: `after_sales_request`, `after_sales_setting`. */
export const afterSalesPostgres: PostgresContextPart = {
  entities: [AfterSalesRequestSchema, AfterSalesSettingSchema],
  migrations: [
    { name: 'Migration20261207210000_after_sales', class: Migration20261207210000_after_sales },
    { name: 'Migration20261208010000_after_sales_shops', class: Migration20261208010000_after_sales_shops },
  ],
  stores: [pgStore(AFTER_SALES_STORE, pgAfterSalesStore)],
};
