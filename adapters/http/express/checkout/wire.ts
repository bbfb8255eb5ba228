import { z } from 'zod';
import type { CheckoutPreview } from '../../../../application/checkout/index.js';
import { freightQuote } from '../freight/index.js';
import { appliedActivity, appliedCoupon, couponOption, lineDiscountShare } from '../pricing/index.js';
import { component, count, decimal, int, money, stringMap, timestamp, wireId, wireObject, type Check, type Json, type Same } from '../wire/shared.js';

/** 结算页: the checkout preview (issue #5), every amount per line, shop and child order. */

/** The amounts of a checkout line, shop, child order or the whole (ORD-1, ORD-4). */
export const checkoutAmounts = {
  subtotal: money,
  itemPriceDiscount: money,
  activityDiscount: money,
  couponDiscount: money,
  pointsAmount: money,
  goodsPayable: money,
  freight: money,
  freightDeduction: money,
  tax: money,
  payable: money,
};
const amounts = component('CheckoutAmounts', wireObject(checkoutAmounts));

export const checkoutPreview = component(
  'CheckoutPreview',
  wireObject({
    at: timestamp,
    memberId: wireId,
    address: z.string(),
    source: z.enum(['cart', 'buy_now']),
    currency: z.string(),
    lines: z.array(
      wireObject({
        ...checkoutAmounts,
        lineId: z.string(),
        skuId: wireId,
        spuId: wireId,
        title: z.string(),
        specs: stringMap,
        shopId: wireId,
        selfRun: z.boolean(),
        quantity: int,
        unitPrice: money,
        activityUnitPrice: money,
        discounts: z.array(lineDiscountShare),
        crossBorder: z.boolean(),
      }),
    ),
    totals: amounts,
    pricing: wireObject({
      activities: z.array(appliedActivity),
      coupons: z.array(appliedCoupon),
      couponOptions: z.array(couponOption),
      recommendedCouponId: wireId.nullable(),
      pointsUsed: count,
      limitedActivityIds: z.array(wireId),
      enginePayable: money,
    }),
    shops: z.array(
      wireObject({
        shopId: wireId,
        lineIds: z.array(z.string()),
        freight: freightQuote,
        dispatch: z.discriminatedUnion('available', [
          wireObject({
            available: z.literal(true),
            estimatedDeliveryDays: int,
            warehouses: z.array(wireObject({ warehouseId: wireId, tier: int, estimatedDeliveryDays: int, skuIds: z.array(wireId) })),
          }),
          wireObject({ available: z.literal(false), code: z.string(), message: z.string() }),
        ]),
        amounts,
      }),
    ),
    crossBorder: wireObject({
      tax: wireObject({
        lines: z.array(wireObject({ lineId: z.string(), price: money, consumptionRate: decimal, vatRate: decimal, rate: decimal, tax: money })),
        total: money,
      }),
      transactionAmount: money,
      paidThisYear: money,
      transactionLimit: money,
      yearlyLimit: money,
    }).nullable(),
    childOrders: z.array(
      wireObject({
        key: z.string(),
        shopId: wireId,
        warehouseId: wireId.nullable(),
        estimatedDeliveryDays: int.nullable(),
        lines: z.array(wireObject({ lineId: z.string(), skuId: wireId, quantity: int, amounts })),
        amounts,
      }),
    ),
  }),
);

export type CheckoutWireChecks = [Check<Same<z.output<typeof checkoutPreview>, Json<CheckoutPreview>>>];
