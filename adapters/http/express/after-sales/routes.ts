import { z } from 'zod';
import { REASONS, REQUEST_STATUSES, REQUEST_TYPES } from '../../../../domain/after-sales/index.js';
import { errorsOf, givenFields, id, route, searchQuery, type Route } from '../route.js';
import { afterSalesRequestView, afterSalesStatisticsView, afterSalesWindowView } from './wire.js';

const STAFF = { access: 'staff', roles: ['aftersales'] } as const;
const requestParams = z.object({ requestId: id });
/** Every step on a request: it exists (another member's does not), and its status allows the step. */
const STEP_ERRORS = { 404: ['AFTER_SALES.REQUEST_NOT_FOUND'], 409: ['AFTER_SALES.INVALID_TRANSITION'] };
/** Amounts are the domain's to judge (AFTER_SALES.AMOUNT_ABOVE_REFUNDABLE); the schema only says they are decimals. */
const amount = z.string().regex(/^\d{1,10}(\.\d{1,2})?$/, 'an amount such as "12.50"');
const text = (max: number) => z.string().max(max);
const timestamp = z.iso.datetime({ offset: true }).transform((s) => new Date(s));
const shopParams = z.object({ shopId: id });

/**
 * After-sales (售后, spec §11, issue #15): a member opens requests on their own orders, withdraws them and
 * ships goods back; staff with role `aftersales` (or admin) review, receive returns, adjust and issue
 * refunds. Another member's order or request is 404.
 */
