import { AggregateRoot } from '../shared/domain-event.js';
import { DomainError } from '../shared/domain-error.js';
import { Money } from '../shared/money.js';
import { invalidRefund, PAYMENT_ERROR } from './errors.js';
import { refundShares } from './refund-shares.js';
import { openingSnapshot, type PaymentOpening } from './opening.js';
import { PAYMENT_MACHINE, type CallbackOutcome, type CloseReason, type HandledCallback, type PaymentCallback } from './payment-state.js';
import type { PaymentShare, PaymentSnapshot, PaymentStatus, RefundInstruction, RefundOutcome, RefundRecord } from './payment-state.js';

export * from './payment-state.js';
export type { PaymentOpening } from './opening.js';

const key = (channel: string, tx: string) => `${channel}\u0000${tx}`;
const text = (v: unknown, max: number): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= max;

/**
 * A payment (交易记录) for one order, or one combined payment for several child orders (ORD-5): its
 * amount is exactly the sum of their payables. unpaid → paid by the first success callback (PAY-1),
 * or cancelled by the timeout (PAY-2) or when its order is cancelled; refunds never exceed what was
 * paid, and a partial refund of a combined payment is allocated back over its orders.
 */
export class Payment extends AggregateRoot {
  private constructor(private state: PaymentSnapshot) {
    super();
  }

  /** Opens a payment for orders that can be paid now (pending payment, not split parents), all of one member. */
  static open(p: PaymentOpening): Payment {
    const payment = new Payment(openingSnapshot(p));
    payment.record({
      type: 'payment.opened',
      aggregateId: p.id,
      occurredAt: p.createdAt,
      payload: { number: p.number, amount: payment.amount.toString(), orderIds: payment.orders.map((o) => o.orderId), expiresAt: p.expiresAt.toISOString() },
    });
    return payment;
  }

  static restore(snapshot: PaymentSnapshot): Payment {
    return new Payment(snapshot);
  }

  get id(): string {
    return this.state.id;
  }
  get number(): string {
    return this.state.number;
  }
  get status(): PaymentStatus {
    return this.state.status;
  }
  get amount(): Money {
    return this.state.amount;
  }
  get orders(): readonly PaymentShare[] {
    return this.state.orders;
  }
  get version(): number {
    return this.state.version;
  }
  /** What was refunded through `refund` (late-payment refunds are apart: they give back money the payment never kept). */
  get refunded(): Money {
    return Money.sum(
      this.state.refunds.map((r) => r.amount),
      this.state.currency,
    );
  }
  /** Callbacks flagged late (PAY-1 / PAY-2), with their refund instructions. */
  get lateCallbacks(): readonly HandledCallback[] {
    return this.state.callbacks.filter((c) => c.outcome === 'late');
  }

