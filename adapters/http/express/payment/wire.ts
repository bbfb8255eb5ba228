import { z } from 'zod';
import type { CallbackResult, OpenedPayment, RefundCallbackResult } from '../../../../application/payment/index.js';
import { component, money, timestamp, wireId, wireObject, type Check, type Json, type Same } from '../wire/shared.js';

/** The response schemas of payments (its routes and the fake channel's page). */

const nullableId = wireId.nullable();

export const openedPayment = component(
  'OpenedPayment',
  wireObject({
    paymentId: nullableId,
    number: z.string().nullable(),
    amount: money.nullable(),
    channel: z.string(),
    payUrl: z.string().nullable(),
    params: z.record(z.string(), z.string()).optional(),
    expiresAt: timestamp.nullable(),
    orderIds: z.array(wireId),
    reused: z.boolean(),
  }),
);

export const callbackResult = component(
  'CallbackResult',
  wireObject({ paymentId: wireId, outcome: z.enum(['paid', 'late']), replayed: z.boolean(), orderIds: z.array(wireId) }),
);

export const refundCallbackResult = component(
  'RefundCallbackResult',
  wireObject({ paymentId: wireId, refundId: wireId, outcome: z.enum(['acknowledged', 'retrying']), replayed: z.boolean() }),
  'What a refund notification did: the refund acknowledged (now, or before: `replayed`), or asked of the channel again after it failed.',
);

// Each schema is the JSON form of the type the use case returns (a compile error when either drifts).
export type PaymentWireChecks = [
  Check<Same<z.output<typeof openedPayment>, Json<OpenedPayment>>>,
  Check<Same<z.output<typeof callbackResult>, Json<CallbackResult>>>,
  Check<Same<z.output<typeof refundCallbackResult>, Json<RefundCallbackResult>>>,
];
