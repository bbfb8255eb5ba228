import { z } from 'zod';
import type { CallbackResult, OpenedPayment, PaymentAdminView, RefundCallbackResult, RefundView } from '../../../../application/payment/index.js';
import { PAYMENT_STATUSES } from '../../../../domain/payment/index.js';
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

const orderAmount = wireObject({ orderId: wireId, amount: money });

export const refundView = component(
  'RefundView',
  wireObject({
    refundId: wireId,
    paymentId: wireId,
    paymentNumber: z.string(),
    channel: z.string().nullable(),
    amount: money,
    currency: z.string(),
    orders: z.array(orderAmount),
    reason: z.string(),
    at: timestamp,
    acknowledged: wireObject({ refundTransactionId: z.string(), at: timestamp }).nullable(),
  }),
  'A refund: what it gave back of which orders, why, and whether the channel confirmed it (its refund number).',
);

export const paymentAdminView = component(
  'PaymentAdminView',
  wireObject({
    id: wireId,
    number: z.string(),
    memberId: wireId,
    amount: money,
    currency: z.string(),
    status: z.enum(PAYMENT_STATUSES),
    createdAt: timestamp,
    expiresAt: timestamp,
    orders: z.array(wireObject({ orderId: wireId, orderNumber: z.string(), amount: money, refunded: money })),
    paid: wireObject({ channel: z.string(), channelTransactionId: z.string(), paidAt: timestamp, receivedAt: timestamp }).nullable(),
    cancellation: wireObject({ reason: z.string(), at: timestamp }).nullable(),
    refunds: z.array(refundView),
    late: z.array(
      wireObject({
        channel: z.string(),
        channelTransactionId: z.string(),
        amount: money,
        paidAt: timestamp,
        refundId: z.string().nullable(),
        refundSettledAt: timestamp.nullable(),
      }),
    ),
  }),
  "A payment (交易记录) as staff see it: its orders, the channel's success, refunds, and money a channel took after the payment could no longer take it (PAY-1/PAY-2) with its way back.",
);

// Each schema is the JSON form of the type the use case returns (a compile error when either drifts).
export type PaymentWireChecks = [
  Check<Same<z.output<typeof openedPayment>, Json<OpenedPayment>>>,
  Check<Same<z.output<typeof callbackResult>, Json<CallbackResult>>>,
  Check<Same<z.output<typeof refundCallbackResult>, Json<RefundCallbackResult>>>,
  Check<Same<z.output<typeof refundView>, Json<RefundView>>>,
  Check<Same<z.output<typeof paymentAdminView>, Json<PaymentAdminView>>>,
];
