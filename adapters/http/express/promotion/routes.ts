import { z } from 'zod';
import { CHANNELS } from '../../../../domain/pricing/index.js';
import { GROUP_TYPES } from '../../../../domain/promotion/definition.js';
import { LIMIT_PERIODS } from '../../../../domain/promotion/purchase-limit.js';
import { REVIEW_STATUSES, TIME_STATUSES } from '../../../../domain/promotion/review.js';
import { amount, type ErrorCodes, errorsOf, id, int32, route, type Route } from '../route.js';
import {
  activityView,
  bargainHelp,
  expiredGroups,
  groupBuyView,
  groupPayment,
  memberBargain,
  memberBargainView,
  memberGroup,
  memberGroupView,
  memberHelpView,
  pricePreview,
  purchaseAllowance,
  purchaseLimitOutcome,
  purchaseLimitRelease,
} from './wire.js';

// Types and sizes are checked here; what the values mean (a window that ends before it starts, tiers that
// overlap, a floor above the price, a size the ladder lacks …) is the domain's to judge, with its codes.
const timestamp = z.iso.datetime({ offset: true }).transform((s) => new Date(s));
const text = z.string().min(1).max(64);
const count = int32;
const list = <T extends z.ZodType>(item: T, max = 50) => z.array(item).max(max);
const skuPrices = list(z.object({ skuId: id, price: amount }).strict(), 500);
const channel = z.enum(CHANNELS as unknown as ['app', 'h5', 'pc', 'mini_program']);

const rule = z.discriminatedUnion('kind', [
  z.object({ kind: z.enum(['single_item', 'flash_sale', 'group_buy']), prices: skuPrices.optional(), percentOff: amount.optional() }).strict(),
  z
    .object({
      kind: z.literal('full_reduction'),
      rule: z.discriminatedUnion('mode', [
        z.object({ mode: z.literal('tiered'), tiers: list(z.object({ threshold: amount, off: amount }).strict(), 20) }).strict(),
        z.object({ mode: z.literal('per_every'), every: amount, off: amount, cap: amount.optional() }).strict(),
      ]),
    })
    .strict(),
  z
    .object({ kind: z.literal('full_discount'), tiers: list(z.object({ threshold: amount, percentOff: amount, cap: amount.optional() }).strict(), 20) })
    .strict(),
  z
    .object({
      kind: z.literal('multi_buy'),
      rule: z.discriminatedUnion('mode', [
        z.object({ mode: z.literal('n_for_price'), count, price: amount }).strict(),
        z.object({ mode: z.literal('n_at_percent_off'), tiers: list(z.object({ count, percentOff: amount }).strict(), 20) }).strict(),
      ]),
    })
    .strict(),
  z.object({ kind: z.literal('bundle'), items: list(z.object({ skuId: id, quantity: count }).strict()), price: amount }).strict(),
  z.object({ kind: z.literal('add_on'), threshold: amount, items: list(z.object({ skuId: id, price: amount, maxQuantity: count }).strict()) }).strict(),
  z
    .object({
      kind: z.literal('gift'),
      basis: z.enum(['amount', 'quantity']),
      repeat: z.boolean().optional(),
      tiers: list(
        z
          .object({
            threshold: z.union([amount, count]),
            pick: count,
            gifts: list(z.object({ skuId: id, quantity: count, cap: count.optional(), stock: count }).strict()),
          })
          .strict(),
        20,
      ),
    })
    .strict(),
  z.object({ kind: z.literal('bargain'), skuId: id, originalPrice: amount, floorPrice: amount, maxHelpers: count, hours: count }).strict(),
  z
    .object({
      kind: z.literal('deposit_presale'),
      items: list(z.object({ skuId: id, price: amount, deposit: amount }).strict(), 500),
      leverage: z.string().max(20),
      depositWindow: z.object({ startsAt: timestamp, endsAt: timestamp }).strict(),
      balanceWindow: z.object({ startsAt: timestamp, endsAt: timestamp }).strict(),
    })
    .strict(),
]);

const audience = z.discriminatedUnion('kind', [
  z.object({ kind: z.enum(['all', 'new_members']) }).strict(),
  z.object({ kind: z.literal('members'), memberIds: list(text, 10_000) }).strict(),
  z.object({ kind: z.literal('levels'), levels: list(text, 50) }).strict(),
]);
const scope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }).strict(),
  z.object({ kind: z.enum(['skus', 'products', 'categories', 'brands', 'shops', 'tags']), ids: list(text, 1000) }).strict(),
]);
const groupBuy = z
  .object({
    type: z.enum(GROUP_TYPES),
    size: count,
    hours: count,
    ladder: list(z.object({ size: count, prices: skuPrices.optional(), percentOff: amount.optional() }).strict(), 20).default([]),
  })
  .strict();

const activityFields = {
  name: z.string().max(200),
  rule,
  startsAt: timestamp,
  endsAt: timestamp,
  channels: list(channel, 4),
  audience,
  scope,
  shopId: id.nullable(),
  perMemberLimit: count.nullable(),
  limitPeriod: z.enum(LIMIT_PERIODS),
  budget: amount.nullable(),
  stacking: z.enum(['shared', 'exclusive']),
  priority: count,
  groupBuy: groupBuy.nullable(),
  stockPool: z.string().max(200).nullable(),
};
const { name, rule: ruleField, startsAt, endsAt, ...optional } = activityFields;
const createBody = z.object({ name, rule: ruleField, startsAt, endsAt, ...z.object(optional).partial().shape }).strict();
const activityParams = z.object({ activityId: id });
const groupParams = z.object({ groupId: id });
const bargainParams = z.object({ bargainId: id });
const orderId = z.string().min(1).max(120);

const pricingLine = z
  .object({
    lineId: text,
    skuId: id,
    productId: id,
    categoryIds: list(id, 10).optional(),
    brandId: id.optional(),
    shopId: id,
    selfRun: z.boolean().optional(),
    tags: list(text, 20).optional(),
    quantity: count,
    unitPrice: amount,
  })
  .strict();
const memberContext = z.object({ memberId: text.optional(), level: text.optional(), isNew: z.boolean(), channel }).strict();

const ACTIVITY_NOT_FOUND: ErrorCodes = { 404: ['PROMOTION.ACTIVITY_NOT_FOUND'] };
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
const REVIEW_ERRORS = errorsOf(ACTIVITY_NOT_FOUND, { 409: ['PROMOTION.INVALID_TRANSITION', 'PROMOTION.ACTIVITY_VOIDED'], 422: ['PROMOTION.ACTOR_REQUIRED'] });
const SERVING_ERRORS = errorsOf(ACTIVITY_NOT_FOUND, { 409: ['PROMOTION.NOT_ACTIVE'] });
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

const staff = { tag: 'promotion-admin', access: 'staff', roles: ['marketing'] } as const;
const member = { tag: 'promotion', access: 'member' } as const;

/** Promotion routes: activities and their review (PRM-2) for marketing staff, group buys and bargains for members, a price preview. */
export const promotionRoutes: Route[] = [
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
