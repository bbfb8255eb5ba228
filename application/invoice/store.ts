import type { InvoiceSettingsRepository, Invoices } from '../../domain/invoice/index.js';
import { storeKey } from '../shared/store.js';

/** The invoice context's repositories in one transaction (never exported from the context's index). */
export interface InvoiceStore {
  readonly invoices: Invoices;
  readonly settings: InvoiceSettingsRepository;
}

export const INVOICE_STORE = storeKey<InvoiceStore>('invoice');
