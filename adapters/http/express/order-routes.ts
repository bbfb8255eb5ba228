import { z } from 'zod';
import { CHANNELS, type Channel } from '../../../domain/pricing/index.js';
import { crossBorderRates, PRICING_ERRORS } from './checkout/index.js';
import { errorsOf, id, idempotencyKey, number32, route, type Route } from './route.js';
import { callbackResult, memberCancellation, openedPayment, placedOrder } from './wire/ordering.js';

const placeBody = z
  .object({
    buyNow: z.object({ skuId: id, quantity: number32 }).strict().optional(),
    consignee: z
      .object({ name: z.string().max(60), phone: z.string().max(24), district: z.string().max(20), address: z.string().max(300), postcode: z.string().max(12).nullable().optional() })
      .strict(),
    coupons: z.union([z.enum(['recommended', 'none']), z.array(id).max(20)]).optional(),
    points: z.union([z.number().int().min(0).max(1_000_000_000), z.literal('max')]).optional(),
    channel: z.enum(CHANNELS as unknown as [Channel, ...Channel[]]).optional(),
    remark: z.string().max(500).nullable().optional(),
    invoice: z.object({ title: z.string().min(1).max(100), taxNumber: z.string().max(32).nullable() }).strict().nullable().optional(),
    expectedPayable: z.string().max(20).optional(),
    crossBorder: crossBorderRates.optional(),
  })
  .strict();

const orderParams = z.object({ orderId: id });
/** What a channel callback (or the fake channel's page, which makes one) may answer. */
export const CALLBACK_ERRORS = {
  401: ['PAYMENT.INVALID_SIGNATURE'],
  404: ['PAYMENT.NOT_FOUND'],
  409: ['PAYMENT.INVALID_TRANSITION'],
  422: ['PAYMENT.INVALID_CALLBACK', 'PAYMENT.AMOUNT_MISMATCH', 'PAYMENT.UNKNOWN_CHANNEL', 'PAYMENT.NO_CHANNEL_CONFIGURED'],
};

/**
 * Placing, cancelling and paying orders (issue #6), and the payment channels' callbacks. Member routes
 * act for the token's subject; another member's order is 404. The callback route is public: the
 * channel adapter checks the signature before anything is read.
 */
export const orderRoutes: Route[] = [
  route({
    method: 'post', path: '/me/orders', tag: 'orders', access: 'member', body: placeBody, status: 201, response: placedOrder,
    errors: errorsOf(PRICING_ERRORS, {
      400: ['IDEMPOTENCY.INVALID_KEY'],
      403: ['RISK.ORDER_BLOCKED', 'RISK.VERIFICATION_REQUIRED'],
      404: ['MEMBERSHIP.MEMBER_NOT_FOUND'],
      409: ['ORDER.PRICE_CHANGED', 'ORDER.IDEMPOTENCY_KEY_REUSED', 'INVENTORY.OUT_OF_STOCK', 'MEMBERSHIP.INSUFFICIENT_POINTS', 'PROMOTION.PURCHASE_LIMIT_REACHED', 'COUPON.LOCKED_BY_ANOTHER_ORDER'],
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
    method: 'post', path: '/me/orders/:orderId/cancel', tag: 'orders', access: 'member', params: orderParams, response: memberCancellation,
    errors: { 404: ['ORDER.NOT_FOUND'], 409: ['ORDER.INVALID_TRANSITION', 'ORDER.SPLIT_PARENT', 'ORDER.AFTER_SALES_ONLY'] },
    body: z.object({ reason: z.string().max(200).optional() }).strict().optional(),
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
  route({
    method: 'post', path: '/me/payments', tag: 'payments', access: 'member', status: 201, response: openedPayment,
    errors: {
      404: ['ORDER.NOT_FOUND'],
      409: ['ORDER.INVALID_TRANSITION', 'ORDER.SPLIT_PARENT', 'PAYMENT.CHANNEL_UNAVAILABLE', 'PAYMENT.ORDER_ALREADY_PAID'],
      422: ['PAYMENT.INVALID_PAYMENT', 'PAYMENT.UNKNOWN_CHANNEL', 'PAYMENT.NO_CHANNEL_CONFIGURED'],
    },
    body: z.object({ orderIds: z.array(id).min(1).max(50), channel: z.string().min(1).max(32) }).strict(),
    summary:
      "Opens a payment for one order or one combined payment for several child orders (a split parent stands for its unpaid children) and asks the channel to collect it; answers the payment and the channel's pay URL. Asking again while it is open answers the same payment; an order already paid is 409 PAYMENT.ORDER_ALREADY_PAID; with no channel configured, 422 PAYMENT.NO_CHANNEL_CONFIGURED. Closes unpaid at its expiry (PAY-2).",
    handler: (ctx) => ctx.zt.payments.pay({ memberId: ctx.identity!.subject, orderIds: ctx.body.orderIds, channel: ctx.body.channel }),
  }),
  route({
    method: 'post', path: '/payments/callbacks/:channel', tag: 'payments', access: 'public', response: callbackResult, errors: CALLBACK_ERRORS,
    params: z.object({ channel: z.string().min(1).max(32).regex(/^[a-z0-9_-]+$/) }), body: z.unknown(),
    summary:
      "A payment channel's success notification (PAY-1). A channel the shop does not take is 422 PAYMENT.UNKNOWN_CHANNEL (PAYMENT.NO_CHANNEL_CONFIGURED when it takes none). The signature is checked first (401 PAYMENT.INVALID_SIGNATURE); a wrong amount is 422 PAYMENT.AMOUNT_MISMATCH with nothing written; a duplicate answers the first outcome; a success for a closed payment or a cancelled order is flagged late and refunded automatically.",
    handler: (ctx) => ctx.zt.payments.handleCallback({ channel: ctx.params.channel, body: ctx.body }),
  }),
];
