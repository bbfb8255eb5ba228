import { z } from 'zod';
import { MAX_ORDER_PAGE_SIZE } from '../../../domain/ordering/queries.js';
import { ORDER_STATUSES } from '../../../domain/ordering/status.js';
import { id, route, type Route } from './route.js';
import { orderDetail, orderPage, orderStatistics } from './wire/ordering.js';

const timestamp = z.iso.datetime({ offset: true }).transform((s) => new Date(s));
const status = z.enum(ORDER_STATUSES);
const orderParams = z.object({ orderId: id });
const paging = {
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  /** Capped: a larger size is answered with the maximum (100). */
  pageSize: z.coerce.number().int().min(1).default(20),
};
const INVALID_QUERY = { 422: ['ORDER.INVALID_QUERY'] };
const NOT_FOUND = { 404: ['ORDER.NOT_FOUND'] };
const page = (q: { page: number; pageSize: number }) => ({ page: q.page, pageSize: Math.min(q.pageSize, MAX_ORDER_PAGE_SIZE) });

/**
 * The read side of orders: members list and open their own orders (another member's is 404, never
 * 403: it is not visible to them); staff (role `orders`) search every order, open any, and get the
 * statistics of a period. The commands on orders (place, pay, cancel, ship …) have routes of their own.
 */
export const orderQueryRoutes: Route[] = [
  route({
    method: 'get', path: '/me/orders', tag: 'orders', access: 'member', response: orderPage, errors: INVALID_QUERY,
    query: z.object({ status: status.optional(), ...paging }),
    summary: "我的订单: the calling member's orders (unsplit orders and child orders), newest first, optionally of one status; paginated (pageSize at most 100)",
    handler: ({ zt, identity, query }) => zt.orderQueries.list({ memberId: identity!.subject, status: query.status, ...page(query) }),
  }),
  route({
    method: 'get', path: '/me/orders/:orderId', tag: 'orders', access: 'member', params: orderParams, response: orderDetail, errors: NOT_FOUND,
    summary: "One of the calling member's orders: the order, its amounts, its child orders when it was split, its timeline (ORDER.NOT_FOUND for another member's order)",
    handler: ({ zt, identity, params }) => zt.orderQueries.get({ memberId: identity!.subject, orderId: params.orderId }),
  }),
  route({
    method: 'get', path: '/admin/orders', tag: 'orders-admin', access: 'staff', roles: ['orders'], response: orderPage, errors: INVALID_QUERY,
    query: z.object({
      number: z.string().min(1).max(64).optional(),
      memberId: id.optional(),
      status: status.optional(),
      shopId: id.optional(),
      placedFrom: timestamp.optional(),
      placedTo: timestamp.optional(),
      ...paging,
    }),
    summary: 'Search orders (unsplit and child orders) by number (its own or its split parent\'s), member, status, shop and placing time [placedFrom, placedTo), newest first; paginated',
    handler: ({ zt, query }) => zt.orderQueries.search({ ...query, ...page(query) }),
  }),
  // Before /admin/orders/:orderId, which would take "statistics" for an order id.
  route({
    method: 'get', path: '/admin/orders/statistics', tag: 'orders-admin', access: 'staff', roles: ['orders'], response: orderStatistics, errors: INVALID_QUERY,
    query: z.object({ from: timestamp, to: timestamp }),
    summary: 'Statistics of the orders placed in [from, to) (at most 366 days): orders, paid orders, GMV, average order value, ordering and paying members, new vs returning paying members (365 days)',
    handler: ({ zt, query }) => zt.orderQueries.statistics({ from: query.from, to: query.to }),
  }),
  route({
    method: 'get', path: '/admin/orders/:orderId', tag: 'orders-admin', access: 'staff', roles: ['orders'], params: orderParams, response: orderDetail, errors: NOT_FOUND,
    summary: 'Any order (a split parent too) with its amounts, child orders and timeline',
    handler: ({ zt, params }) => zt.orderQueries.staffGet({ orderId: params.orderId }),
  }),
];
