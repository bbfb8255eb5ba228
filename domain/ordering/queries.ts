import { requestOfExchangeOrderId } from './exchange-ids.js';
import type { UnitsSold } from './units-sold.js';
import { Dec } from '../shared/decimal.js';
import { DomainError } from '../shared/domain-error.js';
import type { Money } from '../shared/money.js';
import { orderAmounts, type OrderAmounts } from './amounts.js';
import { ORDER_ERROR } from './errors.js';
import type { OrderSnapshot } from './order.js';
import { ORDER_STATUSES, type OrderKind, type OrderStatus } from './status.js';

/**
 * The read side of ordering (订单查询): what a member sees of their orders, what staff search, and the
 * statistics of a period. The definitions live here, once; the memory adapter computes them with these
 * functions and the PostgreSQL adapter in SQL over the query columns of `sales_order` (the contract
 * suite holds the two to the same answers).
 */

/** One order in a list: enough to draw a row of "my orders" or of the staff search. */
export interface OrderSummary {
  readonly id: string;
  readonly number: string;
  /** ORD-5: the split parent of a child order, else null. */
  readonly parentId: string | null;
  readonly memberId: string;
  readonly kind: OrderKind;
  readonly status: OrderStatus;
  /** The shop when every line is of one shop (every child order), else null. */
  readonly shopId: string | null;
  readonly placedAt: Date;
  /** ORD-1 payable of this order. */
  readonly payable: Money;
  /** Units over all lines (共 N 件). */
  readonly itemCount: number;
  /** The first line's title and image, to show the order by. */
  readonly title: string;
  readonly image: string | null;
}

export const ORDER_TIMELINE_EVENTS = ['placed', 'paid', 'verification_issued', 'shipped', 'received', 'redeemed', 'completed', 'cancelled', 'closed'] as const;
/** What happened to an order, as its snapshot records it. */
export type OrderTimelineEvent = (typeof ORDER_TIMELINE_EVENTS)[number];

export interface OrderTimelineEntry {
  readonly at: Date;
  readonly event: OrderTimelineEvent;
  /**
   * What the snapshot says about it: `paid` {paymentId}, `shipped` {carrier, trackingNumber},
   * `received` {by: member | auto}, `redeemed` {shopId}, `cancelled` {by: member | timeout |
   * risk_control, reason when given}, `closed` {reason}; empty for the others. The verification code
   * itself is in the order, not in its timeline.
   */
  readonly detail: Readonly<Record<string, string>>;
}

/** An order as its detail page shows it: the snapshot, its ORD-1 amounts, its children (a split parent) and its timeline. */
export interface OrderDetail extends OrderSnapshot {
  readonly amounts: OrderAmounts;
  /** ORD-5: the child orders of a split parent, by number; empty for any other order. */
  readonly children: readonly OrderSummary[];
  /** In time order; events at the same moment in the order of `ORDER_TIMELINE_EVENTS`. */
  readonly timeline: readonly OrderTimelineEntry[];
}

