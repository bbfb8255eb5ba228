import { INVOICE_ERRORS, type Buyer, type Invoice, type InvoiceSnapshot } from '../../domain/invoice/index.js';
import type { Transaction } from '../shared/unit-of-work.js';
import type { InvoiceDeps } from './deps.js';
import { scheduleIssue } from './kept.js';
import { INVOICE_STORE } from './store.js';

/** The invoice, as its member sees it (another member's: not found), or as staff do (`memberId` undefined). */
export async function requireInvoice(tx: Transaction, invoiceId: string, memberId?: string): Promise<Invoice> {
  const invoice = await tx.use(INVOICE_STORE).invoices.get(invoiceId);
  if (!invoice || (memberId !== undefined && invoice.toSnapshot().memberId !== memberId)) {
    throw INVOICE_ERRORS.raise('INVOICE_NOT_FOUND', `no invoice ${invoiceId}`, { invoiceId });
  }
  return invoice;
}

/**
 * The member edits the buyer's fields (title, taxpayer number, email, address) of their invoice until it
 * is issued (INVOICE.NOT_EDITABLE once it is, or while the channel is issuing it); the issuer, lines and
 * rates are never the buyer's. A failed invoice is requested again with the new fields.
 */
export class EditInvoiceBuyer {
  constructor(private readonly d: InvoiceDeps) {}

  execute(cmd: { readonly invoiceId: string; readonly memberId: string; readonly buyer: Buyer }): Promise<InvoiceSnapshot> {
    return this.d.uow.run(async (tx) => {
      const invoice = await requireInvoice(tx, cmd.invoiceId, cmd.memberId);
      const was = invoice.status;
      const at = this.d.clock.now();
      invoice.editBuyer(cmd.buyer, at);
      await tx.use(INVOICE_STORE).invoices.save(invoice);
      if (was === 'failed') await scheduleIssue(tx, invoice, at);
      return invoice.toSnapshot();
    });
  }
}

/** Staff send a failed invoice to the channel again (INVOICE.INVALID_TRANSITION unless failed). */
export class RetryInvoice {
  constructor(private readonly d: InvoiceDeps) {}

  execute(cmd: { readonly invoiceId: string }): Promise<InvoiceSnapshot> {
    return this.d.uow.run(async (tx) => {
      const invoice = await requireInvoice(tx, cmd.invoiceId);
      if (invoice.status !== 'failed') {
        throw INVOICE_ERRORS.raise('INVALID_TRANSITION', `invoice ${invoice.id} is ${invoice.status}: only a failed invoice is retried`, {
          from: invoice.status,
          to: 'issuing',
        });
      }
      await scheduleIssue(tx, invoice, this.d.clock.now());
      return invoice.toSnapshot();
    });
  }
}
