import { z } from 'zod';
import { REVIEW_STATUSES, TIME_STATUSES } from '../../../../domain/promotion/review.js';
import { amount, type ErrorCodes, errorsOf, route, type Route } from '../route.js';
import { activityFields, activityParams, createBody, groupParams, list, memberContext, orderId, pricingLine, staff } from './fields.js';
import { activityView, expiredGroups, groupBuyView, groupPayment, pricePreview } from './wire.js';

// The business codes each route may answer besides the generic ones (those of its use case and the domain codes it calls).
export const ACTIVITY_NOT_FOUND: ErrorCodes = { 404: ['PROMOTION.ACTIVITY_NOT_FOUND'] };
/** What setup and revisions refuse in a definition (docs/contexts/promotion.md); the rule's own faults are the pricing engine's. */
const DEFINITION_ERRORS: ErrorCodes = {
  422: [
    'PROMOTION.INVALID_NAME',
    'PROMOTION.INVALID_WINDOW',
    'PROMOTION.INVALID_KIND',
    'PROMOTION.INVALID_SETTINGS',
    'PROMOTION.INVALID_BUDGET',
    'PROMOTION.INVALID_GROUP_BUY',
    'PROMOTION.INVALID_BARGAIN',
    'PROMOTION.INVALID_PRESALE',
    'PRICING.INVALID_RULE',
    'MONEY.TOO_MANY_DECIMALS',
  ],
};
/** PRM-2: a step the table does not allow, or on a voided activity. */
const REVIEW_ERRORS = errorsOf(ACTIVITY_NOT_FOUND, {
  409: ['PROMOTION.INVALID_TRANSITION', 'PROMOTION.ACTIVITY_VOIDED'],
  422: ['PROMOTION.ACTOR_REQUIRED'],
});
export const SERVING_ERRORS = errorsOf(ACTIVITY_NOT_FOUND, { 409: ['PROMOTION.NOT_ACTIVE'] });

/**
 * Marketing staff's routes: activities and their review (PRM-2), the groups of a group buy (listing, payments,
 * the expiry sweep) and the price preview.
 */
