import { stateMachine } from '../shared/state-machine.js';
import type { Money } from '../shared/money.js';
import type { RefundQuote } from './amounts.js';
import type { RequestType } from './eligibility.js';
import { AFTER_SALES_ERRORS } from './errors.js';

// The after-sales request's states, its table of moves and the shape of its snapshot (request.ts moves it).

export const REQUEST_STATUSES = [
  'pending_review',
  'awaiting_customer_shipment',
  'awaiting_return_receipt',
  'awaiting_refund',
  'awaiting_exchange_shipment',
  'succeeded',
  'closed',
] as const;
/** 待审核, 待买家退货, 待收货 (the return), 待退款, 待换货发出, 成功, 关闭 (spec §11). */
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** The request's life as data (the docs draw it; a test keeps the drawing true). */
export const REQUEST_TRANSITIONS = {
  // approve (a cancel succeeds at once; refunds wait for the money; returns and exchanges for the goods), reject, withdraw
  pending_review: ['awaiting_refund', 'awaiting_customer_shipment', 'succeeded', 'closed'],
  // shipped back, or withdrawn / not shipped in time
  awaiting_customer_shipment: ['awaiting_return_receipt', 'closed'],
  // received and inspected
  awaiting_return_receipt: ['awaiting_refund', 'awaiting_exchange_shipment'],
  awaiting_refund: ['succeeded'],
  awaiting_exchange_shipment: ['succeeded'],
  succeeded: [],
  closed: [],
} as const satisfies Readonly<Record<RequestStatus, readonly RequestStatus[]>>;

export const REQUEST_MACHINE = stateMachine(REQUEST_TRANSITIONS, AFTER_SALES_ERRORS.codes.INVALID_TRANSITION);

export const REASONS = ['no_longer_wanted', 'wrong_item', 'damaged', 'quality', 'not_as_described', 'missing_parts', 'late_delivery', 'other'] as const;
export type Reason = (typeof REASONS)[number];

export type CloseReason = 'rejected' | 'withdrawn' | 'not_shipped_back';
export type Inspection = 'sellable' | 'damaged';

/** One change of the amount by a service agent (AFS-2: always audited). */
export interface Adjustment {
  readonly by: string;
  readonly at: Date;
  readonly why: string;
  /** The refund as set (null: left as it was). */
  readonly amount: Money | null;
  /** Freight compensation added on top (null: left as it was). */
  readonly freightCompensation: Money | null;
}

export interface Parcel {
  readonly carrier: string;
  readonly trackingNumber: string;
  readonly at: Date;
}

export interface RequestSnapshot {
  readonly id: string;
  readonly orderId: string;
  readonly memberId: string;
  /** The shop that sold the order (its window, staff search and statistics). */
  readonly shopId: string;
  readonly type: RequestType;
  readonly status: RequestStatus;
  readonly quote: RefundQuote;
  readonly reason: Reason;
  readonly description: string;
  /** Image and video references. */
  readonly evidence: readonly string[];
  readonly openedAt: Date;
  readonly reviewedBy: string | null;
  /** When a return or exchange must be shipped back by (set on approval). */
  readonly shipBackBy: Date | null;
  readonly shippedBack: Parcel | null;
  readonly inspection: Inspection | null;
  readonly adjustments: readonly Adjustment[];
  readonly refundNumber: string | null;
  readonly exchangeShipment: Parcel | null;
  readonly closeReason: CloseReason | null;
  readonly closedAt: Date | null;
  /** Its timeline, oldest first: every event with the status it left the request in and who did it. */
  readonly history: readonly TimelineEntry[];
  readonly version: number;
}

export interface TimelineEntry {
  readonly at: Date;
  /** `opened`, `moved`, `adjusted`, `refund-issued`, `succeeded`, `closed`. */
  readonly event: string;
  readonly status: RequestStatus;
  readonly by: string | null;
}

/** The refund an agent set last (AFS-2), or null when none did: the quote's refundable stands. */
export function agentAmount(s: Pick<RequestSnapshot, 'adjustments'>): Money | null {
  return [...s.adjustments].reverse().find((a) => a.amount !== null)?.amount ?? null;
}

/** The freight compensation an agent added last, or null when none did. */
export function freightCompensationOf(s: Pick<RequestSnapshot, 'adjustments'>): Money | null {
  return [...s.adjustments].reverse().find((a) => a.freightCompensation !== null)?.freightCompensation ?? null;
}
