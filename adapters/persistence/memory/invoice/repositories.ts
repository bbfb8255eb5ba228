import type { InvoiceStore } from '../../../../application/invoice/store.js';
import {
  INVOICE_ERRORS,
  Invoice,
  LIVE_BLUE_STATUSES,
  type InvoiceSearch,
  type InvoiceSettings,
  type InvoiceSettingsRepository,
  type InvoiceSnapshot,
  type Invoices,
} from '../../../../domain/invoice/index.js';
import type { MemoryTransactionState } from '../memory-transaction.js';

const INVOICES = 'invoices';
const SETTINGS = 'invoiceSettings';

/** The invoice store of one memory transaction. */
export const memoryInvoiceStore = (tx: MemoryTransactionState): InvoiceStore => ({
  invoices: new MemoryInvoices(tx),
  settings: new MemoryInvoiceSettings(tx),
});

const byRequested = (a: InvoiceSnapshot, b: InvoiceSnapshot) => a.requestedAt.getTime() - b.requestedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const isLiveBlue = (s: InvoiceSnapshot) => s.kind === 'blue' && LIVE_BLUE_STATUSES.includes(s.status);

/** Invoices in memory (table `invoices`), optimistic like every aggregate; one live blue invoice per order, as PostgreSQL's index says. */
export class MemoryInvoices implements Invoices {
  constructor(private readonly tx: MemoryTransactionState) {}

  async get(id: string): Promise<Invoice | null> {
    const s = this.tx.read<InvoiceSnapshot>(INVOICES, id);
    return s ? Invoice.restore(s) : null;
  }

  async save(invoice: Invoice): Promise<void> {
    const s = invoice.toSnapshot();
    if (isLiveBlue(s) && this.all().some((o) => o.id !== s.id && o.orderId === s.orderId && isLiveBlue(o))) {
      throw INVOICE_ERRORS.raise('ALREADY_INVOICED', `order ${s.orderId} has an invoice already`, { orderId: s.orderId });
    }
    invoice.markSaved(this.tx.write(INVOICES, s));
    this.tx.record(invoice.pullEvents());
  }

  async liveBlueOf(orderId: string): Promise<Invoice | null> {
    const s = this.all().find((o) => o.orderId === orderId && isLiveBlue(o));
    return s ? Invoice.restore(s) : null;
  }

  async ofOrder(orderId: string): Promise<Invoice[]> {
    return this.list((s) => s.orderId === orderId, false);
  }

  async ofMember(memberId: string): Promise<Invoice[]> {
    return this.list((s) => s.memberId === memberId, true);
  }

  async search(q: InvoiceSearch): Promise<Invoice[]> {
    return this.list(
      (s) =>
        (q.status === undefined || s.status === q.status) &&
        (q.kind === undefined || s.kind === q.kind) &&
        (q.shopId === undefined || s.shopId === q.shopId) &&
        (q.orderId === undefined || s.orderId === q.orderId) &&
        (q.from === undefined || s.requestedAt >= q.from) &&
        (q.to === undefined || s.requestedAt < q.to),
      true,
    ).slice(0, q.limit);
  }

  private all(): InvoiceSnapshot[] {
    return this.tx.rows<InvoiceSnapshot>(INVOICES);
  }

  private list(keep: (s: InvoiceSnapshot) => boolean, newestFirst: boolean): Invoice[] {
    return this.all()
      .filter(keep)
      .sort((a, b) => (newestFirst ? byRequested(b, a) : byRequested(a, b)))
      .map((s) => Invoice.restore(s));
  }
}

/** Invoice settings in memory (table `invoiceSettings`, keyed by shop id). */
export class MemoryInvoiceSettings implements InvoiceSettingsRepository {
  constructor(private readonly tx: MemoryTransactionState) {}

  async get(shopId: string): Promise<InvoiceSettings | null> {
    const row = this.tx.read<InvoiceSettings & { id: string; version: number }>(SETTINGS, shopId);
    if (!row) return null;
    const { id: _id, version: _version, ...settings } = row;
    return settings;
  }

  async save(settings: InvoiceSettings): Promise<void> {
    const version = this.tx.read<{ version: number }>(SETTINGS, settings.shopId)?.version ?? 0;
    this.tx.write(SETTINGS, { ...settings, id: settings.shopId, version });
  }
}
