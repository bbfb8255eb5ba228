import { z } from 'zod';
import type { PricePreview, PurchaseAllowance, PurchaseLimitOutcome } from '../../../../application/promotion/index.js';
import type { PurchaseLimitResult } from '../../../../domain/promotion/ports.js';
import { LIMIT_PERIODS } from '../../../../domain/promotion/purchase-limit.js';
import { activityKind, addOnOffer, appliedActivity, appliedCoupon, couponOption, gifts, pricedLine, unmetThreshold } from '../pricing/index.js';
import { component, count, int, money, timestamp, wireId, wireObject, type Check, type Json, type Same } from '../wire/shared.js';

/** The promotion routes' answers about purchase limits (限购) and the price preview. */

// ---- purchase limits (限购) ----

const limitResult = { activityId: wireId, memberId: wireId, period: z.string(), used: count, quantity: count, replayed: z.boolean() };
export const purchaseLimitOutcome = component('PurchaseLimitOutcome', wireObject({ ...limitResult, limit: int.nullable(), remaining: count.nullable() }));
/** A release: the reference's consumption given back (or a replay), or `{ released: false }` when it never consumed. */
export const purchaseLimitRelease = component('PurchaseLimitRelease', z.union([wireObject(limitResult), wireObject({ released: z.literal(false) })]));
export const purchaseAllowance = component(
  'PurchaseAllowance',
  wireObject({
    activityId: wireId,
    memberId: wireId,
    limit: int.nullable(),
    limitPeriod: z.enum(LIMIT_PERIODS),
    period: z.string(),
    used: count,
    remaining: count.nullable(),
  }),
);

// ---- the price preview (PRM-3, PRM-4) ----

const byKind = Object.fromEntries(activityKind.options.map((k) => [k, money])) as Record<z.infer<typeof activityKind>, typeof money>;

export const pricePreview = component(
  'PricePreview',
  wireObject({
    currency: z.string(),
    lines: z.array(pricedLine),
    totals: wireObject({
      subtotal: money,
      itemPriceDiscount: money,
      activityDiscount: money,
      discountsByKind: wireObject(byKind),
      couponDiscount: money,
      goodsPayable: money,
      pointsUsed: count,
      pointsAmount: money,
      freight: money,
      freightDeduction: money,
      payable: money,
    }),
    activities: z.array(appliedActivity),
    coupons: z.array(appliedCoupon),
    gifts,
    addOnOffers: z.array(addOnOffer),
    unmetThresholds: z.array(unmetThreshold),
    couponOptions: z.array(couponOption),
    recommendedCouponId: wireId.nullable(),
    plan: wireObject({ exclusiveActivityId: wireId.nullable(), couponIds: z.array(wireId) }),
    score: wireObject({ payableBeforePoints: money, gifts: count, discounts: count, prioritySum: int, ids: z.array(z.string()) }),
    at: timestamp,
  }),
);

export type LimitPreviewWireChecks = [
  Check<Same<z.output<typeof purchaseLimitOutcome>, Json<PurchaseLimitOutcome>>>,
  Check<Same<z.output<typeof purchaseLimitRelease>, Json<PurchaseLimitResult | { released: false }>>>,
  Check<Same<z.output<typeof purchaseAllowance>, Json<PurchaseAllowance>>>,
  Check<Same<z.output<typeof pricePreview>, Json<PricePreview>>>,
];
