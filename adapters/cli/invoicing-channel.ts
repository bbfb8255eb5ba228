import type { InvoicingChannel } from '../../domain/invoice/index.js';
import { fakeInvoicingChannel } from '../channels/invoicing/fake-invoicing-channel.js';
import type { ServiceConfig } from './config.js';

/** What `serve` issues invoices with, and the line it prints about it. */
export interface InvoicingSetup {
  readonly channel: InvoicingChannel | undefined;
  readonly notice: string;
}

/**
 * The invoicing channel of `serve`: the fake one in demo mode only; in production mode none yet (a real
 * channel comes with its own issue) — invoices are then requested and wait, their issuing job retried.
 */
export function invoicingSetup(config: Pick<ServiceConfig, 'demo'>): InvoicingSetup {
  return config.demo
    ? { channel: fakeInvoicingChannel(), notice: 'invoices: the fake invoicing channel (demo mode) issues them at once' }
    : { channel: undefined, notice: 'invoices: no invoicing channel configured — invoices are requested and wait until one is' };
}
