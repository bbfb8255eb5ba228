import type { PaymentChannels } from '../../application/payment/channels.js';

// The facades of the contexts not yet moved into modules (issue #13), written by hand. Each context's move
// deletes its facade here: its type is then derived from its manifest. The file goes when the last one moves.

export type Bound<T extends { execute: (...args: never[]) => unknown }> = T['execute'];

/** Placing and cancelling orders (issue #6): one transaction each; the ORD-3 timeout runs as a durable job. */
export interface OrdersFacade {
  place: Bound<import('../../application/ordering/index.js').PlaceOrder>;
  /** Before payment (the member's own order; a split parent cancels its unpaid children). */
  cancel: Bound<import('../../application/ordering/index.js').CancelUnpaidOrder>;
  /** ORD-3 for one order (what the `order.payment-timeout` job runs). */
  expireUnpaid: Bound<import('../../application/ordering/index.js').ExpireUnpaidOrder>;
}

/** Payments (spec §10): open one for one or several orders, channel callbacks (PAY-1), expiry (PAY-2), late refunds. */
export interface PaymentsFacade {
  pay: Bound<import('../../application/payment/index.js').PayOrders>;
  handleCallback: Bound<import('../../application/payment/index.js').HandlePaymentCallback>;
  expire: Bound<import('../../application/payment/index.js').ExpirePayment>;
  refundLate: Bound<import('../../application/payment/index.js').RefundLateCallback>;
  /** A payment by its number, as stored. */
  find: Bound<import('../../application/payment/index.js').FindPayment>;
  /** The channels the shop takes, by name (none unless configured). */
  channels: PaymentChannels;
}

/** Fulfilment (issue #6 item 5): ship, confirm receipt (member or automatic), redeem a service order's code, cancel after payment (ORD-6). */
export interface FulfilmentFacade {
  ship: Bound<import('../../application/ordering/index.js').ShipOrder>;
  /** The member's own shipped order (another member's is ORDER.NOT_FOUND). */
  confirmReceipt: Bound<import('../../application/ordering/index.js').ConfirmReceipt>;
  /** What the `order.auto-confirm` job runs. */
  autoConfirm: Bound<import('../../application/ordering/index.js').AutoConfirmReceipt>;
  redeem: Bound<import('../../application/ordering/index.js').RedeemVerificationCode>;
  /** ORD-6: a paid order, by staff or its member, as far as fulfilment allows. */
  cancelPaid: Bound<import('../../application/ordering/index.js').CancelPaidOrder>;
  /** What the `payment.channel-refund` job runs. */
  refundThroughChannel: Bound<import('../../application/ordering/index.js').RefundThroughChannel>;
}

/** The read side of ordering (订单查询): a member's orders and their details, staff search and details, period statistics. */
export interface OrderQueryFacade {
  /** 我的订单: the member's leaf orders, newest first, optionally of one status, paginated. */
  list: Bound<import('../../application/ordering/order-queries.js').ListMemberOrders>;
  /** One of the member's own orders (another member's is ORDER.NOT_FOUND). */
  get: Bound<import('../../application/ordering/order-queries.js').GetMemberOrder>;
  /** Staff search by number, member, status, shop, placing time. */
  search: Bound<import('../../application/ordering/order-queries.js').SearchOrders>;
  /** Any order, for staff. */
  staffGet: Bound<import('../../application/ordering/order-queries.js').GetOrder>;
  /** GMV, orders, average order value, ordering / paying / new / returning members of a period. */
  statistics: Bound<import('../../application/ordering/order-queries.js').OrderStatistics>;
}

/** The facades of the contexts not yet moved into modules. */
export interface LegacyFacades {
  readonly orderQueries: OrderQueryFacade;
  readonly orders: OrdersFacade;
  readonly payments: PaymentsFacade;
  readonly fulfilment: FulfilmentFacade;
}
