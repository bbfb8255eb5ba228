import { Invoice, sameLines } from '../../domain/invoice/index.js';
import { orderForInvoice } from '../ordering/index.js';
import type { Transaction } from '../shared/unit-of-work.js';
import type { InvoiceDeps } from './deps.js';
import { keptLines, scheduleIssue, settingsFor } from './kept.js';
import { INVOICE_STORE } from './store.js';

/**
 * Makes the order's live blue invoice invoice what the order keeps now, in the caller's transaction
 * (after a refund, and when the channel answers): not yet sent, it is repriced, or cancelled when
 * nothing is kept; issued and no longer right, it is red-flushed (红冲) by a red invoice of its own,
 * and the blue one for the remainder follows once the red one is issued (`afterRedIssued`); being
 * issued or flushed, nothing now — the channel's answer runs this again. True when anything changed.
 */
export async function followKept(tx: Transaction, d: InvoiceDeps, orderId: string): Promise<boolean> {
  const invoices = tx.use(INVOICE_STORE).invoices;
  const blue = await invoices.liveBlueOf(orderId);
  if (!blue || blue.status === 'issuing' || blue.status === 'flushing') return false;
  const order = await orderForInvoice(tx, orderId);
  if (!order) throw new Error(`invoice ${blue.id} names no order ${orderId}`);
  const lines = await keptLines(tx, order, await settingsFor(tx, blue.toSnapshot().shopId));
  if (sameLines(lines, blue.toSnapshot().lines)) return false;
  const at = d.clock.now();
  if (blue.status === 'issued') {
    const red = Invoice.reverse(blue, { id: d.ids.next(), at });
    await invoices.save(blue);
    await invoices.save(red);
    await scheduleIssue(tx, red, at);
    return true;
  }
  blue.reprice(lines, at);
  await invoices.save(blue);
  return true;
}

/**
 * The red invoice was issued: its blue one is red-flushed, and when the order still keeps something a
 * new blue invoice for it is requested with the same buyer (the issuer and rates as set now).
 */
export async function afterRedIssued(tx: Transaction, d: InvoiceDeps, red: Invoice): Promise<void> {
  const invoices = tx.use(INVOICE_STORE).invoices;
  const r = red.toSnapshot();
  const blue = r.reverses === null ? null : await invoices.get(r.reverses);
  if (!blue) throw new Error(`red invoice ${r.id} reverses no invoice ${String(r.reverses)}`);
  const at = d.clock.now();
  blue.flushed(at);
  await invoices.save(blue);
  const order = await orderForInvoice(tx, r.orderId);
  if (!order) throw new Error(`invoice ${r.id} names no order ${r.orderId}`);
  const settings = await settingsFor(tx, r.shopId);
  const lines = await keptLines(tx, order, settings);
  if (lines.length === 0) return;
  const b = blue.toSnapshot();
  const reissued = Invoice.requestBlue({
    id: d.ids.next(),
    orderId: b.orderId,
    memberId: b.memberId,
    shopId: b.shopId,
    buyer: b.buyer,
    issuer: settings.issuer,
    currency: b.currency,
    lines,
    at,
  });
  await invoices.save(reissued);
  await scheduleIssue(tx, reissued, at);
}
