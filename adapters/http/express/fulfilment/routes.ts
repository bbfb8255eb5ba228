import { z } from 'zod';
import { errorsOf, id, route, type Route } from '../route.js';
import { cancelPaidResult, fulfilmentView } from './wire.js';

const STAFF = { access: 'staff', roles: ['orders'] } as const;
const orderParams = z.object({ orderId: id });
/** Every step on an order: it exists (another member's does not), and its status and split allow the step. */
const STEP_ERRORS = { 404: ['ORDER.NOT_FOUND'], 409: ['ORDER.INVALID_TRANSITION', 'ORDER.SPLIT_PARENT'] };
/** Lengths are the domain's to judge (ORDER.INVALID_SHIPMENT); the schema only bounds the request. */
const text = (max: number) => z.string().max(max);

/**
 * Fulfilment (issue #6 item 5): staff with role `orders` (or admin) ship orders, cancel paid ones as
 * far as fulfilment allows (ORD-6) and redeem service orders' codes; a member confirms receipt of their
 * own order (another member's is 404 ORDER.NOT_FOUND). Cancelling an unpaid order is `POST
 * /me/orders/:orderId/cancel`.
 */
export const fulfilmentRoutes: Route[] = [
  route({
    method: 'post',
    path: '/admin/orders/:orderId/ship',
    tag: 'fulfilment-admin',
    ...STAFF,
    params: orderParams,
    response: fulfilmentView,
    errors: errorsOf(STEP_ERRORS, { 422: ['ORDER.INVALID_SHIPMENT'] }),
    body: z.object({ carrier: text(200), trackingNumber: text(200) }).strict(),
    summary:
      'Ships a paid order (发货) with its carrier and tracking number; receipt is confirmed automatically N days later (10 by default) by a durable job. A child order moves its split parent. Unpaid or already shipped: 409 ORDER.INVALID_TRANSITION; a split parent: 409 ORDER.SPLIT_PARENT.',
    handler: ({ zt, params, body }) => zt.fulfilment.ship({ orderId: params.orderId, carrier: body.carrier, trackingNumber: body.trackingNumber }),
  }),
  route({
    method: 'post',
    path: '/admin/orders/:orderId/cancel',
    tag: 'fulfilment-admin',
    ...STAFF,
    params: orderParams,
    response: cancelPaidResult,
    errors: errorsOf(STEP_ERRORS, { 409: ['ORDER.AFTER_SALES_ONLY'] }),
    body: z.object({ reason: z.string().min(1).max(200) }).strict(),
    summary:
      'Cancels a paid order by fulfilment stage (ORD-6): not allocated or allocated → closed and refunded, stock back on sale; at the warehouse or shipped → only if the warehouse or carrier intercepts it; signed for or interception failed → 409 ORDER.AFTER_SALES_ONLY with nothing written. The refund reaches the channel by a durable job. Unpaid: 409 ORDER.INVALID_TRANSITION.',
    handler: ({ zt, identity, params, body }) =>
      zt.fulfilment.cancelPaid({ by: 'staff', operator: identity!.subject, orderId: params.orderId, reason: body.reason }),
  }),
  route({
    method: 'post',
    path: '/admin/orders/:orderId/redeem',
    tag: 'fulfilment-admin',
    ...STAFF,
    params: orderParams,
    response: fulfilmentView,
    errors: errorsOf(STEP_ERRORS, { 422: ['ORDER.INVALID_CODE'] }),
    body: z.object({ shopId: id, code: z.string().min(1).max(64) }).strict(),
    summary:
      "Redeems a service order's verification code (核销) for the shop: the order completes. A wrong code or another shop's: 422 ORDER.INVALID_CODE, nothing written.",
    handler: ({ zt, params, body }) => zt.fulfilment.redeem({ orderId: params.orderId, shopId: body.shopId, code: body.code }),
  }),
  route({
    method: 'post',
    path: '/me/orders/:orderId/confirm-receipt',
    tag: 'fulfilment',
    access: 'member',
    params: orderParams,
    response: fulfilmentView,
    errors: STEP_ERRORS,
    summary:
      "Confirms receipt (确认收货) of the calling member's shipped order: it completes (交易成功) and membership is told. Another member's order: 404 ORDER.NOT_FOUND.",
    handler: ({ zt, identity, params }) => zt.fulfilment.confirmReceipt({ memberId: identity!.subject, orderId: params.orderId }),
  }),
];
