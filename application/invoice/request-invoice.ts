import { INVOICE_ERRORS, Invoice, type Buyer, type InvoiceSnapshot } from '../../domain/invoice/index.js';
import type { OrderStatus } from '../../domain/ordering/index.js';
import { isDomainError } from '../../domain/shared/domain-error.js';
import { orderForInvoice, type OrderForInvoice } from '../ordering/index.js';
import type { Transaction } from '../shared/unit-of-work.js';
import type { InvoiceDeps } from './deps.js';
import { keptLines, scheduleIssue, settingsFor } from './kept.js';
import { INVOICE_STORE } from './store.js';

const PAID: readonly OrderStatus[] = ['pending_shipment', 'shipped', 'pending_redemption', 'completed'];
const RECEIVED: readonly OrderStatus[] = ['completed'];

/**
 * A blue invoice for the order, in the caller's transaction (spec §14): the order is paid — or received,
 * when its shop invoices on receipt — and not a split parent (its child orders are invoiced); its lines
 * are what it keeps (`keptLines`); nothing kept, or not yet invoiceable: INVOICE.NOT_INVOICEABLE. A live
 * blue invoice of the order already: INVOICE.ALREADY_INVOICED (the database refuses a second one too,
 * whoever writes it). The issuing job is scheduled with it.
 */
async function requestBlue(tx: Transaction, d: InvoiceDeps, order: OrderForInvoice, buyer: Buyer): Promise<Invoice> {
  const settings = await settingsFor(tx, order.shopId);
  const when = settings.issueWhen === 'paid' ? PAID : RECEIVED;
  if (order.split) {
    throw INVOICE_ERRORS.raise('NOT_INVOICEABLE', `order ${order.id} was split: each of its child orders is invoiced`, { orderId: order.id, reason: 'split' });
  }
  if (!when.includes(order.status)) {
    throw INVOICE_ERRORS.raise('NOT_INVOICEABLE', `order ${order.id} is ${order.status}: its shop invoices orders once ${settings.issueWhen}`, {
      orderId: order.id,
      status: order.status,
      issueWhen: settings.issueWhen,
    });
  }
  const invoices = tx.use(INVOICE_STORE).invoices;
  if (await invoices.liveBlueOf(order.id)) {
    throw INVOICE_ERRORS.raise('ALREADY_INVOICED', `order ${order.id} has an invoice already`, { orderId: order.id });
  }
  const at = d.clock.now();
  const invoice = Invoice.requestBlue({
    id: d.ids.next(),
    orderId: order.id,
    memberId: order.memberId,
    shopId: order.shopId,
    buyer,
    issuer: settings.issuer,
    currency: order.currency,
    lines: await keptLines(tx, order, settings),
    at,
  });
  await invoices.save(invoice);
  await scheduleIssue(tx, invoice, at);
  return invoice;
}

/** The member asks for an invoice of their own order (another member's: INVOICE.ORDER_NOT_FOUND). */
export class RequestInvoice {
  constructor(private readonly d: InvoiceDeps) {}

  execute(cmd: { readonly memberId: string; readonly orderId: string; readonly buyer: Buyer }): Promise<InvoiceSnapshot> {
    return this.d.uow.run(async (tx) => {
      const order = await orderForInvoice(tx, cmd.orderId);
      if (!order || order.memberId !== cmd.memberId) throw INVOICE_ERRORS.raise('ORDER_NOT_FOUND', `no order ${cmd.orderId}`, { orderId: cmd.orderId });
      return (await requestBlue(tx, this.d, order, cmd.buyer)).toSnapshot();
    });
  }
}

/**
 * The invoice asked for when the order was placed (its title and tax number), requested once the order
 * is invoiceable: what the `order.paid` and `order.completed` subscriptions run. Idempotent: an order
 * with an invoice already, without a stored request, not invoiceable yet (the shop invoices on receipt)
 * or not invoiceable at all (a split parent, fully refunded, no settings) gets none (`requested: false`).
 */
export class RequestInvoiceOfOrder {
  constructor(private readonly d: InvoiceDeps) {}

  execute(cmd: { readonly orderId: string }): Promise<{ requested: boolean }> {
    return this.d.uow.run(async (tx) => {
      const order = await orderForInvoice(tx, cmd.orderId);
      const asked = order?.invoiceRequest;
      if (!order || !asked) return { requested: false };
      if ((await tx.use(INVOICE_STORE).invoices.ofOrder(order.id)).some((i) => i.toSnapshot().kind === 'blue')) return { requested: false };
      const buyer: Buyer = { type: asked.taxNumber ? 'company' : 'personal', title: asked.title, taxNumber: asked.taxNumber, email: null, address: null };
      try {
        await requestBlue(tx, this.d, order, buyer);
        return { requested: true };
      } catch (error) {
        if (isExpected(error)) return { requested: false };
        throw error;
      }
    });
  }
}

// Not ALREADY_INVOICED: past the check above it only comes from a member's request racing this one, caught
// by the database, whose transaction cannot commit — it is thrown, and the redelivery finds the invoice.
const EXPECTED = [INVOICE_ERRORS.codes.NOT_INVOICEABLE, INVOICE_ERRORS.codes.NOT_CONFIGURED, INVOICE_ERRORS.codes.INVALID_BUYER];
const isExpected = (error: unknown): boolean => isDomainError(error) && (EXPECTED as readonly string[]).includes(error.code);