export const promotionActivityRoutes: Route[] = [
  route({
    ...staff,
    method: 'get',
    path: '/admin/promotion/activities',
    response: z.array(activityView),
    errors: {},
    summary: 'Every activity, newest first, or those of one status now (not_started, active, ended, voided) or one review status',
    query: z.object({ status: z.enum(TIME_STATUSES).optional(), reviewStatus: z.enum(REVIEW_STATUSES).optional() }),
    handler: ({ zt, query }) => zt.promotions.listActivities(query),
  }),
  route({
    ...staff,
    method: 'post',
    path: '/admin/promotion/activities',
    status: 201,
    body: createBody,
    response: activityView,
    errors: errorsOf(DEFINITION_ERRORS, { 409: ['PROMOTION.DUPLICATE_CODE'] }),
    summary: 'PRM-2 setup: an activity (generated unique code, window, channels, audience, per-member limit, products, rule, budget) as a draft',
    handler: ({ zt, body, identity }) => zt.promotions.createActivity({ ...body, by: identity!.subject }),
  }),
  route({
    ...staff,
    method: 'get',
    path: '/admin/promotion/activities/:activityId',
    params: activityParams,
    response: activityView,
    errors: ACTIVITY_NOT_FOUND,
    summary: 'One activity with its versions, status now, review status and budget spent',
    handler: ({ zt, params }) => zt.promotions.getActivity(params),
  }),
  route({
    ...staff,
    method: 'post',
    path: '/admin/promotion/activities/:activityId/submit',
    params: activityParams,
    response: activityView,
    errors: errorsOf(REVIEW_ERRORS, { 422: ['PROMOTION.WINDOW_ENDED'] }),
    summary: 'PRM-2: the draft goes to review (待审核)',
    handler: ({ zt, params, identity }) => zt.promotions.submitActivity({ ...params, by: identity!.subject }),
  }),
  route({
    ...staff,
    method: 'post',
    path: '/admin/promotion/activities/:activityId/approve',
    params: activityParams,
    response: activityView,
    errors: errorsOf(REVIEW_ERRORS, { 403: ['PROMOTION.SELF_APPROVAL'], 422: ['PROMOTION.WINDOW_ENDED', 'PROMOTION.INVALID_BUDGET'] }),
    summary:
      'PRM-2: the version under review is published and serves, replacing the live one; four eyes: never by its submitter or an author (403 PROMOTION.SELF_APPROVAL)',
    handler: ({ zt, params, identity }) => zt.promotions.approveActivity({ ...params, by: identity!.subject }),
  }),
  route({
    ...staff,
    method: 'post',
    path: '/admin/promotion/activities/:activityId/reject',
    params: activityParams,
    response: activityView,
    errors: errorsOf(REVIEW_ERRORS, { 422: ['PROMOTION.INVALID_SETTINGS'] }),
    summary: 'PRM-2: the version under review is rejected with a reason; the live one keeps serving',
    body: z.object({ reason: z.string().max(1000) }).strict(),
    handler: ({ zt, params, body, identity }) => zt.promotions.rejectActivity({ ...params, reason: body.reason, by: identity!.subject }),
  }),
  route({
    ...staff,
    method: 'post',
    path: '/admin/promotion/activities/:activityId/void',
    params: activityParams,
    response: activityView,
    errors: errorsOf(ACTIVITY_NOT_FOUND, { 409: ['PROMOTION.INVALID_TRANSITION'], 422: ['PROMOTION.INVALID_SETTINGS'] }),
    summary: 'Void (作废) an activity: it stops serving at once and for good',
    body: z
      .object({ reason: z.string().max(1000).optional() })
      .strict()
      .default({}),
    handler: ({ zt, params, body }) => zt.promotions.voidActivity({ ...params, ...body }),
  }),
  route({
    ...staff,
    method: 'post',
    path: '/admin/promotion/activities/:activityId/versions',
    params: activityParams,
    response: activityView,
    errors: errorsOf(ACTIVITY_NOT_FOUND, { 409: ['PROMOTION.INVALID_TRANSITION', 'PROMOTION.ACTIVITY_VOIDED'] }, DEFINITION_ERRORS, {
      422: ['PROMOTION.KIND_CHANGED'],
    }),
    summary: 'PRM-2: a new version of a published activity (a draft to review while the live one serves), or an edit of the open draft',
    body: z.object(activityFields).partial().strict(),
    handler: ({ zt, params, body, identity }) => zt.promotions.reviseActivity({ ...params, ...body, by: identity!.subject }),
  }),
  route({
    ...staff,
    method: 'get',
    path: '/admin/promotion/activities/:activityId/groups',
    params: activityParams,
    response: z.array(groupBuyView),
    errors: ACTIVITY_NOT_FOUND,
    summary: 'The groups of a group-buy activity, newest first',
    handler: ({ zt, params }) => zt.promotions.listGroups(params),
  }),
  route({
    tag: 'promotion-admin',
    access: 'staff',
    roles: ['marketing', 'payments'],
    method: 'post',
    path: '/admin/promotion/groups/:groupId/payments',
    params: groupParams,
    response: groupPayment,
    errors: {
      404: ['PROMOTION.GROUP_NOT_FOUND', 'PROMOTION.ORDER_NOT_IN_GROUP', 'PROMOTION.ORDER_NOT_FOUND'],
      409: ['PROMOTION.GROUP_FULL', 'PROMOTION.GROUP_CLOSED', 'PROMOTION.ORDER_NOT_ELIGIBLE'],
    },
    summary: 'A group order was paid: confirmed only while the group has room (PROMOTION.GROUP_FULL: refund it); the group succeeds at its size',
    body: z.object({ orderId }).strict(),
    handler: ({ zt, params, body }) => zt.promotions.confirmGroupPayment({ ...params, ...body }),
  }),
  route({
    ...staff,
    method: 'post',
    path: '/admin/promotion/groups/expiry-sweep',
    response: expiredGroups,
    errors: {},
    summary: 'Fail the groups whose deadline has come short of their size (their paid orders are to be refunded)',
    body: z
      .object({ limit: z.number().int().min(1).max(5000).optional() })
      .strict()
      .default({}),
    handler: ({ zt, body }) => zt.promotions.closeExpiredGroups(body),
  }),
  route({
    ...staff,
    method: 'post',
    path: '/admin/promotion/price-preview',
    response: pricePreview,
    errors: { 422: ['PRICING.NO_LINES', 'PRICING.INVALID_LINE', 'PRICING.INVALID_INPUT'] },
    summary: 'Price lines for a member with the activities serving now (PRM-3 order, PRM-4 best plan)',
    body: z.object({ lines: list(pricingLine, 200), member: memberContext, freight: amount.optional() }).strict(),
    handler: ({ zt, body }) => zt.promotions.previewPrice(body),
  }),
];