  /**
   * PAY-1: a success callback from the channel. The amount (and currency) must be the payment's, else
   * `PAYMENT.AMOUNT_MISMATCH` and nothing changes. Then, by channel transaction id:
   * - seen before: nothing changes, the first answer is given again (`replayed: true`);
   * - the payment is unpaid and its orders still await payment: paid (the application then pays the orders);
   * - the payment is unpaid but an order was cancelled meanwhile (`ordersAwaitingPayment` false): the
   *   payment is cancelled and the callback flagged late, with a refund instruction;
   * - the payment was closed (PAY-2 timeout, order cancelled): flagged late, refund instruction;
   * - the payment was already paid by another transaction: flagged, the second money is refunded.
   * The signature is checked by the channel adapter before anything reaches the domain.
   */
  handleCallback(cb: PaymentCallback, ctx: { receivedAt: Date; ordersAwaitingPayment: boolean }): CallbackOutcome {
    if (!text(cb.channel, 32) || !text(cb.channelTransactionId, 128)) throw new RangeError('a callback names its channel and transaction id');
    if (!(cb.amount instanceof Money) || cb.amount.currency !== this.state.currency || !cb.amount.equals(this.state.amount)) {
      throw DomainError.invalid(PAYMENT_ERROR.AMOUNT_MISMATCH, `payment ${this.state.number} is for ${this.state.amount.toString()} ${this.state.currency}`, {
        paymentId: this.state.id,
        expected: this.state.amount.toString(),
        received: cb.amount instanceof Money ? `${cb.amount.toString()} ${cb.amount.currency}` : String(cb.amount),
      });
    }
    const seen = this.state.callbacks.find((c) => key(c.channel, c.channelTransactionId) === key(cb.channel, cb.channelTransactionId));
    if (seen)
      return seen.outcome === 'paid' ? { kind: 'paid', replayed: true, orderIds: this.orderIds() } : { kind: 'late', replayed: true, refund: seen.refund! };

    const at = ctx.receivedAt;
    if (this.state.status === 'unpaid' && ctx.ordersAwaitingPayment) {
      this.transitionTo('paid', at, {
        paid: { channel: cb.channel, channelTransactionId: cb.channelTransactionId, paidAt: cb.paidAt, receivedAt: at },
        callbacks: [...this.state.callbacks, { ...cb, receivedAt: at, outcome: 'paid', refund: null, refundSettledAt: null }],
      });
      this.record({
        type: 'payment.paid',
        aggregateId: this.state.id,
        occurredAt: at,
        payload: {
          number: this.state.number,
          amount: this.state.amount.toString(),
          channel: cb.channel,
          channelTransactionId: cb.channelTransactionId,
          orderIds: this.orderIds(),
        },
      });
      return { kind: 'paid', replayed: false, orderIds: this.orderIds() };
    }

    const reason: RefundInstruction['reason'] =
      this.state.status === 'unpaid'
        ? 'order_cancelled'
        : this.state.status === 'cancelled'
          ? this.state.cancellation?.reason === 'order_cancelled'
            ? 'order_cancelled'
            : 'payment_closed'
          : 'already_paid';
    if (this.state.status === 'unpaid') this.closeNow('order_cancelled', at);
    const refund: RefundInstruction = {
      paymentId: this.state.id,
      paymentNumber: this.state.number,
      refundId: `${this.state.number}-L${this.lateCallbacks.length + 1}`,
      channel: cb.channel,
      channelTransactionId: cb.channelTransactionId,
      amount: cb.amount,
      reason,
    };
    this.state = {
      ...this.state,
      callbacks: [...this.state.callbacks, { ...cb, receivedAt: at, outcome: 'late', refund, refundSettledAt: null }],
      updatedAt: at,
    };
    this.record({
      type: 'payment.late-callback',
      aggregateId: this.state.id,
      occurredAt: at,
      payload: {
        number: this.state.number,
        channel: cb.channel,
        channelTransactionId: cb.channelTransactionId,
        amount: cb.amount.toString(),
        reason,
        refundId: refund.refundId,
      },
    });
    return { kind: 'late', replayed: false, refund };
  }

  /** The channel gave back the money of a late callback; a second call changes nothing. */
  settleLateRefund(channel: string, channelTransactionId: string, at: Date): boolean {
    const i = this.state.callbacks.findIndex((c) => c.outcome === 'late' && key(c.channel, c.channelTransactionId) === key(channel, channelTransactionId));
    if (i < 0)
      throw invalidRefund('UNKNOWN_TRANSACTION', `payment ${this.state.number} flagged no late transaction ${channelTransactionId}`, {
        paymentId: this.state.id,
      });
    const c = this.state.callbacks[i]!;
    if (c.refundSettledAt !== null) return false;
    const callbacks = this.state.callbacks.map((x, k) => (k === i ? { ...x, refundSettledAt: at } : x));
    this.state = { ...this.state, callbacks, updatedAt: at };
    this.record({
      type: 'payment.late-refund-settled',
      aggregateId: this.state.id,
      occurredAt: at,
      payload: { channelTransactionId, amount: c.amount.toString(), refundId: c.refund!.refundId },
    });
    return true;
  }

  /**
   * Closes an unpaid payment: its order was cancelled (ORD-2/3), or by PAY-2 (`closeIfExpired`). Closing a
   * closed payment changes nothing (false); a paid one cannot be closed (`PAYMENT.INVALID_TRANSITION`).
   */
  close(reason: CloseReason, at: Date): boolean {
    if (this.state.status === 'cancelled') return false;
    this.throwUnlessAllowed('cancelled');
    this.closeNow(reason, at);
    return true;
  }

  /** PAY-2: an unpaid payment past its expiry closes; false (nothing changes) otherwise. */
  closeIfExpired(now: Date): boolean {
    if (this.state.status !== 'unpaid' || now.getTime() < this.state.expiresAt.getTime()) return false;
    this.closeNow('timeout', now);
    return true;
  }

