import { z } from 'zod';
import { MAX_ORDER_PAGE_SIZE } from '../../../../domain/ordering/queries.js';
import { ORDER_STATUSES } from '../../../../domain/ordering/status.js';
import { CHANNELS, type Channel } from '../../../../domain/pricing/index.js';
import { crossBorderRates, PRICING_ERRORS } from '../checkout/index.js';
import { errorsOf, id, idempotencyKey, number32, route, type Route } from '../route.js';
import { memberCancellation, orderDetail, orderPage, orderStatistics, placedOrder } from './wire.js';

const placeBody = z
  .object({
    buyNow: z.object({ skuId: id, quantity: number32 }).strict().optional(),
    consignee: z
      .object({
        name: z.string().max(60),
        phone: z.string().max(24),
        district: z.string().max(20),
        address: z.string().max(300),
        postcode: z.string().max(12).nullable().optional(),
      })
      .strict(),
    coupons: z.union([z.enum(['recommended', 'none']), z.array(id).max(20)]).optional(),
    points: z.union([z.number().int().min(0).max(1_000_000_000), z.literal('max')]).optional(),
    channel: z.enum(CHANNELS as unknown as [Channel, ...Channel[]]).optional(),
    remark: z.string().max(500).nullable().optional(),
    invoice: z
      .object({ title: z.string().min(1).max(100), taxNumber: z.string().max(32).nullable() })
      .strict()
      .nullable()
      .optional(),
    expectedPayable: z.string().max(20).optional(),
    crossBorder: crossBorderRates.optional(),
  })
  .strict();

const orderParams = z.object({ orderId: id });
/**
 * Placing and cancelling orders (issue #6). Member routes act for the token's subject; another member's
 * order is 404.
 */
const commandRoutes: Route[] = [
  route({
    method: 'post',
    path: '/me/orders',
    tag: 'orders',
    access: 'member',
    body: placeBody,
    status: 201,
    response: placedOrder,
    errors: errorsOf(PRICING_ERRORS, {
      400: ['IDEMPOTENCY.INVALID_KEY'],
      403: ['RISK.ORDER_BLOCKED', 'RISK.VERIFICATION_REQUIRED'],
      404: ['MEMBERSHIP.MEMBER_NOT_FOUND'],
      409: [
        'ORDER.PRICE_CHANGED',
        'ORDER.IDEMPOTENCY_KEY_REUSED',
        'INVENTORY.OUT_OF_STOCK',
        'MEMBERSHIP.INSUFFICIENT_POINTS',
        'PROMOTION.PURCHASE_LIMIT_REACHED',
        'COUPON.LOCKED_BY_ANOTHER_ORDER',
      ],
      422: ['ORDER.INVALID_ORDER', 'ORDER.INVALID_AMOUNTS', 'ORDER.CROSS_BORDER_NOT_SUPPORTED'],
    }),
    headers: z.object({ 'idempotency-key': idempotencyKey.optional() }),
    summary:
      "Places the member's selected cart lines (or a buy-now line) as an order, in one transaction: priced as the checkout preview, risk-checked, split by shop then warehouse (ORD-5), coupons locked, points deducted, stock locked, the unpaid timeout (ORD-3) scheduled. With an Idempotency-Key header a retry answers the first order again; the same key with another body is 409 ORDER.IDEMPOTENCY_KEY_REUSED. expectedPayable (what the member saw) guards against price changes (409 ORDER.PRICE_CHANGED).",
    handler: async (ctx) => {
      const b = ctx.body;
      const key = ctx.headers['idempotency-key'] as string | undefined;
      const { replayed: _, ...placed } = await ctx.zt.orders.place({
        memberId: ctx.identity!.subject,
        consignee: b.consignee,
        ...(b.buyNow ? { buyNow: b.buyNow } : {}),
        ...(b.coupons !== undefined ? { coupons: b.coupons } : {}),
        ...(b.points !== undefined ? { points: b.points } : {}),
        ...(b.channel ? { channel: b.channel } : {}),
        ...(b.remark !== undefined ? { remark: b.remark } : {}),
        ...(b.invoice !== undefined ? { invoice: b.invoice } : {}),
        ...(b.expectedPayable !== undefined ? { expectedPayable: b.expectedPayable } : {}),
        ...(b.crossBorder ? { crossBorder: b.crossBorder } : {}),
        ...(key !== undefined ? { idempotencyKey: key } : {}),
      });
      return placed;
    },
  }),
  route({
    method: 'post',
    path: '/me/orders/:orderId/cancel',
    tag: 'orders',
    access: 'member',
    params: orderParams,
    response: memberCancellation,
    errors: { 404: ['ORDER.NOT_FOUND'], 409: ['ORDER.INVALID_TRANSITION', 'ORDER.SPLIT_PARENT', 'ORDER.AFTER_SALES_ONLY'] },
    body: z
      .object({ reason: z.string().max(200).optional() })
      .strict()
      .optional(),
    summary:
      "Cancels the member's order. Awaiting payment (ORD-2): its stock, coupons, points and purchase limits are released at once; a split parent cancels its unpaid children. Paid (ORD-6): by how far fulfilment went — refunded and closed, after an interception where needed, or 409 ORDER.AFTER_SALES_ONLY.",
    handler: async (ctx) => {
      const memberId = ctx.identity!.subject;
      const reason = ctx.body?.reason ? { reason: ctx.body.reason } : {};
      const order = await ctx.zt.orderQueries.get({ memberId, orderId: ctx.params.orderId });
      const paid = order.childIds.length === 0 && order.status !== 'pending_payment';
      return paid
        ? ctx.zt.fulfilment.cancelPaid({ by: 'member', memberId, orderId: order.id, ...reason })
        : ctx.zt.orders.cancel({ memberId, orderId: order.id, ...reason });
    },
  }),
];

