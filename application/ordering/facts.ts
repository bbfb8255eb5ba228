import type { OrderStatus } from '../../domain/ordering/status.js';
import type { Transaction } from '../shared/unit-of-work.js';
import { ORDERING_STORE } from './store.js';

/** What other contexts may know of an order to tie something of theirs to it (a group buy …). */
export interface OrderFacts {
  readonly id: string;
  readonly memberId: string;
  readonly status: OrderStatus;
  /** ORD-2 pending payment (待付款). */
  readonly awaitingPayment: boolean;
  /** Paid and not given back: pending shipment or redemption, shipped, completed (not cancelled, not closed). */
  readonly paid: boolean;
  /** ORD-5: a split parent, whose child orders are paid and acted on instead. */
  readonly split: boolean;
  readonly lines: readonly { readonly skuId: string; readonly spuId: string; readonly shopId: string; readonly quantity: number }[];
}

const PAID: readonly OrderStatus[] = ['pending_shipment', 'pending_redemption', 'shipped', 'completed'];

/**
 * Ordering's published read for other contexts: one order as facts, read inside the CALLER's
 * transaction (its use case stays one transaction), or null when there is no such order. Who may see it
 * is the caller's rule: a member-facing caller treats another member's order as missing.
 */
export async function orderFacts(tx: Transaction, orderId: string): Promise<OrderFacts | null> {
  const order = await tx.use(ORDERING_STORE).orders.get(orderId);
  if (!order) return null;
  const s = order.toSnapshot();
  return {
    id: s.id,
    memberId: s.common.memberId,
    status: s.status,
    awaitingPayment: s.status === 'pending_payment',
    paid: PAID.includes(s.status),
    split: s.childIds.length > 0,
    lines: s.lines.map((l) => ({ skuId: l.skuId, spuId: l.spuId, shopId: l.shopId, quantity: l.quantity })),
  };
}
