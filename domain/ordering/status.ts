import { DomainError } from '../shared/domain-error.js';
import { stateMachine, type StateMachine } from '../shared/state-machine.js';
import { ORDER_ERROR } from './errors.js';

export const ORDER_KINDS = ['goods', 'service'] as const;
/** Physical goods (实物订单), or an offline service (线下服务订单) completed by a verification code. */
export type OrderKind = (typeof ORDER_KINDS)[number];

export const ORDER_STATUSES = ['pending_payment', 'pending_shipment', 'shipped', 'pending_redemption', 'completed', 'cancelled', 'closed'] as const;
/**
 * ORD-2: 待付款, 待发货, 已发货 / 待收货, 待核销 (service orders), 交易成功, 已取消 (before payment: by
 * the member, by the unpaid timeout ORD-3, by risk control), 交易关闭 (after a full refund).
 */
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/**
 * ORD-2 for physical goods, as data (the docs draw it; a test keeps the drawing true). Cancelling is
 * only before payment; after payment an order ends `closed` by a full refund (ORD-6 decides whether
 * a cancellation can happen at all). A completed order stays completed: after-sales run in their own
 * aggregate and an order with partial after-sales keeps its status.
 */
export const GOODS_ORDER_TRANSITIONS = {
  pending_payment: ['pending_shipment', 'cancelled'],
  pending_shipment: ['shipped', 'closed'],
  shipped: ['completed', 'closed'],
  pending_redemption: [],
  completed: [],
  cancelled: [],
  closed: [],
} as const satisfies Record<OrderStatus, readonly OrderStatus[]>;

/** The service-order flow: paying issues a verification code (核销码); the shop redeems it and the order completes. */
export const SERVICE_ORDER_TRANSITIONS = {
  pending_payment: ['pending_redemption', 'cancelled'],
  pending_shipment: [],
  shipped: [],
  pending_redemption: ['completed', 'closed'],
  completed: [],
  cancelled: [],
  closed: [],
} as const satisfies Record<OrderStatus, readonly OrderStatus[]>;

/** Both flows by order kind: the table an order of that kind moves along. */
export const ORDER_FLOWS = {
  goods: GOODS_ORDER_TRANSITIONS,
  service: SERVICE_ORDER_TRANSITIONS,
} as const satisfies Record<OrderKind, Record<OrderStatus, readonly OrderStatus[]>>;

/**
 * ORD-2, every status change an order may make whatever its kind: the union of both flows (a test holds
 * it to that), drawn in docs/contexts/ordering.md. Each order moves along its own kind's flow.
 */
export const ORDER_TRANSITIONS = {
  pending_payment: ['pending_shipment', 'pending_redemption', 'cancelled'],
  pending_shipment: ['shipped', 'closed'],
  shipped: ['completed', 'closed'],
  pending_redemption: ['completed', 'closed'],
  completed: [],
  cancelled: [],
  closed: [],
} as const satisfies Record<OrderStatus, readonly OrderStatus[]>;

/** The machine of all orders (its final states), on the state-machine helper. */
export const ORDER_MACHINE = stateMachine<OrderStatus>(ORDER_TRANSITIONS, ORDER_ERROR.INVALID_TRANSITION);

/** Each kind's machine: `ORDER.INVALID_TRANSITION` (409) with `from` and `to` for a move its flow does not allow. */
const MACHINES: Readonly<Record<OrderKind, StateMachine<OrderStatus>>> = {
  goods: stateMachine<OrderStatus>(GOODS_ORDER_TRANSITIONS, ORDER_ERROR.INVALID_TRANSITION, (from, to) => `a ${from} goods order cannot become ${to}`),
  service: stateMachine<OrderStatus>(SERVICE_ORDER_TRANSITIONS, ORDER_ERROR.INVALID_TRANSITION, (from, to) => `a ${from} service order cannot become ${to}`),
};

/** Where an order ends: nothing leaves these statuses. */
export const FINAL_ORDER_STATUSES: readonly OrderStatus[] = ORDER_MACHINE.finals;

/** How far along an order is (tests check that it never moves backwards); final statuses rank highest. */
export const ORDER_STATUS_RANK: Readonly<Record<OrderStatus, number>> = {
  pending_payment: 0,
  pending_shipment: 1,
  pending_redemption: 1,
  shipped: 2,
  completed: 3,
  cancelled: 3,
  closed: 3,
};

export function canTransition(kind: OrderKind, from: OrderStatus, to: OrderStatus): boolean {
  return MACHINES[kind].can(from, to);
}

/** The guard every status change goes through: `ORDER.INVALID_TRANSITION` with `from` and `to`, or null. */
export function transitionRejection(o: { readonly id: string; readonly kind: OrderKind; readonly status: OrderStatus }, to: OrderStatus): DomainError | null {
  return MACHINES[o.kind].rejection(o.status, to, { orderId: o.id, kind: o.kind });
}

/** Only a service order is redeemed (核销): a goods order, whatever its status, is `ORDER.INVALID_TRANSITION`. */
export function goodsNotRedeemable(o: { readonly id: string; readonly status: OrderStatus }): DomainError {
  return DomainError.conflict(ORDER_ERROR.INVALID_TRANSITION, `a ${o.status} goods order is never redeemed: it has no verification code`, {
    orderId: o.id,
    kind: 'goods',
    from: o.status,
    to: 'completed',
  });
}

const LIVE_ORDER: readonly OrderStatus[] = ['pending_payment', 'pending_shipment', 'pending_redemption', 'shipped', 'completed'];

/**
 * ORD-5: the status of a split parent order, derived from its children (it is a view, not a state of
 * its own table):
 *
 * 1. cancelled and closed children have left the sale; the parent follows the children still in it,
 *    and shows the LEAST advanced of them (pending payment < pending shipment / redemption < shipped
 *    < completed): the parent is complete only when every child still in the sale is;
 * 2. when every child has left: closed if any was closed (money was taken and refunded), else
 *    cancelled.
 */
export function parentStatus(children: readonly OrderStatus[]): OrderStatus {
  if (children.length === 0) throw new RangeError('a split parent has children');
  const live = children.filter((s) => s !== 'cancelled' && s !== 'closed');
  if (live.length === 0) return children.includes('closed') ? 'closed' : 'cancelled';
  return live.reduce((least, s) => (LIVE_ORDER.indexOf(s) < LIVE_ORDER.indexOf(least) ? s : least));
}
