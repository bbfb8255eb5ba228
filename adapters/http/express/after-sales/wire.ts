import { z } from 'zod';
import { REASONS, REQUEST_STATUSES, REQUEST_TYPES, type AfterSalesStatistics, type RequestSnapshot } from '../../../../domain/after-sales/index.js';
import { component, count, int, money, timestamp, wireId, wireObject, type Check, type Json, type Same } from '../wire/shared.js';

/** The response schema of after-sales: a request (售后单) as its member and staff see it. */

const parcel = wireObject({ carrier: z.string(), trackingNumber: z.string(), at: timestamp });

const quote = wireObject({
  lines: z.array(wireObject({ lineId: wireId, skuId: wireId.optional(), quantity: int.min(1), cash: money, points: count })),
  goods: money,
  freight: money,
  refundable: money,
  points: count,
});

export const afterSalesRequestView = component(
  'AfterSalesRequest',
  wireObject({
    id: wireId,
    orderId: wireId,
    memberId: wireId,
    shopId: z.string(),
    type: z.enum(REQUEST_TYPES),
    status: z.enum(REQUEST_STATUSES),
    quote,
    reason: z.enum(REASONS),
    description: z.string(),
    evidence: z.array(z.string()),
    openedAt: timestamp,
    reviewedBy: z.string().nullable(),
    shipBackBy: timestamp.nullable(),
    shippedBack: parcel.nullable(),
    inspection: z.enum(['sellable', 'damaged']).nullable(),
    adjustments: z.array(wireObject({ by: z.string(), at: timestamp, why: z.string(), amount: money.nullable(), freightCompensation: money.nullable() })),
    refundNumber: z.string().nullable(),
    exchangeShipment: parcel.nullable(),
    closeReason: z.enum(['rejected', 'withdrawn', 'not_shipped_back']).nullable(),
    closedAt: timestamp.nullable(),
    history: z.array(wireObject({ at: timestamp, event: z.string(), status: z.enum(REQUEST_STATUSES), by: z.string().nullable() })),
    version: int,
  }),
  'An after-sales request (售后单, spec §11): what it asks, what it refunds (AFS-2), where it stands.',
);

const figures = { requests: count, units: count, refundedUnits: count, refunded: money, sold: count, refundRate: z.number().min(0).nullable() };

export const afterSalesStatisticsView = component(
  'AfterSalesStatistics',
  wireObject({
    from: timestamp,
    to: timestamp,
    requests: count,
    byType: wireObject(Object.fromEntries(REQUEST_TYPES.map((t) => [t, count])) as Record<(typeof REQUEST_TYPES)[number], typeof count>),
    byReason: wireObject(Object.fromEntries(REASONS.map((r) => [r, count])) as Record<(typeof REASONS)[number], typeof count>),
    closed: count,
    refunds: wireObject({ count, amount: money }),
    byShop: z.array(wireObject({ shopId: z.string(), ...figures })),
    byProduct: z.array(wireObject({ skuId: z.string(), ...figures })),
  }),
  'The after-sales requests opened in a period: by type and reason, and per shop and product what was asked and refunded.',
);

export const afterSalesWindowView = component(
  'AfterSalesWindow',
  wireObject({ shopId: z.string(), windowDays: z.union([z.literal(7), z.literal(15)]) }),
  "A shop's after-sales window after completion (AFS-1), in days.",
);

// The schema is the JSON form of the type the use cases return (a compile error when either drifts).
export type AfterSalesWireChecks = [
  Check<Same<z.output<typeof afterSalesRequestView>, Json<RequestSnapshot>>>,
  Check<Same<z.output<typeof afterSalesStatisticsView>, Json<AfterSalesStatistics>>>,
];
