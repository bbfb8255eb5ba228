import { z } from 'zod';
import { type ErrorCodes, errorsOf, id, route, type Route } from '../route.js';
import { ACTIVITY_NOT_FOUND, SERVING_ERRORS } from './activity-routes.js';
import { activityParams, bargainParams, count, groupParams, member, orderId, staff, text } from './fields.js';
import {
  bargainHelp,
  memberBargain,
  memberBargainView,
  memberGroup,
  memberGroupView,
  memberHelpView,
  purchaseAllowance,
  purchaseLimitOutcome,
  purchaseLimitRelease,
} from './wire.js';

/** 开团 and 参团 (decision 0021): only the caller's own order, awaiting payment, of the activity's goods. */
const GROUP_ORDER_ERRORS: ErrorCodes = { 404: ['PROMOTION.ORDER_NOT_FOUND'], 409: ['PROMOTION.ORDER_NOT_ELIGIBLE'] };
/** 参团: the group must be open, have room, not hold the member or the order yet; the member must be eligible. */
const JOIN_ERRORS: ErrorCodes = {
  404: ['PROMOTION.GROUP_NOT_FOUND', 'PROMOTION.ACTIVITY_NOT_FOUND'],
  409: [
    'PROMOTION.GROUP_NOT_OPEN',
    'PROMOTION.GROUP_CLOSED',
    'PROMOTION.GROUP_FULL',
    'PROMOTION.ALREADY_JOINED',
    'PROMOTION.ORDER_IN_ANOTHER_GROUP',
    'PROMOTION.NOT_ACTIVE',
  ],
  422: ['PROMOTION.NOT_ELIGIBLE'],
};

/** Purchase limits (限购) for staff and members, then members' group buys (开团, 参团) and bargains (砍价). */
export const promotionLimitGroupBargainRoutes: Route[] = [
  route({
    tag: 'promotion-admin',
    access: 'staff',
    roles: ['marketing', 'orders'],
    method: 'post',
    path: '/admin/promotion/activities/:activityId/purchase-limits/consumptions',
    params: activityParams,
    response: purchaseLimitOutcome,
    errors: errorsOf(SERVING_ERRORS, { 409: ['PROMOTION.PURCHASE_LIMIT_REACHED'], 422: ['PROMOTION.INVALID_QUANTITY'] }),
    summary:
      '限购: an order takes units under the per-member limit (idempotent per reference); PROMOTION.PURCHASE_LIMIT_REACHED with the figures when they do not fit',
    body: z.object({ memberId: text, reference: orderId, quantity: count }).strict(),
    handler: ({ zt, params, body }) => zt.promotions.consumePurchaseLimit({ ...params, ...body }),
  }),
  route({
    tag: 'promotion-admin',
    access: 'staff',
    roles: ['marketing', 'orders'],
    method: 'post',
    path: '/admin/promotion/activities/:activityId/purchase-limits/releases',
    params: activityParams,
    response: purchaseLimitRelease,
    errors: ACTIVITY_NOT_FOUND,
    summary: '限购: give an order’s units back (cancelled or refunded); a second release changes nothing',
    body: z.object({ reference: orderId }).strict(),
    handler: async ({ zt, params, body }) => (await zt.promotions.releasePurchaseLimit({ ...params, ...body })) ?? { released: false },
  }),
  route({
    ...staff,
    method: 'get',
    path: '/admin/promotion/activities/:activityId/purchase-limits/:memberId',
    response: purchaseAllowance,
    errors: SERVING_ERRORS,
    params: z.object({ activityId: id, memberId: text }),
    summary: '限购: what a member has taken under the activity in the current period, and may still take',
    handler: ({ zt, params }) => zt.promotions.purchaseAllowance(params),
  }),
  route({
    ...member,
    method: 'get',
    path: '/me/promotion/activities/:activityId/allowance',
    params: activityParams,
    response: purchaseAllowance,
    errors: SERVING_ERRORS,
    summary: '限购: how many units of the activity you may still buy in the current period (null: no limit)',
    handler: ({ zt, params, identity }) => zt.promotions.purchaseAllowance({ ...params, memberId: identity!.subject }),
  }),

  route({
    ...member,
    method: 'post',
    path: '/me/promotion/groups',
    status: 201,
    response: memberGroup,
    errors: errorsOf(SERVING_ERRORS, GROUP_ORDER_ERRORS, {
      409: ['PROMOTION.ORDER_IN_ANOTHER_GROUP'],
      422: ['PROMOTION.INVALID_GROUP_SIZE', 'PROMOTION.NOT_ELIGIBLE'],
    }),
    summary: '开团: open a group of a group-buy activity with your order (pending until it is paid), at a size of its ladder',
    body: z.object({ activityId: id, orderId, size: count.optional() }).strict(),
    handler: async ({ zt, body, identity }) => memberGroupView(await zt.promotions.openGroup({ ...body, memberId: identity!.subject }), identity!.subject),
  }),
  route({
    ...member,
    method: 'post',
    path: '/me/promotion/groups/:groupId/members',
    params: groupParams,
    response: memberGroup,
    errors: errorsOf(JOIN_ERRORS, GROUP_ORDER_ERRORS),
    summary: '参团: join an open group with your order; confirmed when it is paid, if the group still has room',
    body: z.object({ orderId }).strict(),
    handler: async ({ zt, params, body, identity }) =>
      memberGroupView(await zt.promotions.joinGroup({ ...params, ...body, memberId: identity!.subject }), identity!.subject),
  }),
  route({
    ...member,
    method: 'get',
    path: '/me/promotion/groups/:groupId',
    params: groupParams,
    response: memberGroup,
    errors: { 404: ['PROMOTION.GROUP_NOT_FOUND'] },
    summary: "A group's progress (size, paid, deadline, price) and your place in it",
    handler: async ({ zt, params, identity }) => memberGroupView(await zt.promotions.getGroup(params), identity!.subject),
  }),
  route({
    ...member,
    method: 'post',
    path: '/me/promotion/bargains',
    status: 201,
    response: memberBargain,
    errors: errorsOf(SERVING_ERRORS, { 409: ['PROMOTION.BARGAIN_EXISTS'] }),
    summary: '发起砍价: start your bargain on a bargain activity (starting again returns the one you have)',
    body: z.object({ activityId: id }).strict(),
    handler: async ({ zt, body, identity }) => memberBargainView(await zt.promotions.startBargain({ ...body, memberId: identity!.subject }), identity!.subject),
  }),
  route({
    ...member,
    method: 'get',
    path: '/me/promotion/bargains/:bargainId',
    params: bargainParams,
    response: memberBargain,
    errors: { 404: ['PROMOTION.BARGAIN_NOT_FOUND'] },
    summary: "A bargain's prices and how many have helped",
    handler: async ({ zt, params, identity }) => memberBargainView(await zt.promotions.getBargain(params), identity!.subject),
  }),
  route({
    ...member,
    method: 'post',
    path: '/me/promotion/bargains/:bargainId/helps',
    params: bargainParams,
    response: bargainHelp,
    errors: { 404: ['PROMOTION.BARGAIN_NOT_FOUND'], 409: ['PROMOTION.BARGAIN_COMPLETE', 'PROMOTION.BARGAIN_EXPIRED'] },
    summary: '帮砍: cut the price of a bargain once (asking again returns your cut); the last allowed helper reaches the floor',
    handler: async ({ zt, params, identity }) => memberHelpView(await zt.promotions.helpBargain({ ...params, helperId: identity!.subject }), identity!.subject),
  }),
];
