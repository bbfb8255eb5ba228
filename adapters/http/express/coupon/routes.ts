import { z } from 'zod';
import { COUPON_STATES } from '../../../../domain/coupon/owned-coupon.js';
import { COUPON_SCOPE_KINDS, CHANNELS } from '../../../../domain/pricing/index.js';
import { amount, type ErrorCodes, errorsOf, id, int32, route, type Route } from '../route.js';
import { claimableCoupon, couponRecommendation, couponStatistics, couponTemplateView, expiredCoupons, issueReport, ownedCoupon } from './wire.js';

const timestamp = z.iso.datetime({ offset: true }).transform((s) => new Date(s));
const templateParams = z.object({ templateId: id });
const channel = z.enum(CHANNELS as unknown as [string, ...string[]]);
const scopeIds = z.array(id).min(1).max(500);

/**
 * The shape of a template definition. Only the shape: which fields a kind takes, a discount above
 * 100 %, a threshold below the discount, a window that ends before it starts … are the domain's to
 * judge, with COUPON.INVALID_TEMPLATE and the field and reason.
 */
const templateBody = z
  .object({
    name: z.string().max(200),
    kind: z.enum(['cash', 'threshold', 'discount', 'random', 'shipping']),
    issuer: z
      .discriminatedUnion('kind', [z.object({ kind: z.literal('platform') }).strict(), z.object({ kind: z.literal('shop'), shopId: id }).strict()])
      .optional(),
    scope: z
      .discriminatedUnion('kind', [
        z.object({ kind: z.enum(['platform', 'self_run']) }).strict(),
        z.object({ kind: z.enum(COUPON_SCOPE_KINDS.filter((k) => k !== 'platform' && k !== 'self_run') as [string, ...string[]]), ids: scopeIds }).strict(),
      ])
      .optional(),
    amount: amount.optional(),
    threshold: amount.optional(),
    percentOff: amount.optional(),
    cap: amount.optional(),
    randomRange: z.object({ min: amount, max: amount }).strict().optional(),
    validity: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('fixed'), from: timestamp, until: timestamp }).strict(),
      z.object({ kind: z.literal('relative'), days: int32 }).strict(),
    ]),
    claimWindow: z.object({ startsAt: timestamp, endsAt: timestamp }).strict(),
    totalQuantity: int32,
    perMemberLimit: int32.optional(),
    visibility: z.enum(['public', 'hidden']).optional(),
    audience: z.enum(['all', 'new_customers']).optional(),
    channels: z.array(channel).max(4).optional(),
    stacking: z.enum(['shared', 'exclusive']).optional(),
    priority: int32.optional(),
  })
  .strict();

const pricingLine = z
  .object({
    lineId: z.string().min(1).max(64),
    skuId: id,
    productId: id,
    categoryIds: z.array(id).max(10).optional(),
    brandId: id.optional(),
    shopId: id,
    selfRun: z.boolean().optional(),
    quantity: int32,
    unitPrice: amount,
  })
  .strict();

const TEMPLATE_NOT_FOUND: ErrorCodes = { 404: ['COUPON.TEMPLATE_NOT_FOUND'] };
/** A command out of bounds: a member id that is no member id, a sweep size out of range, too many members at once. */
const BAD_COMMAND: ErrorCodes = { 422: ['COUPON.INVALID_COMMAND'] };

