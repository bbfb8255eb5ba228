import type { InvoiceStore } from '../../../../application/invoice/store.js';
import { Invoice, type InvoiceSearch, type InvoiceSettings, type InvoiceSettingsRepository, type Invoices } from '../../../../domain/invoice/index.js';
import type { TxScope } from '../db.js';
import { encodeSnapshot, type StoredJson } from '../records/snapshot-json.js';
import { whereGiven } from '../repositories/filters.js';
import { saveVersionedRow } from '../repositories/versioned-row.js';
import { InvoiceRecord, invoiceFromRow, invoiceRecord, settingsFromRow, type InvoiceRow } from './records.js';

/** The invoice store of one PostgreSQL transaction. */
export const pgInvoiceStore = (tx: TxScope): InvoiceStore => ({ invoices: new MikroOrmInvoices(tx), settings: new MikroOrmInvoiceSettings(tx) });

const COLUMNS = 'select snapshot, version from invoice';

/**
 * Invoices on PostgreSQL: one `invoice` row each, the snapshot as jsonb. The partial unique index
 * `invoice_live_blue_unique` keeps one live blue invoice per order; a second is INVOICE.ALREADY_INVOICED
 * (db-errors.ts), whichever transaction wrote first.
 */
export class MikroOrmInvoices implements Invoices {
  constructor(private readonly tx: TxScope) {}

  async get(id: string): Promise<Invoice | null> {
    const [row] = await this.tx.rows<InvoiceRow>(`${COLUMNS} where id = ?`, [id]);
    return row ? Invoice.restore(invoiceFromRow(row)) : null;
  }

  async save(invoice: Invoice): Promise<void> {
    const s = invoice.toSnapshot();
    invoice.markSaved(await saveVersionedRow(this.tx, InvoiceRecord, 'invoices', s.version, invoiceRecord(s, s.version + 1)));
    this.tx.record(invoice.pullEvents());
  }

  async liveBlueOf(orderId: string): Promise<Invoice | null> {
    // The predicate of invoice_live_blue_unique, so the index answers it.
    const [row] = await this.tx.rows<InvoiceRow>(
      `${COLUMNS} where order_id = ? and kind = 'blue' and status in ('requested', 'issuing', 'issued', 'failed', 'flushing')`,
      [orderId],
    );
    return row ? Invoice.restore(invoiceFromRow(row)) : null;
  }

  async ofOrder(orderId: string): Promise<Invoice[]> {
    return this.list(`${COLUMNS} where order_id = ? order by requested_at, id collate "C"`, [orderId]);
  }

  async ofMember(memberId: string): Promise<Invoice[]> {
    return this.list(`${COLUMNS} where member_id = ? order by requested_at desc, id collate "C" desc`, [memberId]);
  }

  async search(q: InvoiceSearch): Promise<Invoice[]> {
    const where = whereGiven([
      ['status = ?', q.status],
      ['kind = ?', q.kind],
      ['shop_id = ?', q.shopId],
      ['order_id = ?', q.orderId],
      ['requested_at >= ?', q.from],
      ['requested_at < ?', q.to],
    ]);
    return this.list(`${COLUMNS}${where.sql} order by requested_at desc, id collate "C" desc limit ?`, [...where.params, q.limit]);
  }

  private async list(sql: string, params: unknown[]): Promise<Invoice[]> {
    return (await this.tx.rows<InvoiceRow>(sql, params)).map((r) => Invoice.restore(invoiceFromRow(r)));
  }
}

/** Invoice settings on PostgreSQL: one `invoice_settings` row per shop, written whole. */
export class MikroOrmInvoiceSettings implements InvoiceSettingsRepository {
  constructor(private readonly tx: TxScope) {}

  async get(shopId: string): Promise<InvoiceSettings | null> {
    const [row] = await this.tx.rows<{ settings: StoredJson }>('select settings from invoice_settings where shop_id = ?', [shopId]);
    return row ? settingsFromRow(row) : null;
  }

  async save(settings: InvoiceSettings): Promise<void> {
    await this.tx.rows(
      'insert into invoice_settings (shop_id, settings) values (?, ?::jsonb) on conflict (shop_id) do update set settings = excluded.settings',
      [settings.shopId, JSON.stringify(encodeSnapshot(settings))],
    );
  }
}
