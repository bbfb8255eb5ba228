import { z } from 'zod';
import type {
  ClaimableCoupon,
  CouponRecommendation,
  CouponTemplateView,
  ExpireCoupons,
  IssueReport,
  OwnedCouponView,
} from '../../../../application/coupon/index.js';
import { COUPON_AUDIENCES, COUPON_VISIBILITIES, TEMPLATE_STATUSES, type CouponTemplateSnapshot } from '../../../../domain/coupon/coupon-template.js';
import { COUPON_SOURCES, COUPON_STATES } from '../../../../domain/coupon/owned-coupon.js';
import type { CouponStatistics } from '../../../../domain/coupon/statistics.js';
import { channel, couponKind, couponOption, stacking } from '../pricing/index.js';
import { component, count, decimal, int, money, timestamp, wireId, wireObject, type Check, type Json, type Same } from '../wire/shared.js';

/** The coupon routes' answers (优惠券): templates with their counts, bulk issue reports, statistics, a member's coupons, CPN-1. */

const issuer = z.discriminatedUnion('kind', [wireObject({ kind: z.literal('platform') }), wireObject({ kind: z.literal('shop'), shopId: wireId })]);
const scope = z.discriminatedUnion('kind', [
  wireObject({ kind: z.literal('platform') }),
  wireObject({ kind: z.literal('self_run') }),
  wireObject({ kind: z.enum(['sku', 'product', 'category', 'brand', 'shop']), ids: z.array(wireId) }),
]);

/** A template's definition and status. */
const templateFields = {
  id: wireId,
  name: z.string(),
  kind: couponKind,
  issuer,
  scope,
  amount: money.nullable(),
  threshold: money.nullable(),
  percentOff: decimal.nullable(),
  cap: money.nullable(),
  randomRange: wireObject({ min: money, max: money }).nullable(),
  validity: z.discriminatedUnion('kind', [
    wireObject({ kind: z.literal('fixed'), from: timestamp, until: timestamp }),
    wireObject({ kind: z.literal('relative'), days: int }),
  ]),
  claimWindow: wireObject({ startsAt: timestamp, endsAt: timestamp }),
  totalQuantity: int,
  perMemberLimit: int,
  visibility: z.enum(COUPON_VISIBILITIES),
  audience: z.enum(COUPON_AUDIENCES),
  channels: z.array(channel),
  stacking,
  priority: int,
  status: z.enum(TEMPLATE_STATUSES),
  createdAt: timestamp,
  version: int,
};
const couponTemplate = component('CouponTemplate', wireObject(templateFields));

/** A template with how many coupons were handed out and how many are left (staff). */
export const couponTemplateView = component('CouponTemplateView', wireObject({ ...templateFields, issued: count, remaining: count }));

/** 发放: per member, the coupon issued or the code and message of the refusal. */
export const issueReport = component(
  'CouponIssueReport',
  wireObject({
    templateId: wireId,
    issued: count,
    refused: count,
    results: z.array(
      z.discriminatedUnion('issued', [
        wireObject({ memberId: wireId, issued: z.literal(true), couponId: wireId }),
        wireObject({ memberId: wireId, issued: z.literal(false), code: z.string(), message: z.string() }),
      ]),
    ),
  }),
);

const byState = Object.fromEntries(COUPON_STATES.map((s) => [s, count])) as Record<(typeof COUPON_STATES)[number], typeof count>;
export const couponStatistics = component(
  'CouponStatistics',
  wireObject({
    templateId: wireId,
    issued: count,
    claimed: count,
    used: count,
    byState: wireObject(byState),
    redemptionRate: decimal,
  }),
);

export const expiredCoupons = wireObject({ expired: count });

/** A member's coupon: its facts, its state now, and its terms as the pricing engine reads them. */
export const ownedCoupon = component(
  'OwnedCoupon',
  wireObject({
    id: wireId,
    templateId: wireId,
    memberId: wireId,
    source: z.enum(COUPON_SOURCES),
    claimedAt: timestamp,
    validFrom: timestamp,
    validUntil: timestamp,
    state: z.enum(COUPON_STATES),
    orderId: wireId.nullable(),
    updatedAt: timestamp,
    terms: wireObject({
      id: wireId,
      name: z.string(),
      kind: couponKind,
      issuer,
      scope,
      amount: money.optional(),
      threshold: money.optional(),
      percentOff: decimal.optional(),
      cap: money.optional(),
      validFrom: timestamp,
      validUntil: timestamp,
      channels: z.array(channel).optional(),
      stacking,
      priority: int,
    }),
  }),
);

/** 领券中心: a template the member may claim now, what is left of it, and how many the member holds. */
export const claimableCoupon = component('ClaimableCoupon', wireObject({ template: couponTemplate, remaining: count, claimed: count }));

/** CPN-1: the coupon that deducts most (or null), and how each of the member's usable coupons fares. */
export const couponRecommendation = component('CouponRecommendation', wireObject({ recommendedCouponId: wireId.nullable(), options: z.array(couponOption) }));

export type CouponWireChecks = [
  Check<Same<z.output<typeof couponTemplate>, Json<CouponTemplateSnapshot>>>,
  Check<Same<z.output<typeof couponTemplateView>, Json<CouponTemplateView>>>,
  Check<Same<z.output<typeof issueReport>, Json<IssueReport>>>,
  Check<Same<z.output<typeof couponStatistics>, Json<CouponStatistics>>>,
  Check<Same<z.output<typeof expiredCoupons>, Json<Awaited<ReturnType<ExpireCoupons['execute']>>>>>,
  Check<Same<z.output<typeof ownedCoupon>, Json<OwnedCouponView>>>,
  Check<Same<z.output<typeof claimableCoupon>, Json<ClaimableCoupon>>>,
  Check<Same<z.output<typeof couponRecommendation>, Json<CouponRecommendation>>>,
];