  /**
   * Refunds part or all of a paid payment, for one order (`orderId`) or over all its orders. Never more
   * than what is left: `PAYMENT.REFUND_EXCEEDS_PAID` for the payment or the order. Without an order,
   * the amount is allocated over the orders with `allocate` (largest remainder, decision 0003) in
   * proportion to what is left of each: on a first refund, their payables. Idempotent by refund id.
   */
  refund(r: { refundId: string; amount: Money; orderId?: string | null; reason: string; at: Date }): RefundOutcome {
    if (!text(r.refundId, 64)) throw invalidRefund('INVALID_ID', 'a refund id has 1 to 64 characters');
    const previous = this.state.refunds.find((x) => x.refundId === r.refundId);
    if (previous) {
      const same =
        r.amount instanceof Money &&
        previous.amount.equals(r.amount) &&
        (r.orderId == null || (previous.orders.length === 1 && previous.orders[0]!.orderId === r.orderId));
      if (!same) throw invalidRefund('REFUND_ID_REUSED', `refund ${r.refundId} was made for another amount or order`, { refundId: r.refundId });
      return { replayed: true, refund: previous, fullyRefundedOrderIds: [] };
    }
    const { amount, target, parts } = refundShares(this.state, this.refunded, r);
    const orders = this.state.orders.map((o, k) => ({ ...o, refunded: o.refunded.add(parts[k]!) }));
    const record: RefundRecord = {
      refundId: r.refundId,
      amount,
      orders: this.state.orders.flatMap((o, k) => (parts[k]!.isZero() ? [] : [{ orderId: o.orderId, amount: parts[k]! }])),
      reason: r.reason,
      at: r.at,
      acknowledged: null,
    };
    const fullyRefundedOrderIds = orders.filter((o, k) => !parts[k]!.isZero() && o.refunded.equals(o.amount)).map((o) => o.orderId);
    this.transitionTo(target, r.at, { orders, refunds: [...this.state.refunds, record] });
    this.record({
      type: 'payment.refunded',
      aggregateId: this.state.id,
      occurredAt: r.at,
      payload: {
        refundId: r.refundId,
        amount: amount.toString(),
        full: target === 'refunded',
        orders: record.orders.map((o) => ({ orderId: o.orderId, amount: o.amount.toString() })),
        fullyRefundedOrderIds,
      },
    });
    return { replayed: false, refund: record, fullyRefundedOrderIds };
  }

  /**
   * The channel acknowledged a refund (its refund number): recorded once, with `payment.refund-acknowledged`
   * for whoever waits on the money (after-sales). A second acknowledgement changes nothing (false).
   */
  acknowledgeRefund(refundId: string, refundTransactionId: string, at: Date): boolean {
    const i = this.state.refunds.findIndex((r) => r.refundId === refundId);
    if (i < 0) throw invalidRefund('UNKNOWN_REFUND', `payment ${this.state.number} made no refund ${refundId}`, { refundId });
    const refund = this.state.refunds[i]!;
    if (refund.acknowledged) return false;
    const refunds = this.state.refunds.map((r, k) => (k === i ? { ...r, acknowledged: { refundTransactionId, at } } : r));
    this.state = { ...this.state, refunds, updatedAt: at };
    this.record({
      type: 'payment.refund-acknowledged',
      aggregateId: this.state.id,
      occurredAt: at,
      payload: {
        refundId,
        refundTransactionId,
        amount: refund.amount.toString(),
        orders: refund.orders.map((o) => ({ orderId: o.orderId, amount: o.amount.toString() })),
      },
    });
    return true;
  }

  toSnapshot(): PaymentSnapshot {
    return this.state;
  }

  markSaved(version: number): void {
    this.state = { ...this.state, version };
  }

  private orderIds(): string[] {
    return this.state.orders.map((o) => o.orderId);
  }

  private closeNow(reason: CloseReason, at: Date): void {
    this.transitionTo('cancelled', at, { cancellation: { reason, at } });
    this.record({
      type: 'payment.cancelled',
      aggregateId: this.state.id,
      occurredAt: at,
      payload: { number: this.state.number, reason, orderIds: this.orderIds() },
    });
  }

  private throwUnlessAllowed(to: PaymentStatus): void {
    PAYMENT_MACHINE.assert(this.state.status, to, { paymentId: this.state.id });
  }

  /** The one place the status changes: refuses anything the table does not list. */
  private transitionTo(to: PaymentStatus, at: Date, changes: Partial<PaymentSnapshot>): void {
    if (!PAYMENT_MACHINE.can(this.state.status, to)) throw new Error(`payment ${this.state.id}: ${this.state.status} → ${to} is not a transition`);
    this.state = { ...this.state, ...changes, status: to, updatedAt: at };
  }
}
