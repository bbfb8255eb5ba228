import { ORDER_ERROR } from './errors.js';
import type { OrderSnapshot } from './order-state.js';
import { DomainError } from '../shared/domain-error.js';

/**
 * The units an order withholds from its parcel once `units` more are refunded before shipping: only a
 * goods order awaiting shipment, and never more of a line than it has (ORDER.INVALID_TRANSITION, or an
 * error for a line it does not have — after-sales asks only for its quote's lines).
 */
export function withheldAfter(s: OrderSnapshot, units: Readonly<Record<string, number>>): Readonly<Record<string, number>> {
  if (s.kind !== 'goods' || s.status !== 'pending_shipment') {
    throw DomainError.conflict(ORDER_ERROR.INVALID_TRANSITION, `order ${s.id} is ${s.status}: nothing is withheld from its parcel`, { orderId: s.id });
  }
  const next: Record<string, number> = { ...(s.withheld ?? {}) };
  for (const [lineId, n] of Object.entries(units)) {
    const line = s.lines.find((l) => l.lineId === lineId);
    const total = (next[lineId] ?? 0) + n;
    if (!line || !Number.isSafeInteger(n) || n < 1 || total > line.quantity) throw new Error(`order ${s.id} cannot withhold ${n} of line ${lineId}`);
    next[lineId] = total;
  }
  return next;
}
