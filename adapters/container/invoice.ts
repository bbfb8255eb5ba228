import * as invoice from '../../application/invoice/index.js';
import { INVOICE_STORE } from '../../application/invoice/store.js';
import type { InvoicingChannel } from '../../domain/invoice/index.js';
import { seedInvoiceDemo } from '../demo/invoice.js';
import { invoiceRoutes } from '../http/express/invoice/index.js';
import { memoryInvoiceStore } from '../persistence/memory/invoice/repositories.js';
import { baseDeps, defineContext, exposed, memoryStore, type Wiring } from './module.js';

/** `createZhongtai({ invoice })`. */
export interface InvoiceModuleOptions {
  /** The invoicing channel (default none: invoices are requested and wait; the fake one only by name, `fakeInvoicingChannel()`). */
  readonly channel?: InvoicingChannel;
  /** How long before a channel that answered "pending" is asked again (default 5 s). */
  readonly pollMs?: number;
}

const optionsOf = (w: Wiring): InvoiceModuleOptions => (w.options.invoice ?? {}) as InvoiceModuleOptions;

/**
 * 发票 (spec §14, issue #15): blue invoices for what orders keep, issued through the invoicing channel,
 * red-flushed and reissued as after-sales refunds, over HTTP at /me/invoices and /admin/invoices. Reaches
 * orders, refunds and categories through ordering's, after-sales' and catalog's published reads.
 */
export const invoiceContext = defineContext({
  name: 'invoice',
  deps: (w): invoice.InvoiceDeps => {
    const o = optionsOf(w);
    return { ...baseDeps(w), channel: o.channel ?? null, ...(o.pollMs !== undefined ? { pollMs: o.pollMs } : {}) };
  },
  facades: {
    invoices: {
      request: (d) => new invoice.RequestInvoice(d),
      /** What the `order.paid` / `order.completed` subscriptions run. */
      requestOfOrder: (d) => new invoice.RequestInvoiceOfOrder(d),
      /** What the `invoice.issue` job runs. */
      issue: (d) => new invoice.IssueInvoice(d),
      editBuyer: (d) => new invoice.EditInvoiceBuyer(d),
      retry: (d) => new invoice.RetryInvoice(d),
      /** What the refund subscription runs. */
      followRefunds: (d) => new invoice.FollowOrderRefunds(d),
      listOfMember: (d) => new invoice.ListMemberInvoices(d),
      get: (d) => new invoice.GetInvoice(d),
      search: (d) => new invoice.SearchInvoices(d),
      setSettings: (d) => new invoice.SetInvoiceSettings(d),
      getSettings: (d) => new invoice.GetInvoiceSettings(d),
      /** The configured invoicing channel, if any. */
      channel: (d) => exposed(d.channel),
    },
  },
  jobs: (self) => ({
    [invoice.INVOICE_JOB.ISSUE]: async (job) => {
      const { notBefore } = await self.invoices.issue({ invoiceId: String(job.payload.invoiceId) });
      return notBefore ? { notBefore } : undefined;
    },
  }),
  routes: invoiceRoutes,
  subscriptions: (self) => invoice.invoiceSubscriptions(self.invoices),
  demo: (zt) => seedInvoiceDemo(zt),
  persistence: {
    memory: [memoryStore(INVOICE_STORE, memoryInvoiceStore)],
    postgresql: async () => (await import('../persistence/mikro-orm/invoice/index.js')).invoicePostgres,
  },
});