export interface OrderPage {
  readonly items: readonly OrderSummary[];
  /** Orders matching, over all pages. */
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

export interface OrderPageRequest {
  /** 1-based. */
  readonly page: number;
  /** 1 to `MAX_ORDER_PAGE_SIZE`. */
  readonly pageSize: number;
}

export interface MemberOrdersQuery extends OrderPageRequest {
  readonly status?: OrderStatus;
}

/** Staff search (订单查询): every filter optional; all given ones must hold. */
export interface OrderSearch extends OrderPageRequest {
  /** The order's number, or its split parent's (then the parent's children are found). */
  readonly number?: string;
  readonly memberId?: string;
  readonly status?: OrderStatus;
  /** Orders of this one shop (`OrderSnapshot.shopId`). */
  readonly shopId?: string;
  /** Placed at or after. */
  readonly placedFrom?: Date;
  /** Placed before. */
  readonly placedTo?: Date;
}

/** A period of placing: `from` inclusive, `to` exclusive. */
export interface OrderPeriod {
  readonly from: Date;
  readonly to: Date;
}

/**
 * Statistics of the orders placed in a period (spec §8). "Paid" means the order has a payment
 * (statuses pending shipment, pending redemption, shipped, completed, and closed after a refund);
 * a leaf order is one without children (an unsplit order, or a child of a split).
 */
export interface OrderPeriodStatistics {
  readonly from: Date;
  readonly to: Date;
  /** Top-level orders (no parent) placed in the period: a split order counts once. */
  readonly orders: number;
  /** Of those, the ones with at least one paid leaf order. */
  readonly paidOrders: number;
  /** Σ payable of the paid leaf orders placed in the period, to the cent ("1234.50"). */
  readonly gmv: string;
  /** gmv / paidOrders, half-up to the cent; "0.00" when no order was paid. */
  readonly averageOrderValue: string;
  /** Distinct members with a top-level order placed in the period. */
  readonly orderingMembers: number;
  /** Distinct members with a paid leaf order placed in the period. */
  readonly payingMembers: number;
  /** Paying members with no paid leaf order placed in the 365 days (8760 hours) before their first paid order of the period. */
  readonly newPayingMembers: number;
  /** Paying members with such an order: payingMembers = new + returning. */
  readonly returningPayingMembers: number;
}

/** Port: the read model of orders, inside a transaction (`tx.use(ORDERING_STORE).orderQueries`). Inputs are checked by the use cases. */
export interface OrderQueries {
  /** A member's leaf orders (what they see: unsplit orders and child orders), newest placed first, then by number. */
  memberOrders(memberId: string, query: MemberOrdersQuery): Promise<OrderPage>;
  /** Any order (a split parent too) with its children and timeline; null when there is none. */
  detail(orderId: string): Promise<OrderDetail | null>;
  /** Staff search over leaf orders, newest placed first, then by number. */
  search(search: OrderSearch): Promise<OrderPage>;
  /** The period's statistics, aggregated where the orders are (SQL on PostgreSQL). */
  statistics(period: OrderPeriod): Promise<OrderPeriodStatistics>;
  /** Units sold (paid) in the period per SKU and shop (`computeUnitsSold` defines it). */
  unitsSold(period: OrderPeriod): Promise<UnitsSold[]>;
}

export const MAX_ORDER_PAGE_SIZE = 100;
export const DEFAULT_ORDER_PAGE_SIZE = 20;
/** The longest period statistics are asked for: 366 days. */
export const MAX_STATISTICS_PERIOD_MS = 366 * 86_400_000;
/** New vs returning paying members look back 365 days of 24 hours (not calendar days: no time zone involved). */
export const RETURNING_LOOKBACK_MS = 365 * 86_400_000;

export function invalidQuery(field: string, reason: string, message: string): DomainError {
  return DomainError.invalid(ORDER_ERROR.INVALID_QUERY, message, { field, reason });
}

const isDate = (d: unknown): d is Date => d instanceof Date && !Number.isNaN(d.getTime());

/** A page request: page a whole number from 1, size from 1 to 100; `ORDER.INVALID_QUERY` otherwise. */
export function orderPageRequest(page: number = 1, pageSize: number = DEFAULT_ORDER_PAGE_SIZE): OrderPageRequest {
  if (!Number.isSafeInteger(page) || page < 1) throw invalidQuery('page', 'INVALID_PAGE', `page is a whole number from 1: ${page}`);
  if (!Number.isSafeInteger(pageSize) || pageSize < 1 || pageSize > MAX_ORDER_PAGE_SIZE) {
    throw invalidQuery('pageSize', 'INVALID_PAGE_SIZE', `pageSize is a whole number from 1 to ${MAX_ORDER_PAGE_SIZE}: ${pageSize}`);
  }
  return { page, pageSize };
}

export function checkStatusFilter(status: unknown): OrderStatus | undefined {
  if (status === undefined) return undefined;
  if (!(ORDER_STATUSES as readonly unknown[]).includes(status)) throw invalidQuery('status', 'UNKNOWN_STATUS', `not an order status: ${String(status)}`);
  return status as OrderStatus;
}

/** Statistics periods: `from` before `to`, at most 366 days; `ORDER.INVALID_QUERY` otherwise. */
export function orderPeriod(from: Date, to: Date): OrderPeriod {
  if (!isDate(from)) throw invalidQuery('from', 'INVALID_TIME', 'from is a point in time');
  if (!isDate(to)) throw invalidQuery('to', 'INVALID_TIME', 'to is a point in time');
  if (from.getTime() >= to.getTime()) throw invalidQuery('to', 'NOT_AFTER_FROM', 'the period ends after it starts');
  if (to.getTime() - from.getTime() > MAX_STATISTICS_PERIOD_MS) throw invalidQuery('to', 'PERIOD_TOO_LONG', 'a statistics period is at most 366 days');
  return { from, to };
}

/** A staff search's time window: each bound a point in time, `placedFrom` before `placedTo` when both are given. */
export function checkPlacedWindow(placedFrom: Date | undefined, placedTo: Date | undefined): void {
  if (placedFrom !== undefined && !isDate(placedFrom)) throw invalidQuery('placedFrom', 'INVALID_TIME', 'placedFrom is a point in time');
  if (placedTo !== undefined && !isDate(placedTo)) throw invalidQuery('placedTo', 'INVALID_TIME', 'placedTo is a point in time');
  if (placedFrom && placedTo && placedFrom.getTime() >= placedTo.getTime()) throw invalidQuery('placedTo', 'NOT_AFTER_FROM', 'placedTo comes after placedFrom');
}

/** A leaf order: no children (an unsplit order, or a child of a split). Members see leaf orders; money is paid on them. */
export const isLeafOrder = (s: Pick<OrderSnapshot, 'childIds'>): boolean => s.childIds.length === 0;

/** A leaf order with a payment (a split parent is never paid itself: its children are). */
export const isPaidLeafOrder = (s: Pick<OrderSnapshot, 'childIds' | 'payment'>): boolean => isLeafOrder(s) && s.payment !== null;

export function orderSummary(s: OrderSnapshot): OrderSummary {
  const first = s.lines[0]!;
  return {
    id: s.id,
    number: s.number,
    parentId: s.parentId,
    memberId: s.common.memberId,
    kind: s.kind,
    status: s.status,
    shopId: s.shopId,
    placedAt: s.placedAt,
    payable: orderAmounts(s.lines, s.freight, s.freightCouponDiscount).payable,
    itemCount: s.lines.reduce((n, l) => n + l.quantity, 0),
    title: first.title,
    image: first.image,
  };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** List order: newest placed first, then by number (code-point order, as PostgreSQL's "C" collation). */
export function newestFirst(a: Pick<OrderSnapshot, 'placedAt' | 'number'>, b: Pick<OrderSnapshot, 'placedAt' | 'number'>): number {
  return b.placedAt.getTime() - a.placedAt.getTime() || cmp(a.number, b.number);
}

/** The events an order went through, from its snapshot, in time order (ties in the order of `ORDER_TIMELINE_EVENTS`). */
export function orderTimeline(s: OrderSnapshot): OrderTimelineEntry[] {
  const out: OrderTimelineEntry[] = [];
  const add = (at: Date, event: OrderTimelineEvent, detail: Record<string, string> = {}) => out.push({ at, event, detail });
  add(s.placedAt, 'placed');
  if (s.payment) add(s.payment.paidAt, 'paid', { paymentId: s.payment.paymentId });
  if (s.verification) {
    add(s.verification.issuedAt, 'verification_issued');
    if (s.verification.redeemedAt) add(s.verification.redeemedAt, 'redeemed', s.verification.redeemedByShop ? { shopId: s.verification.redeemedByShop } : {});
  }
  if (s.shipment) add(s.shipment.shippedAt, 'shipped', { carrier: s.shipment.carrier, trackingNumber: s.shipment.trackingNumber });
  if (s.receipt) add(s.receipt.at, 'received', { by: s.receipt.by });
  if (s.completedAt) add(s.completedAt, 'completed');
  if (s.cancellation) add(s.cancellation.at, 'cancelled', { by: s.cancellation.by, ...(s.cancellation.reason ? { reason: s.cancellation.reason } : {}) });
  if (s.closure) add(s.closure.at, 'closed', { reason: s.closure.reason });
  const rank = (e: OrderTimelineEntry) => ORDER_TIMELINE_EVENTS.indexOf(e.event);
  return out.sort((a, b) => a.at.getTime() - b.at.getTime() || rank(a) - rank(b));
}

/** The detail of `s`; `children` are its child orders (any order: only a split parent's are kept, by number). */
export function orderDetail(s: OrderSnapshot, children: readonly OrderSnapshot[]): OrderDetail {
  const own = children.filter((c) => c.parentId === s.id).sort((a, b) => cmp(a.number, b.number));
  return {
    ...s,
    amounts: orderAmounts(s.lines, s.freight, s.freightCouponDiscount),
    children: own.map(orderSummary),
    timeline: orderTimeline(s),
  };
}

/** gmv / paidOrders, half-up to the cent ("0.00" when none). */
export function averageOrderValue(gmv: string, paidOrders: number): string {
  if (paidOrders === 0) return '0.00';
  return new Dec(gmv).div(paidOrders).toDecimalPlaces(2, Dec.ROUND_HALF_UP).toFixed(2);
}

/**
 * The statistics of a period over every stored order (the memory adapter's way; PostgreSQL runs the
 * same definitions in one statement). See `OrderPeriodStatistics` for each figure.
 */
export function computeOrderStatistics(all: readonly OrderSnapshot[], period: OrderPeriod): OrderPeriodStatistics {
  const orders = all.filter((o) => requestOfExchangeOrderId(o.id) === null); // an exchange's new units were not sold
  const from = period.from.getTime();
  const to = period.to.getTime();
  const inPeriod = (s: OrderSnapshot) => s.placedAt.getTime() >= from && s.placedAt.getTime() < to;
  const paidChildOf = new Set(orders.filter((o) => o.parentId !== null && isPaidLeafOrder(o)).map((o) => o.parentId!));
  const topLevel = orders.filter((o) => o.parentId === null && inPeriod(o));
  const paidTopLevel = topLevel.filter((o) => isPaidLeafOrder(o) || paidChildOf.has(o.id));
  const paidLeaves = orders.filter((o) => isPaidLeafOrder(o) && inPeriod(o));
  const gmv = paidLeaves.reduce((sum, o) => sum.plus(orderAmounts(o.lines, o.freight, o.freightCouponDiscount).payable.amount), new Dec(0)).toFixed(2);

  const firstPaid = new Map<string, number>();
  for (const o of paidLeaves) {
    const t = o.placedAt.getTime();
    const m = o.common.memberId;
    if (!firstPaid.has(m) || t < firstPaid.get(m)!) firstPaid.set(m, t);
  }
  const paidAtByMember = new Map<string, number[]>();
  for (const o of orders)
    if (isPaidLeafOrder(o)) paidAtByMember.set(o.common.memberId, [...(paidAtByMember.get(o.common.memberId) ?? []), o.placedAt.getTime()]);
  let returning = 0;
  for (const [member, first] of firstPaid) {
    if ((paidAtByMember.get(member) ?? []).some((t) => t >= first - RETURNING_LOOKBACK_MS && t < first)) returning += 1;
  }
  return {
    from: period.from,
    to: period.to,
    orders: topLevel.length,
    paidOrders: paidTopLevel.length,
    gmv,
    averageOrderValue: averageOrderValue(gmv, paidTopLevel.length),
    orderingMembers: new Set(topLevel.map((o) => o.common.memberId)).size,
    payingMembers: firstPaid.size,
    newPayingMembers: firstPaid.size - returning,
    returningPayingMembers: returning,
  };
}
