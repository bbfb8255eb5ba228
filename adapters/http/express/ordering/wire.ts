import { z } from 'zod';
import type { CancelledOrder, PlacedOrder } from '../../../../application/ordering/index.js';
import type { CancelPaidOrderResult } from '../../../../application/fulfilment/index.js';
import type { OrderDetail, OrderPage, OrderPeriodStatistics, OrderSummary } from '../../../../domain/ordering/queries.js';
import { ORDER_TIMELINE_EVENTS } from '../../../../domain/ordering/queries.js';
import { ORDER_KINDS, ORDER_STATUSES } from '../../../../domain/ordering/status.js';
import { cancelPaidResult } from '../fulfilment/index.js';
import { component, count, int, money, orderPageOf, stringMap, timestamp, wireId, wireObject, type Check, type Json, type Same } from '../wire/shared.js';

/** The response schemas of ordering: placing and cancelling, and the read side. */

const status = z.enum(ORDER_STATUSES);
const kind = z.enum(ORDER_KINDS);
const nullableId = wireId.nullable();
const shipment = wireObject({ carrier: z.string(), trackingNumber: z.string(), shippedAt: timestamp, autoConfirmAt: timestamp });
const receipt = wireObject({ by: z.enum(['member', 'auto']), at: timestamp });

const placedPart = { orderId: wireId, number: z.string(), shopId: nullableId, warehouseId: nullableId, payable: money };
/** 下单's answer (and an idempotent replay's). */
export const placedOrder = component(
  'PlacedOrder',
  wireObject({
    ...placedPart,
    memberId: wireId,
    currency: z.string(),
    placedAt: timestamp,
    payBy: timestamp,
    children: z.array(wireObject(placedPart)),
    payableOrderIds: z.array(wireId),
  }),
);

export const cancelledOrder = component('CancelledOrder', wireObject({ orderId: wireId, cancelledOrderIds: z.array(wireId) }));

/** A member's cancel: before payment (ORD-2) the cancelled orders; after payment (ORD-6) the staged cancellation. */
export const memberCancellation = z.union([cancelledOrder, cancelPaidResult]);

export const orderSummary = component(
  'OrderSummary',
  wireObject({
    id: wireId,
    number: z.string(),
    parentId: nullableId,
    memberId: wireId,
    kind,
    status,
    shopId: nullableId,
    placedAt: timestamp,
    payable: money,
    itemCount: count,
    title: z.string(),
    image: z.string().nullable(),
  }),
);

export const orderPage = component('OrderPage', orderPageOf(orderSummary));

const orderLineAmounts = { goods: money, activityDiscount: money, couponDiscount: money, pointsDeduction: money, memberDiscount: money };

export const orderDetail = component(
  'OrderDetail',
  wireObject({
    id: wireId,
    number: z.string(),
    kind,
    parentId: nullableId,
    childIds: z.array(wireId),
    shopId: nullableId,
    warehouseId: nullableId,
    common: wireObject({
      memberId: wireId,
      memberLevel: z.string().nullable(),
      consignee: wireObject({
        name: z.string(),
        phone: z.string(),
        region: z.array(z.string()),
        address: z.string(),
        postcode: z.string().nullable(),
      }).nullable(),
      platform: z.string(),
      channel: z.string(),
      invoice: wireObject({ title: z.string(), taxNumber: z.string().nullable() }).nullable(),
      remark: z.string().nullable(),
    }),
    currency: z.string(),
    lines: z.array(
      wireObject({
        lineId: z.string(),
        skuId: wireId,
        spuId: wireId,
        title: z.string(),
        specs: stringMap,
        image: z.string().nullable(),
        shopId: wireId,
        quantity: int,
        unitPrice: money,
        amounts: wireObject(orderLineAmounts),
      }),
    ),
    freight: money,
    freightCouponDiscount: money,
    status,
    placedAt: timestamp,
    payBy: timestamp,
    payment: wireObject({ paymentId: wireId, paidAt: timestamp }).nullable(),
    verification: wireObject({ code: z.string(), issuedAt: timestamp, redeemedAt: timestamp.nullable(), redeemedByShop: nullableId }).nullable(),
    shipment: shipment.nullable(),
    receipt: receipt.nullable(),
    cancellation: wireObject({ by: z.enum(['member', 'timeout', 'risk_control']), at: timestamp, reason: z.string().nullable() }).nullable(),
    closure: wireObject({ reason: z.enum(['cancelled_after_payment', 'fully_refunded']), at: timestamp }).nullable(),
    benefits: wireObject({ couponIds: z.array(wireId), points: count, limitedActivityIds: z.array(wireId) }),
    withheld: z.record(z.string(), count).optional(),
    completedAt: timestamp.nullable(),
    updatedAt: timestamp,
    version: int,
    amounts: wireObject({
      goodsTotal: money,
      freight: money,
      activityDiscount: money,
      couponDiscount: money,
      pointsDeduction: money,
      memberDiscount: money,
      freightCouponDiscount: money,
      totalDiscount: money,
      payable: money,
    }),
    children: z.array(orderSummary),
    timeline: z.array(wireObject({ at: timestamp, event: z.enum(ORDER_TIMELINE_EVENTS), detail: stringMap })),
  }),
);

export const orderStatistics = component(
  'OrderStatistics',
  wireObject({
    from: timestamp,
    to: timestamp,
    orders: count,
    paidOrders: count,
    gmv: money,
    averageOrderValue: money,
    orderingMembers: count,
    payingMembers: count,
    newPayingMembers: count,
    returningPayingMembers: count,
  }),
);

// Each schema is the JSON form of the type the use case returns (a compile error when either drifts).
export type OrderingWireChecks = [
  Check<Same<z.output<typeof placedOrder>, Json<PlacedOrder>>>,
  Check<Same<z.output<typeof memberCancellation>, Json<CancelledOrder | CancelPaidOrderResult>>>,
  Check<Same<z.output<typeof orderSummary>, Json<OrderSummary>>>,
  Check<Same<z.output<typeof orderPage>, Json<OrderPage>>>,
  Check<Same<z.output<typeof orderDetail>, Json<OrderDetail>>>,
  Check<Same<z.output<typeof orderStatistics>, Json<OrderPeriodStatistics>>>,
];
