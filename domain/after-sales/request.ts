import { AggregateRoot } from '../shared/domain-event.js';
import { Money } from '../shared/money.js';
import type { RequestType } from './eligibility.js';
import { AFTER_SALES_ERRORS } from './errors.js';
import type { RefundQuote } from './amounts.js';
import {
  agentAmount,
  freightCompensationOf,
  REASONS,
  REQUEST_MACHINE,
  type Adjustment,
  type CloseReason,
  type Inspection,
  type Parcel,
  type Reason,
  type RequestSnapshot,
  type RequestStatus,
} from './request-state.js';

export * from './request-state.js';

const SHIP_BACK_DAYS = 7;

/**
 * 售后单 (spec §11): what a member asks of a bought order's lines, its review, the goods coming back,
 * and what it pays out (`refund`: the quote, or the amount an agent set, plus any freight compensation).
 * Every move goes through REQUEST_MACHINE; each records an event.
 */
export class AfterSalesRequest extends AggregateRoot {
  private constructor(private s: RequestSnapshot) {
    super();
  }

  static open(c: {
    readonly id: string;
    readonly orderId: string;
    readonly memberId: string;
    readonly shopId: string;
    readonly type: RequestType;
    readonly quote: RefundQuote;
    readonly reason: string;
    readonly description?: string;
    readonly evidence?: readonly string[];
    readonly at: Date;
  }): AfterSalesRequest {
    if (!(REASONS as readonly string[]).includes(c.reason)) {
      throw AFTER_SALES_ERRORS.raise('INVALID_REASON', `a reason is one of ${REASONS.join(', ')}`, { reason: c.reason, reasons: REASONS });
    }
    const request = new AfterSalesRequest({
      id: c.id,
      orderId: c.orderId,
      memberId: c.memberId,
      shopId: c.shopId,
      type: c.type,
      status: 'pending_review',
      quote: c.quote,
      reason: c.reason as Reason,
      description: c.description ?? '',
      evidence: [...(c.evidence ?? [])],
      openedAt: c.at,
      reviewedBy: null,
      shipBackBy: null,
      shippedBack: null,
      inspection: null,
      adjustments: [],
      refundNumber: null,
      exchangeShipment: null,
      closeReason: null,
      closedAt: null,
      history: [],
      version: 0,
    });
    request.event('opened', c.at, {
      orderId: c.orderId,
      shopId: c.shopId,
      by: c.memberId,
      type: c.type,
      lines: c.quote.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })),
    });
    return request;
  }

  static restore(snapshot: RequestSnapshot): AfterSalesRequest {
    return new AfterSalesRequest(snapshot);
  }

  get id(): string {
    return this.s.id;
  }

  get status(): RequestStatus {
    return this.s.status;
  }

  /** What it pays out: the agent's amount if set, else the quote's refundable, plus freight compensation. */
  get refund(): Money {
    const amount = agentAmount(this.s) ?? this.s.quote.refundable;
    return amount.add(freightCompensationOf(this.s) ?? Money.zero(amount.currency));
  }

  /** Whether it still holds its units against new requests (open or succeeded: not closed). */
  get holdsUnits(): boolean {
    return this.s.status !== 'closed';
  }

  /** Approved by staff: a cancel succeeds, a refund awaits the money, a return or exchange the goods. */
  approve(by: string, at: Date): void {
    const to: RequestStatus =
      this.s.type === 'cancel'
        ? 'succeeded'
        : this.s.type === 'return_and_refund' || this.s.type === 'exchange'
          ? 'awaiting_customer_shipment'
          : 'awaiting_refund';
    this.move(to, at, { by }, 'pending_review');
    this.s = { ...this.s, reviewedBy: by, shipBackBy: to === 'awaiting_customer_shipment' ? new Date(at.getTime() + SHIP_BACK_DAYS * 86_400_000) : null };
  }

  reject(by: string, why: string, at: Date): void {
    this.close('rejected', at, { by, why }, 'pending_review');
    this.s = { ...this.s, reviewedBy: by };
  }

  /** The member takes the request back, before the goods are on their way (under review, or awaiting them). */
  withdraw(at: Date): void {
    this.close('withdrawn', at, {});
  }

  /** The durable timer: the member did not ship the goods back in time. */
  expire(at: Date): void {
    if (this.s.status !== 'awaiting_customer_shipment' || at.getTime() < this.s.shipBackBy!.getTime()) {
      throw AFTER_SALES_ERRORS.raise('INVALID_TRANSITION', 'only a request awaiting the goods past its ship-back time expires', {
        from: this.s.status,
        to: 'closed',
      });
    }
    this.close('not_shipped_back', at, {});
  }

  shipBack(parcel: Omit<Parcel, 'at'>, at: Date): void {
    this.move('awaiting_return_receipt', at, { carrier: parcel.carrier, trackingNumber: parcel.trackingNumber }, 'awaiting_customer_shipment');
    this.s = { ...this.s, shippedBack: { ...parcel, at } };
  }

  /** The goods arrived and were inspected: a return awaits its refund, an exchange its new unit. */
  receive(inspection: Inspection, by: string, at: Date): void {
    this.move(this.s.type === 'exchange' ? 'awaiting_exchange_shipment' : 'awaiting_refund', at, { inspection, by }, 'awaiting_return_receipt');
    this.s = { ...this.s, inspection };
  }

  /** Whether the refund was issued (its number set): the money is on its way, or went. */
  get refundIssued(): boolean {
    return this.s.refundNumber !== null;
  }

  /**
   * 退款: the refund goes out under `refundNumber` (staff, from awaiting refund, once). The amount is what
   * `refund` says now; no adjustment after this. The request succeeds when the channel acknowledges
   * (`refunded`), at once when nothing is paid out in cash. `paidAt` (when the order was paid) rides on
   * the event, for membership to tell a buyer who was not a member then; so does `pointsOrderId`, the
   * order that spent the points (a split child's top-level order; the order itself otherwise).
   */
  issueRefund(refundNumber: string, at: Date, order: { readonly paidAt?: Date | null; readonly pointsOrderId?: string } = {}): void {
    if (this.s.status !== 'awaiting_refund' || this.s.refundNumber !== null) {
      throw AFTER_SALES_ERRORS.raise(
        'INVALID_TRANSITION',
        this.s.refundNumber !== null
          ? `the refund of request ${this.s.id} was issued already`
          : `cannot refund a request ${this.s.status.replaceAll('_', ' ')}`,
        { from: this.s.status, to: 'succeeded' },
      );
    }
    this.s = { ...this.s, refundNumber };
    const q = this.s.quote;
    this.event('refund-issued', at, {
      memberId: this.s.memberId,
      type: this.s.type,
      refundNumber,
      amount: this.refund.toString(),
      points: q.points,
      pointsOrderId: order.pointsOrderId ?? this.s.orderId,
      paidAt: order.paidAt?.toISOString() ?? null,
      lines: q.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity, cash: l.cash.toString(), points: l.points })),
    });
  }

  /** The channel acknowledged the refund issued under `refundNumber` (or none was due in cash). */
  refunded(refundNumber: string, at: Date): void {
    if (this.s.refundNumber !== refundNumber) {
      throw AFTER_SALES_ERRORS.raise('INVALID_TRANSITION', `request ${this.s.id} issued no refund ${refundNumber}`, { from: this.s.status, to: 'succeeded' });
    }
    this.move('succeeded', at, { refundNumber, amount: this.refund.toString() }, 'awaiting_refund');
  }

  exchangeShipped(parcel: Omit<Parcel, 'at'>, at: Date): void {
    this.move('succeeded', at, { carrier: parcel.carrier, trackingNumber: parcel.trackingNumber }, 'awaiting_exchange_shipment');
    this.s = { ...this.s, exchangeShipment: { ...parcel, at } };
  }

  /**
   * AFS-2: a service agent sets the refund (never above the quote's refundable) and/or adds freight
   * compensation, before the money goes out; who, when and why are kept.
   */
  adjust(c: { readonly by: string; readonly why: string; readonly amount?: Money; readonly freightCompensation?: Money; readonly at: Date }): void {
    if (
      this.s.type === 'cancel' ||
      this.s.type === 'exchange' ||
      !['pending_review', 'awaiting_customer_shipment', 'awaiting_return_receipt', 'awaiting_refund'].includes(this.s.status) ||
      this.s.refundNumber !== null
    ) {
      throw AFTER_SALES_ERRORS.raise('INVALID_TRANSITION', `the refund of a ${this.s.type} request ${this.s.status.replaceAll('_', ' ')} cannot be changed`, {
        from: this.s.status,
        to: this.s.status,
      });
    }
    if (c.by.trim() === '' || c.why.trim() === '') throw AFTER_SALES_ERRORS.raise('ADJUSTMENT_UNEXPLAINED', 'an adjustment names who made it and why');
    const refundable = this.s.quote.refundable;
    for (const [field, m] of [
      ['amount', c.amount],
      ['freightCompensation', c.freightCompensation],
    ] as const) {
      if (m === undefined) continue;
      if (m.currency !== refundable.currency || m.isNegative() || !m.isWholeMinorUnits() || (field === 'amount' && m.greaterThan(refundable))) {
        throw AFTER_SALES_ERRORS.raise(
          'AMOUNT_ABOVE_REFUNDABLE',
          `${field} ${m.toString()} is not a whole-cent amount between 0 and ${field === 'amount' ? refundable.toString() : 'any'}`,
          {
            field,
            amount: m.toString(),
            refundable: refundable.toString(),
          },
        );
      }
    }
    const adjustment: Adjustment = { by: c.by, at: c.at, why: c.why, amount: c.amount ?? null, freightCompensation: c.freightCompensation ?? null };
    this.s = { ...this.s, adjustments: [...this.s.adjustments, adjustment] };
    this.event('adjusted', c.at, { by: c.by, why: c.why, refund: this.refund.toString() });
  }

  toSnapshot(): RequestSnapshot {
    return this.s;
  }

  markSaved(version: number): void {
    this.s = { ...this.s, version };
  }

  private close(reason: CloseReason, at: Date, details: Record<string, unknown>, only?: RequestStatus): void {
    this.move('closed', at, { reason, ...details }, only);
    this.s = { ...this.s, closeReason: reason, closedAt: at };
  }

  /** Moves to `to` by the table — and, when the step has one place to start from (`only`), only from there. */
  private move(to: RequestStatus, at: Date, details: Record<string, unknown>, only?: RequestStatus): void {
    if (only && this.s.status !== only) {
      throw AFTER_SALES_ERRORS.raise('INVALID_TRANSITION', `cannot move from ${this.s.status} to ${to}`, { from: this.s.status, to });
    }
    REQUEST_MACHINE.assert(this.s.status, to);
    this.s = { ...this.s, status: to };
    this.event(to === 'closed' ? 'closed' : to === 'succeeded' ? 'succeeded' : 'moved', at, { status: to, ...details });
  }

  /** Every event is also a line of the request's timeline (what happened, when, in which status, by whom). */
  private event(name: string, at: Date, payload: Record<string, unknown>): void {
    const entry = { at, event: name, status: this.s.status, by: typeof payload.by === 'string' ? payload.by : null };
    this.s = { ...this.s, history: [...this.s.history, entry] };
    this.record({ type: `after-sales.request.${name}`, aggregateId: this.s.id, occurredAt: at, payload: { orderId: this.s.orderId, ...payload } });
  }
}
