import { refundedParts } from '../../domain/after-sales/index.js';
import { Money } from '../../domain/shared/money.js';
import type { Transaction } from '../shared/unit-of-work.js';
import { AFTER_SALES_STORE } from './store.js';

/** What the order's issued refunds took back: per line its units and cash, and the freight (for invoices). */
export interface RefundedOfOrder {
  readonly lines: ReadonlyMap<string, { readonly quantity: number; readonly cash: Money }>;
  readonly freight: Money;
}

/**
 * After-sales' published read, in the caller's transaction: the sum of the order's issued refunds by part
 * (`refundedParts`: an agent's amount split over the quote, freight compensation left out).
 */
export async function refundedOfOrder(tx: Transaction, orderId: string, currency: string): Promise<RefundedOfOrder> {
  const lines = new Map<string, { quantity: number; cash: Money }>();
  let freight = Money.zero(currency);
  for (const request of await tx.use(AFTER_SALES_STORE).requests.ofOrder(orderId)) {
    const parts = refundedParts(request.toSnapshot());
    if (!parts) continue;
    freight = freight.add(parts.freight);
    for (const l of parts.lines) {
      const was = lines.get(l.lineId);
      lines.set(l.lineId, { quantity: (was?.quantity ?? 0) + l.quantity, cash: (was?.cash ?? Money.zero(currency)).add(l.cash) });
    }
  }
  return { lines, freight };
}
