import { z } from 'zod';
import type { CancelPaidOrderResult, FulfilmentView } from '../../../../application/fulfilment/index.js';
import { FULFILMENT_STAGES, ORDER_KINDS, ORDER_STATUSES } from '../../../../domain/ordering/index.js';
import { component, int, money, timestamp, wireId, wireObject, type Check, type Json, type Same } from '../wire/shared.js';

/** The response schemas of fulfilment (its routes; a member's cancel after payment answers `cancelPaidResult` too). */

const status = z.enum(ORDER_STATUSES);
const kind = z.enum(ORDER_KINDS);
const nullableId = wireId.nullable();

export const cancelPaidResult = component(
  'PaidOrderCancellation',
  wireObject({
    orderId: wireId,
    status,
    stage: z.enum(FULFILMENT_STAGES),
    action: z.enum(['cancel_and_refund', 'release_allocation_and_refund', 'request_warehouse_interception', 'request_carrier_interception', 'refuse']),
    intercepted: z.enum(['warehouse', 'carrier']).nullable(),
    refund: wireObject({ paymentId: wireId, refundId: wireId, amount: money }).nullable(),
    stockReturned: z.array(wireObject({ skuId: wireId, quantity: int })),
    couponsReturned: z.array(wireId),
    parentStatus: status.nullable(),
  }),
);

const shipment = wireObject({ carrier: z.string(), trackingNumber: z.string(), shippedAt: timestamp, autoConfirmAt: timestamp });
const receipt = wireObject({ by: z.enum(['member', 'auto']), at: timestamp });

export const fulfilmentView = component(
  'FulfilmentView',
  wireObject({
    orderId: wireId,
    number: z.string(),
    kind,
    status,
    parentId: nullableId,
    parentStatus: status.nullable(),
    shipment: shipment.nullable(),
    receipt: receipt.nullable(),
    completedAt: timestamp.nullable(),
  }),
);

// Each schema is the JSON form of the type the use case returns (a compile error when either drifts).
export type FulfilmentWireChecks = [
  Check<Same<z.output<typeof cancelPaidResult>, Json<CancelPaidOrderResult>>>,
  Check<Same<z.output<typeof fulfilmentView>, Json<FulfilmentView>>>,
];
