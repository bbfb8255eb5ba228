import type { InvoiceSearch, InvoiceSnapshot } from '../../domain/invoice/index.js';
import type { InvoiceDeps } from './deps.js';
import { requireInvoice } from './edit-invoice.js';
import { INVOICE_STORE } from './store.js';

/** The member's invoices, newest first. */
export class ListMemberInvoices {
  constructor(private readonly d: InvoiceDeps) {}

  execute(cmd: { readonly memberId: string }): Promise<InvoiceSnapshot[]> {
    return this.d.uow.run(async (tx) => (await tx.use(INVOICE_STORE).invoices.ofMember(cmd.memberId)).map((i) => i.toSnapshot()));
  }
}

/** One invoice with its timeline: the member's own (`memberId` given), or any (staff). INVOICE.INVOICE_NOT_FOUND otherwise. */
export class GetInvoice {
  constructor(private readonly d: InvoiceDeps) {}

  execute(cmd: { readonly invoiceId: string; readonly memberId?: string }): Promise<InvoiceSnapshot> {
    return this.d.uow.run(async (tx) => (await requireInvoice(tx, cmd.invoiceId, cmd.memberId)).toSnapshot());
  }
}

/** Staff search: by status, kind, shop, order and time requested, newest first. */
export class SearchInvoices {
  constructor(private readonly d: InvoiceDeps) {}

  execute(q: InvoiceSearch): Promise<InvoiceSnapshot[]> {
    return this.d.uow.run(async (tx) => (await tx.use(INVOICE_STORE).invoices.search(q)).map((i) => i.toSnapshot()));
  }
}
