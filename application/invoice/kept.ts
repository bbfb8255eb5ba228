import { DEFAULT_SETTINGS, INVOICE_ERRORS, type Invoice, invoiceLines, type InvoiceLine, type InvoiceSettings } from '../../domain/invoice/index.js';
import { Money } from '../../domain/shared/money.js';
import { refundedOfOrder } from '../after-sales/index.js';
import { findSpus } from '../catalog/index.js';
import type { OrderForInvoice } from '../ordering/index.js';
import type { Transaction } from '../shared/unit-of-work.js';
import { INVOICE_JOB } from './jobs.js';
import { INVOICE_STORE } from './store.js';

/** The shop's invoice settings, or the default ones; INVOICE.NOT_CONFIGURED when neither is set. */
export async function settingsFor(tx: Transaction, shopId: string): Promise<InvoiceSettings> {
  const settings = tx.use(INVOICE_STORE).settings;
  const found = (await settings.get(shopId)) ?? (await settings.get(DEFAULT_SETTINGS));
  if (!found) throw INVOICE_ERRORS.raise('NOT_CONFIGURED', `shop ${shopId} has no invoice settings (issuer, rates) and no default is set`, { shopId });
  return found;
}

/**
 * The lines of a blue invoice for what the order keeps now: each line's allocated paid amount (ORD-4)
 * less what its issued refunds took back (after-sales' `refundedOfOrder`), its units less those refunded,
 * taxed at its category's rate (else the shop's goods rate), and the freight kept at the freight rate.
 */
export async function keptLines(tx: Transaction, order: OrderForInvoice, settings: InvoiceSettings): Promise<InvoiceLine[]> {
  const refunded = await refundedOfOrder(tx, order.id, order.currency);
  const spus = await findSpus(tx, [...new Set(order.lines.map((l) => l.spuId))]);
  const categoryOf = new Map(spus.map((s) => [s.id, s.categoryId]));
  const kept = order.lines.map((l) => {
    const back = refunded.lines.get(l.lineId);
    const category = categoryOf.get(l.spuId);
    return {
      lineId: l.lineId,
      title: l.title,
      quantity: l.quantity - (back?.quantity ?? 0),
      kept: l.paid.subtract(back?.cash ?? Money.zero(order.currency)),
      rate: (category !== undefined ? settings.categoryRates[category] : undefined) ?? settings.goodsRate,
    };
  });
  return invoiceLines(kept, { kept: order.freightPaid.subtract(refunded.freight), rate: settings.freightRate, title: '运输服务 (freight)' });
}

/** Schedules the issuing job of an invoice just requested (or requested again). */
export function scheduleIssue(tx: Transaction, invoice: Invoice, at: Date): Promise<void> {
  const s = invoice.toSnapshot();
  const kind = INVOICE_JOB.ISSUE;
  return tx.jobs.schedule({ kind, key: `${kind}:${s.id}:${s.history.length}`, runAt: at, payload: { invoiceId: s.id } });
}
