import { INVOICE_STORE } from '../../../../application/invoice/store.js';
import { pgStore, type PostgresContextPart } from '../context-part.js';
import { Migration20261208000000_invoice } from './migrations/Migration20261208000000_invoice.js';
import { InvoiceSchema, InvoiceSettingsSchema } from './records.js';
import { pgInvoiceStore } from './repositories.js';

/** The invoice context on PostgreSQL: `invoice` (one live blue per order, by a partial unique index) and `invoice_settings`. */
export const invoicePostgres: PostgresContextPart = {
  entities: [InvoiceSchema, InvoiceSettingsSchema],
  migrations: [{ name: 'Migration20261208000000_invoice', class: Migration20261208000000_invoice }],
  stores: [pgStore(INVOICE_STORE, pgInvoiceStore)],
};