const timestamp = z.iso.datetime({ offset: true }).transform((s) => new Date(s));
const status = z.enum(ORDER_STATUSES);
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
const queryRoutes: Route[] = [
  route({
    method: 'get',
    path: '/me/orders',
    tag: 'orders',
    access: 'member',
    response: orderPage,
    errors: INVALID_QUERY,
    query: z.object({ status: status.optional(), ...paging }),
    summary:
      "我的订单: the calling member's orders (unsplit orders and child orders), newest first, optionally of one status; paginated (pageSize at most 100)",
    handler: ({ zt, identity, query }) => zt.orderQueries.list({ memberId: identity!.subject, status: query.status, ...page(query) }),
  }),
  route({
    method: 'get',
    path: '/me/orders/:orderId',
    tag: 'orders',
    access: 'member',
    params: orderParams,
    response: orderDetail,
    errors: NOT_FOUND,
    summary:
      "One of the calling member's orders: the order, its amounts, its child orders when it was split, its timeline (ORDER.NOT_FOUND for another member's order)",
    handler: ({ zt, identity, params }) => zt.orderQueries.get({ memberId: identity!.subject, orderId: params.orderId }),
  }),
  route({
    method: 'get',
    path: '/admin/orders',
    tag: 'orders-admin',
    access: 'staff',
    roles: ['orders'],
    response: orderPage,
    errors: INVALID_QUERY,
    query: z.object({
      number: z.string().min(1).max(64).optional(),
      memberId: id.optional(),
      status: status.optional(),
      shopId: id.optional(),
      placedFrom: timestamp.optional(),
      placedTo: timestamp.optional(),
      ...paging,
    }),
    summary:
      "Search orders (unsplit and child orders) by number (its own or its split parent's), member, status, shop and placing time [placedFrom, placedTo), newest first; paginated",
    handler: ({ zt, query }) => zt.orderQueries.search({ ...query, ...page(query) }),
  }),
  // Before /admin/orders/:orderId, which would take "statistics" for an order id.
  route({
    method: 'get',
    path: '/admin/orders/statistics',
    tag: 'orders-admin',
    access: 'staff',
    roles: ['orders'],
    response: orderStatistics,
    errors: INVALID_QUERY,
    query: z.object({ from: timestamp, to: timestamp }),
    summary:
      'Statistics of the orders placed in [from, to) (at most 366 days): orders, paid orders, GMV, average order value, ordering and paying members, new vs returning paying members (365 days)',
    handler: ({ zt, query }) => zt.orderQueries.statistics({ from: query.from, to: query.to }),
  }),
  route({
    method: 'get',
    path: '/admin/orders/:orderId',
    tag: 'orders-admin',
    access: 'staff',
    roles: ['orders'],
    params: orderParams,
    response: orderDetail,
    errors: NOT_FOUND,
    summary: 'Any order (a split parent too) with its amounts, child orders and timeline',
    handler: ({ zt, params }) => zt.orderQueries.staffGet({ orderId: params.orderId }),
  }),
];

/** The ordering context's routes: its commands and its read side. */
export const orderingRoutes: Route[] = [...commandRoutes, ...queryRoutes];