export const afterSalesRoutes: Route[] = [
  route({
    method: 'post',
    path: '/me/after-sales',
    tag: 'after-sales',
    access: 'member',
    status: 201,
    response: afterSalesRequestView,
    errors: {
      404: ['AFTER_SALES.ORDER_NOT_FOUND'],
      422: [
        'AFTER_SALES.TYPE_NOT_ALLOWED',
        'AFTER_SALES.WINDOW_CLOSED',
        'AFTER_SALES.INVALID_LINES',
        'AFTER_SALES.UNKNOWN_LINE',
        'AFTER_SALES.QUANTITY_EXCEEDS',
        'AFTER_SALES.INVALID_REASON',
        'AFTER_SALES.SPLIT_ORDER',
      ],
    },
    body: z
      .object({
        orderId: id,
        type: z.enum(REQUEST_TYPES),
        lines: z.array(z.object({ lineId: id, quantity: z.int() }).strict()).max(200),
        reason: z.enum(REASONS),
        description: text(2000).optional(),
        evidence: z.array(text(500)).max(20).optional(),
      })
      .strict(),
    summary:
      "Opens an after-sales request (售后单) on the calling member's order: units of its lines, a type its status allows (AFS-1: refund only before shipping; refund, return or exchange after it, and within the shop's window after completion), priced by AFS-2 (the lines' allocated paid amounts, points back as points, freight only before shipping). More units than are left: 422 AFTER_SALES.QUANTITY_EXCEEDS; another member's order: 404.",
    handler: ({ zt, identity, body }) =>
      zt.afterSales.open({
        memberId: identity!.subject,
        orderId: body.orderId,
        type: body.type,
        lines: body.lines,
        reason: body.reason,
        ...(body.description !== undefined ? { description: body.description } : {}),
        ...(body.evidence !== undefined ? { evidence: body.evidence } : {}),
      }),
  }),
  route({
    method: 'get',
    path: '/me/after-sales',
    tag: 'after-sales',
    access: 'member',
    response: z.array(afterSalesRequestView),
    errors: {},
    summary: "The calling member's after-sales requests, newest first.",
    handler: ({ zt, identity }) => zt.afterSales.listOfMember({ memberId: identity!.subject }),
  }),
  route({
    method: 'get',
    path: '/me/after-sales/:requestId',
    tag: 'after-sales',
    access: 'member',
    params: requestParams,
    response: afterSalesRequestView,
    errors: { 404: ['AFTER_SALES.REQUEST_NOT_FOUND'] },
    summary: "One of the calling member's after-sales requests; another member's: 404.",
    handler: ({ zt, identity, params }) => zt.afterSales.get({ requestId: params.requestId, memberId: identity!.subject }),
  }),
  route({
    method: 'post',
    path: '/me/after-sales/:requestId/withdraw',
    tag: 'after-sales',
    access: 'member',
    params: requestParams,
    response: afterSalesRequestView,
    errors: STEP_ERRORS,
    summary: 'Withdraws (撤销) a request under review or awaiting the goods: it closes and its units are free again.',
    handler: ({ zt, identity, params }) => zt.afterSales.withdraw({ requestId: params.requestId, memberId: identity!.subject }),
  }),
  route({
    method: 'post',
    path: '/me/after-sales/:requestId/ship-back',
    tag: 'after-sales',
    access: 'member',
    params: requestParams,
    body: z.object({ carrier: z.string().min(1).max(200), trackingNumber: z.string().min(1).max(200) }).strict(),
    response: afterSalesRequestView,
    errors: STEP_ERRORS,
    summary: 'The member ships the goods of an approved return or exchange back (寄回), with carrier and tracking number, before its ship-back time.',
    handler: ({ zt, identity, params, body }) =>
      zt.afterSales.shipBack({ requestId: params.requestId, memberId: identity!.subject, carrier: body.carrier, trackingNumber: body.trackingNumber }),
  }),
  route({
    method: 'get',
    path: '/admin/after-sales',
    tag: 'after-sales-admin',
    ...STAFF,
    query: z.object({ status: z.enum(REQUEST_STATUSES).optional(), type: z.enum(REQUEST_TYPES).optional(), ...searchQuery }),
    response: z.array(afterSalesRequestView),
    errors: {},
    summary: 'After-sales requests by status, type, shop, order and time opened [from, to), newest first (at most `limit`, 500).',
    handler: ({ zt, query }) => zt.afterSales.search(givenFields(query)),
  }),
  route({
    method: 'get',
    path: '/admin/after-sales-statistics',
    tag: 'after-sales-admin',
    ...STAFF,
    query: z.object({ from: timestamp, to: timestamp, shopId: id.optional() }),
    response: afterSalesStatisticsView,
    errors: { 422: ['AFTER_SALES.INVALID_PERIOD'] },
    summary:
      'Statistics of the requests opened in [from, to) (at most 366 days), of one shop or all: by type and reason, and per shop and product the requests, units asked and refunded, and cash refunded.',
    handler: ({ zt, query }) => zt.afterSales.statistics({ from: query.from, to: query.to, ...(query.shopId !== undefined ? { shopId: query.shopId } : {}) }),
  }),
  route({
    method: 'get',
    path: '/admin/after-sales-settings/:shopId',
    tag: 'after-sales-admin',
    ...STAFF,
    params: shopParams,
    response: afterSalesWindowView,
    errors: {},
    summary: "A shop's after-sales window after completion (AFS-1): 7 days unless it set 15.",
    handler: ({ zt, params }) => zt.afterSales.getWindow({ shopId: params.shopId }),
  }),
  route({
    method: 'put',
    path: '/admin/after-sales-settings/:shopId',
    tag: 'after-sales-admin',
    ...STAFF,
    params: shopParams,
    body: z.object({ windowDays: z.int() }).strict(),
    response: afterSalesWindowView,
    errors: { 422: ['AFTER_SALES.INVALID_WINDOW'] },
    summary: "Sets a shop's after-sales window after completion: 7 or 15 days (AFS-1). Requests opened from then on are judged by it.",
    handler: ({ zt, params, body }) => zt.afterSales.setWindow({ shopId: params.shopId, windowDays: body.windowDays }),
  }),
  route({
    method: 'get',
    path: '/admin/after-sales/:requestId',
    tag: 'after-sales-admin',
    ...STAFF,
    params: requestParams,
    response: afterSalesRequestView,
    errors: { 404: ['AFTER_SALES.REQUEST_NOT_FOUND'] },
    summary: 'Any after-sales request, with its adjustments (who, when, why).',
    handler: ({ zt, params }) => zt.afterSales.get({ requestId: params.requestId }),
  }),
  route({
    method: 'post',
    path: '/admin/after-sales/:requestId/review',
    tag: 'after-sales-admin',
    ...STAFF,
    params: requestParams,
    body: z.object({ approve: z.boolean(), reason: z.string().max(500).optional() }).strict(),
    response: afterSalesRequestView,
    errors: STEP_ERRORS,
    summary:
      'Reviews (审核) a pending request: approved, a refund awaits its money, a return or exchange the goods (a durable timer closes it if they are not shipped back within 7 days); rejected, it closes.',
    handler: ({ zt, identity, params, body }) =>
      zt.afterSales.review({
        requestId: params.requestId,
        staffId: identity!.subject,
        approve: body.approve,
        ...(body.reason !== undefined ? { reason: body.reason } : {}),
      }),
  }),
  route({
    method: 'post',
    path: '/admin/after-sales/:requestId/receive',
    tag: 'after-sales-admin',
    ...STAFF,
    params: requestParams,
    body: z
      .object({
        inspection: z.enum(['sellable', 'damaged']),
        putAway: z
          .object({ warehouseId: id, location: z.string().max(64) })
          .strict()
          .optional(),
      })
      .strict(),
    response: afterSalesRequestView,
    errors: errorsOf(STEP_ERRORS, { 404: ['DISPATCH.WAREHOUSE_NOT_FOUND'], 422: ['INVENTORY.INVALID_LOCATION'] }),
    summary:
      'The returned goods arrived (收货验货): put away at a warehouse location (`putAway`, for shops that keep warehouse stock here) they are received into its stock, damaged ones as unusable; sellable units go back on sale, damaged ones do not. A return then awaits its refund, an exchange its new unit.',
    handler: ({ zt, identity, params, body }) =>
      zt.afterSales.receive({
        requestId: params.requestId,
        staffId: identity!.subject,
        inspection: body.inspection,
        ...(body.putAway ? { putAway: body.putAway } : {}),
      }),
  }),
  route({
    method: 'post',
    path: '/admin/after-sales/:requestId/adjust',
    tag: 'after-sales-admin',
    ...STAFF,
    params: requestParams,
    body: z.object({ why: z.string().max(500), amount: amount.optional(), freightCompensation: amount.optional() }).strict(),
    response: afterSalesRequestView,
    errors: errorsOf(STEP_ERRORS, { 422: ['AFTER_SALES.AMOUNT_ABOVE_REFUNDABLE', 'AFTER_SALES.ADJUSTMENT_UNEXPLAINED'] }),
    summary:
      'Sets the refund (never above what is refundable) and/or adds freight compensation before the money goes out, saying why; every adjustment is kept with who and when (AFS-2).',
    handler: ({ zt, identity, params, body }) =>
      zt.afterSales.adjustRefund({
        requestId: params.requestId,
        staffId: identity!.subject,
        why: body.why,
        ...(body.amount !== undefined ? { amount: body.amount } : {}),
        ...(body.freightCompensation !== undefined ? { freightCompensation: body.freightCompensation } : {}),
      }),
  }),
  route({
    method: 'post',
    path: '/admin/after-sales/:requestId/refund',
    tag: 'after-sales-admin',
    ...STAFF,
    params: requestParams,
    response: afterSalesRequestView,
    errors: errorsOf(STEP_ERRORS, { 409: ['PAYMENT.REFUND_EXCEEDS_PAID'] }),
    summary:
      "Issues the refund (退款) of a request awaiting it, once: from the order's share of its payment, under refund number afs-<request>, sent through the channel by a durable job; the request succeeds when the channel acknowledges. Membership rolls back the refunded part's growth and points; the refund that takes the order's last units closes it and gives back its coupons and purchase limits. More than the payment has left: 409 PAYMENT.REFUND_EXCEEDS_PAID, nothing written.",
    handler: ({ zt, identity, params }) => zt.afterSales.refund({ requestId: params.requestId, staffId: identity!.subject }),
  }),
];
