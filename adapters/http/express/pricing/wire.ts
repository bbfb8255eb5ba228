import { z } from 'zod';
import {
  CHANNELS,
  COUPON_SCOPE_KINDS,
  type AddOnOffer,
  type AppliedActivity,
  type AppliedCoupon,
  type Channel,
  type CouponOption,
  type GiftGrant,
  type GiftPool,
  type LineDiscountShare,
  type PricedLineResult,
  type UnmetThreshold,
} from '../../../../domain/pricing/index.js';
import { component, count, int, money, wireId, wireObject, type Check, type Json, type Same } from '../wire/shared.js';

/**
 * The pricing engine's figures as answers carry them (cart view, checkout preview, the promotion
 * routes' price preview): shares, applied activities and coupons, gifts, thresholds, coupon options; and
 * the engine's vocabulary other answers share (channels, stacking).
 */

export const channel = z.enum(CHANNELS as readonly Channel[] as [Channel, ...Channel[]]);
export const stacking = z.enum(['shared', 'exclusive']);

export const activityKind = z.enum(['single_item', 'flash_sale', 'group_buy', 'full_reduction', 'full_discount', 'multi_buy', 'bundle', 'add_on', 'gift']);
export const activityFamily = z.enum(['item_price', 'group', 'reduction', 'add_on', 'gift']);
export const couponKind = z.enum(['cash', 'threshold', 'discount', 'random', 'shipping']);
const discountKind = z.union([activityKind, couponKind]);
const source = z.enum(['activity', 'coupon']);

export const lineDiscountShare = component('LineDiscountShare', wireObject({ source, id: wireId, kind: discountKind, amount: money }));

export const pricedLine = component(
  'PricedLine',
  wireObject({
    lineId: z.string(),
    skuId: wireId,
    quantity: int,
    unitPrice: money,
    normalAmount: money,
    itemPriceActivityId: wireId.nullable(),
    activityUnitPrice: money,
    activityUnits: count,
    activityPriceAmount: money,
    discounts: z.array(lineDiscountShare),
    pointsAmount: money,
    payable: money,
  }),
);

export const appliedActivity = component(
  'AppliedActivity',
  wireObject({
    id: wireId,
    name: z.string(),
    kind: activityKind,
    family: activityFamily,
    stacking: z.enum(['shared', 'exclusive']),
    priority: int,
    discount: money,
    lineIds: z.array(z.string()),
    detail: z.string(),
  }),
);

export const appliedCoupon = component(
  'AppliedCoupon',
  wireObject({ id: wireId, name: z.string(), kind: couponKind, issuerShopId: wireId.nullable(), deduction: money, lineIds: z.array(z.string()) }),
);

export const giftGrant = wireObject({ activityId: wireId, skuId: wireId, quantity: int });
export const giftPool = wireObject({ activityId: wireId, pick: int, choices: z.array(wireObject({ skuId: wireId, quantity: int })) });
export const gifts = component('Gifts', wireObject({ fixed: z.array(giftGrant), pools: z.array(giftPool) }));
export const addOnOffer = component(
  'AddOnOffer',
  wireObject({ activityId: wireId, items: z.array(wireObject({ skuId: wireId, price: money, maxQuantity: int })) }),
);

const benefit = z.discriminatedUnion('kind', [
  wireObject({ kind: z.literal('amount_off'), amount: money }),
  wireObject({ kind: z.literal('percent_off'), percent: z.string(), cap: money.nullable() }),
  wireObject({ kind: z.literal('group_price'), count: int, price: money }),
  wireObject({ kind: z.literal('gift'), pick: int, skuIds: z.array(wireId) }),
  wireObject({ kind: z.literal('add_on'), skuIds: z.array(wireId) }),
]);

export const unmetThreshold = component(
  'UnmetThreshold',
  wireObject({
    source,
    id: wireId,
    kind: discountKind,
    missingAmount: money.nullable(),
    missingQuantity: int.nullable(),
    benefit,
    message: z.string(),
  }),
);

export const couponOption = component(
  'CouponOption',
  wireObject({
    couponId: wireId,
    kind: couponKind,
    scope: z.enum(COUPON_SCOPE_KINDS),
    usable: z.boolean(),
    rejection: z.enum(['NOT_STARTED', 'EXPIRED', 'WRONG_CHANNEL', 'OUT_OF_SCOPE', 'NO_FREIGHT', 'BELOW_THRESHOLD', 'NOTHING_TO_DEDUCT']).nullable(),
    deduction: money,
    exceedsPayable: z.boolean(),
  }),
);

export type PricingWireChecks = [
  Check<Same<z.output<typeof lineDiscountShare>, Json<LineDiscountShare>>>,
  Check<Same<z.output<typeof pricedLine>, Json<PricedLineResult>>>,
  Check<Same<z.output<typeof appliedActivity>, Json<AppliedActivity>>>,
  Check<Same<z.output<typeof appliedCoupon>, Json<AppliedCoupon>>>,
  Check<Same<z.output<typeof giftGrant>, Json<GiftGrant>>>,
  Check<Same<z.output<typeof giftPool>, Json<GiftPool>>>,
  Check<Same<z.output<typeof addOnOffer>, Json<AddOnOffer>>>,
  Check<Same<z.output<typeof unmetThreshold>, Json<UnmetThreshold>>>,
  Check<Same<z.output<typeof couponOption>, Json<CouponOption>>>,
];
