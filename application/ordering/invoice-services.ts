import { linePayable } from '../../domain/ordering/amounts.js';
import { sellingShopOf, type InvoiceRequest } from '../../domain/ordering/order-state.js';
import type { OrderStatus } from '../../domain/ordering/status.js';
import type { Money } from '../../domain/shared/money.js';
import type { Transaction } from '../shared/unit-of-work.js';
import { ORDERING_STORE } from './store.js';

/** What the invoice context needs of an order (spec §14): who bought, what was paid per line, its status. */
export interface OrderForInvoice {
  readonly id: string;
  readonly number: string;
  readonly memberId: string;
  /** The shop that sold it (the first line's when its lines are of several shops). */
  readonly shopId: string;
  readonly status: OrderStatus;
  /** ORD-5: a split parent, whose child orders are invoiced instead. */
  readonly split: boolean;
  readonly currency: string;
  /** Each line: its product, units and allocated actual paid amount (ORD-4). */
  readonly lines: readonly { readonly lineId: string; readonly spuId: string; readonly title: string; readonly quantity: number; readonly paid: Money }[];
  /** The freight the member paid (charged less a shipping coupon). */
  readonly freightPaid: Money;
  /** The invoice asked for when placing it, if any. */
  readonly invoiceRequest: InvoiceRequest | null;
}

/** Ordering's published read for invoices, in the caller's transaction: null when there is no such order. */
export async function orderForInvoice(tx: Transaction, orderId: string): Promise<OrderForInvoice | null> {
  const order = await tx.use(ORDERING_STORE).orders.get(orderId);
  if (!order) return null;
  const s = order.toSnapshot();
  return {
    id: s.id,
    number: s.number,
    memberId: s.common.memberId,
    shopId: sellingShopOf(s),
    status: s.status,
    split: s.childIds.length > 0,
    currency: s.currency,
    lines: s.lines.map((l) => ({ lineId: l.lineId, spuId: l.spuId, title: l.title, quantity: l.quantity, paid: linePayable(l.amounts) })),
    freightPaid: s.freight.subtract(s.freightCouponDiscount),
    invoiceRequest: s.common.invoice,
  };
}