/** Staff (role `marketing`) define, stop, issue and measure coupons; members claim and list their own. */
export const couponRoutes: Route[] = [
  route({
    method: 'post',
    path: '/admin/coupons/templates',
    tag: 'coupon-admin',
    access: 'staff',
    roles: ['marketing'],
    status: 201,
    body: templateBody,
    response: couponTemplateView,
    errors: { 422: ['COUPON.INVALID_TEMPLATE'] },
    summary: 'Define a coupon template: kind, face value, threshold, scope, validity, claim window, total quantity, per-member limit, visibility, audience',
    handler: ({ zt, body }) => zt.coupons.createTemplate(body as Parameters<typeof zt.coupons.createTemplate>[0]),
  }),
  route({
    method: 'get',
    path: '/admin/coupons/templates',
    tag: 'coupon-admin',
    access: 'staff',
    roles: ['marketing'],
    response: z.array(couponTemplateView),
    errors: {},
    query: z.object({ status: z.enum(['active', 'stopped']).optional() }),
    summary: 'Coupon templates, newest first, with how many were handed out and how many are left',
    handler: ({ zt, query }) => zt.coupons.listTemplates(query),
  }),
  route({
    method: 'get',
    path: '/admin/coupons/templates/:templateId',
    tag: 'coupon-admin',
    access: 'staff',
    roles: ['marketing'],
    params: templateParams,
    response: couponTemplateView,
    errors: TEMPLATE_NOT_FOUND,
    summary: 'One coupon template with its counts',
    handler: ({ zt, params }) => zt.coupons.getTemplate(params),
  }),
  route({
    method: 'post',
    path: '/admin/coupons/templates/:templateId/stop',
    tag: 'coupon-admin',
    access: 'staff',
    roles: ['marketing'],
    params: templateParams,
    response: couponTemplateView,
    errors: TEMPLATE_NOT_FOUND,
    summary: 'Stop a template: no more claims or issues; coupons handed out stay usable',
    handler: ({ zt, params }) => zt.coupons.stopTemplate(params),
  }),
  route({
    method: 'post',
    path: '/admin/coupons/templates/:templateId/issue',
    tag: 'coupon-admin',
    access: 'staff',
    roles: ['marketing'],
    params: templateParams,
    response: issueReport,
    errors: errorsOf(TEMPLATE_NOT_FOUND, BAD_COMMAND, { 409: ['COUPON.TEMPLATE_STOPPED'], 422: ['COUPON.CLAIM_WINDOW_CLOSED'] }),
    body: z.object({ memberIds: z.array(id).min(1).max(1000) }).strict(),
    summary: 'Issue coupons to a list of members (bulk 发放), each under the total quantity and the per-member limit; reports each member',
    handler: ({ zt, params, body }) => zt.coupons.issue({ templateId: params.templateId, memberIds: body.memberIds }),
  }),
  route({
    method: 'get',
    path: '/admin/coupons/templates/:templateId/statistics',
    tag: 'coupon-admin',
    access: 'staff',
    roles: ['marketing'],
    params: templateParams,
    response: couponStatistics,
    errors: TEMPLATE_NOT_FOUND,
    summary: 'Statistics of a template: issued, claimed, used, coupons by state, redemption rate (used / issued)',
    handler: ({ zt, params }) => zt.coupons.statistics(params),
  }),
  route({
    method: 'post',
    path: '/admin/coupons/expiry-sweep',
    tag: 'coupon-admin',
    access: 'staff',
    roles: ['marketing'],
    body: z.object({ at: timestamp.optional(), limit: int32.optional() }).strict(),
    summary: 'Expire available and returned coupons past their validity (at most `limit`, default 500)',
    response: expiredCoupons,
    errors: BAD_COMMAND,
    handler: ({ zt, body }) => zt.coupons.expire(body),
  }),
  route({
    method: 'get',
    path: '/me/coupons',
    tag: 'coupon',
    access: 'member',
    response: z.array(ownedCoupon),
    errors: BAD_COMMAND,
    query: z.object({ state: z.enum(COUPON_STATES).optional() }),
    summary: "The calling member's coupons, newest first, optionally of one state",
    handler: ({ zt, identity, query }) => zt.coupons.listMemberCoupons({ memberId: identity!.subject, ...query }),
  }),
  route({
    method: 'get',
    path: '/me/coupons/claimable',
    tag: 'coupon',
    access: 'member',
    response: z.array(claimableCoupon),
    errors: BAD_COMMAND,
    summary: 'Coupons the calling member may claim now (领券中心): public, in the claim window, with coupons left and the member under the limit',
    handler: ({ zt, identity }) => zt.coupons.listClaimable({ memberId: identity!.subject }),
  }),
  route({
    method: 'post',
    path: '/me/coupons/claims',
    tag: 'coupon',
    access: 'member',
    status: 201,
    response: ownedCoupon,
    errors: errorsOf(TEMPLATE_NOT_FOUND, BAD_COMMAND, {
      403: ['COUPON.NOT_CLAIMABLE'],
      409: ['COUPON.TEMPLATE_STOPPED', 'COUPON.SOLD_OUT', 'COUPON.LIMIT_REACHED'],
      422: ['COUPON.CLAIM_WINDOW_CLOSED', 'COUPON.NEW_CUSTOMERS_ONLY'],
    }),
    body: z.object({ templateId: id }).strict(),
    summary: 'Claim a coupon of a public template for the calling member',
    handler: ({ zt, identity, body }) => zt.coupons.claim({ templateId: body.templateId, memberId: identity!.subject }),
  }),
  route({
    method: 'post',
    path: '/me/coupons/recommendation',
    tag: 'coupon',
    access: 'member',
    response: couponRecommendation,
    errors: errorsOf(BAD_COMMAND, { 422: ['PRICING.INVALID_LINE', 'PRICING.INVALID_INPUT'] }),
    body: z.object({ channel, lines: z.array(pricingLine).min(1).max(200), freight: amount.optional() }).strict(),
    summary: "CPN-1: which of the calling member's coupons deducts most from these lines, and how each one fares",
    handler: ({ zt, identity, body }) =>
      zt.coupons.recommend({
        memberId: identity!.subject,
        channel: body.channel as Parameters<typeof zt.coupons.recommend>[0]['channel'],
        lines: body.lines,
        freight: body.freight,
      }),
  }),
];
