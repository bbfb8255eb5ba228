import { DomainError } from '../shared/domain-error.js';
import { ORDER_ERROR, orderNotFound } from './errors.js';
import type { OrderSnapshot } from './order-state.js';

// Facts about an order that use cases and the aggregate both ask, on its snapshot.

/** Member commands: another member's order is never visible to them, so it is "not found". */
export function memberRejection(o: Pick<OrderSnapshot, 'id' | 'common'>, memberId: string): DomainError | null {
  return o.common.memberId === memberId ? null : orderNotFound(o.id);
}

/** ORD-5: a split parent is acted on through its children. */
export function splitParentRejection(o: Pick<OrderSnapshot, 'id' | 'childIds'>): DomainError | null {
  return o.childIds.length === 0
    ? null
    : DomainError.conflict(ORDER_ERROR.SPLIT_PARENT, `order ${o.id} was split; act on its child orders`, { orderId: o.id, childIds: [...o.childIds] });
}

/** ORD-3: an unpaid order whose time to pay is over. */
export function unpaidTimeoutDue(o: Pick<OrderSnapshot, 'status' | 'payBy' | 'childIds'>, now: Date): boolean {
  return o.status === 'pending_payment' && o.childIds.length === 0 && now.getTime() >= o.payBy.getTime();
}

/** Automatic receipt confirmation: shipped, and the confirmation date set at shipping has come. */
export function autoConfirmDue(o: Pick<OrderSnapshot, 'status' | 'shipment'>, now: Date): boolean {
  return o.status === 'shipped' && o.shipment !== null && now.getTime() >= o.shipment.autoConfirmAt.getTime();
}
