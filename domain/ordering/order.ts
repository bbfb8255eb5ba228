import { AggregateRoot } from '../shared/domain-event.js';
import { DomainError } from '../shared/domain-error.js';
import type { Money } from '../shared/money.js';
import { orderAmounts, type OrderAmounts } from './amounts.js';
import { ORDER_ERROR } from './errors.js';
import { checkNewOrder, NO_BENEFITS } from './new-order.js';
import { withheldAfter } from './withheld.js';
import type { CancelCause, CloseReason, NewOrder, OrderBenefits, OrderLine, OrderSnapshot, ReceiptBy, ReplayOutcome } from './order-state.js';
import { autoConfirmDue, memberRejection, splitParentRejection, unpaidTimeoutDue } from './order-checks.js';
import type { VerificationCodes } from './ports.js';
import { goodsNotRedeemable, parentStatus, transitionRejection, type OrderKind, type OrderStatus } from './status.js';

export { NO_BENEFITS } from './new-order.js';
export * from './order-state.js';
export { autoConfirmDue, memberRejection, splitParentRejection, unpaidTimeoutDue } from './order-checks.js';

const CODE = /^[0-9A-Za-z]{6,32}$/;

/**
 * An order (订单): its lines with their per-line amounts (ORD-1), its status by the table of its kind
 * (ORD-2), the unpaid timeout (ORD-3), and, once split (ORD-5), the link between parent and children.
 * Every status change goes through `transitionTo`, which checks the table, and records an event.
 */
export class Order extends AggregateRoot {
  private constructor(private state: OrderSnapshot) {
    super();
  }

  static place(input: NewOrder): Order {
    const order = new Order(checkNewOrder(input));
    const a = order.amounts;
    order.record({
      type: 'order.placed',
      aggregateId: input.id,
      occurredAt: input.placedAt,
      payload: {
        number: input.number,
        kind: order.kind,
        memberId: input.common.memberId,
        parentId: null,
        payable: a.payable.toString(),
        goodsTotal: a.goodsTotal.toString(),
        payBy: input.payBy.toISOString(),
        lines: input.lines.map((l) => ({ lineId: l.lineId, skuId: l.skuId, shopId: l.shopId, quantity: l.quantity })),
      },
    });
    return order;
  }

  /** A child order made by `splitOrder` (ORD-5): checked like a new order, recorded as placed with its parent. */
  static child(snapshot: OrderSnapshot): Order {
    if (snapshot.parentId === null) throw new Error('a child order has a parent');
    const checked = checkNewOrder({ ...snapshot, warehouseId: snapshot.warehouseId });
    const order = new Order({ ...checked, parentId: snapshot.parentId });
    order.record({
      type: 'order.placed',
      aggregateId: snapshot.id,
      occurredAt: snapshot.placedAt,
      payload: {
        number: snapshot.number,
        kind: snapshot.kind,
        memberId: snapshot.common.memberId,
        parentId: snapshot.parentId,
        payable: order.amounts.payable.toString(),
        goodsTotal: order.amounts.goodsTotal.toString(),
        payBy: snapshot.payBy.toISOString(),
        lines: snapshot.lines.map((l) => ({ lineId: l.lineId, skuId: l.skuId, shopId: l.shopId, quantity: l.quantity })),
      },
    });
    return order;
  }

  static restore(snapshot: OrderSnapshot): Order {
    return new Order(snapshot);
  }

  get id(): string {
    return this.state.id;
  }
  get number(): string {
    return this.state.number;
  }
  get kind(): OrderKind {
    return this.state.kind;
  }
  get status(): OrderStatus {
    return this.state.status;
  }
  get memberId(): string {
    return this.state.common.memberId;
  }
  get lines(): readonly OrderLine[] {
    return this.state.lines;
  }
  get isSplitParent(): boolean {
    return this.state.childIds.length > 0;
  }
  get version(): number {
    return this.state.version;
  }
  get parentId(): string | null {
    return this.state.parentId;
  }
  get childIds(): readonly string[] {
    return this.state.childIds;
  }
  /** The coupons and points of a top-level order (empty on children and on snapshots stored before they were kept). */
  get benefits(): OrderBenefits {
    return this.state.benefits ?? NO_BENEFITS;
  }
  /** Units refunded before shipping (after-sales): they stay off the parcel (`withheldAfter` checks them). */
  withhold(units: Readonly<Record<string, number>>, at: Date): void {
    this.state = { ...this.state, withheld: withheldAfter(this.state, units), updatedAt: at };
  }
  /** ORD-1, computed from the lines and the freight (never stored apart, so never out of step). */
  get amounts(): OrderAmounts {
    return orderAmounts(this.state.lines, this.state.freight, this.state.freightCouponDiscount);
  }
  get payable(): Money {
    return this.amounts.payable;
  }

  /**
   * The payment `paymentId` succeeded (PAY-1 decided it is the first success): pending payment →
   * pending shipment, or pending redemption with a new verification code for a service order. The
   * same payment again is a replay and changes nothing; any other payment of a paid, cancelled or
   * closed order is `ORDER.INVALID_TRANSITION` (the payment context refunds it).
   */
  pay(p: { paymentId: string; at: Date; codes: VerificationCodes }): ReplayOutcome {
    if (this.state.payment?.paymentId === p.paymentId) return { replayed: true };
    throwIf(splitParentRejection(this.state));
    const to: OrderStatus = this.state.kind === 'service' ? 'pending_redemption' : 'pending_shipment';
    throwIf(transitionRejection(this.state, to));
    let verification: OrderSnapshot['verification'] = null;
    if (this.state.kind === 'service') {
      const code = p.codes.next();
      if (typeof code !== 'string' || !CODE.test(code)) throw new Error(`a verification code has 6 to 32 letters or digits: ${String(code)}`);
      verification = { code, issuedAt: p.at, redeemedAt: null, redeemedByShop: null };
    }
    this.transitionTo(to, p.at, { payment: { paymentId: p.paymentId, paidAt: p.at }, verification });
    this.record({
      type: 'order.paid',
      aggregateId: this.state.id,
      occurredAt: p.at,
      payload: {
        paymentId: p.paymentId,
        payable: this.payable.toString(),
        memberId: this.memberId,
        parentId: this.state.parentId,
        verificationCodeIssued: verification !== null,
      },
    });
    return { replayed: false };
  }

  /** Before payment: the member cancels their own order, or risk control does (ORD-2). */
  cancel(c: { by: 'member'; memberId: string; at: Date; reason?: string } | { by: 'risk_control'; at: Date; reason: string }): void {
    if (c.by === 'member') throwIf(memberRejection(this.state, c.memberId));
    throwIf(splitParentRejection(this.state));
    throwIf(transitionRejection(this.state, 'cancelled'));
    this.cancelNow(c.by, c.at, c.reason ?? null);
  }

  /** ORD-3: cancels an unpaid order whose time to pay is over; false (nothing changes) when it is not due or already paid. */
  expireIfUnpaid(now: Date): boolean {
    if (!unpaidTimeoutDue(this.state, now)) return false;
    this.cancelNow('timeout', now, null);
    return true;
  }

  /** A paid goods order leaves the warehouse (发货): carrier and tracking number; receipt is confirmed automatically at `autoConfirmAt`. */
  ship(s: { carrier: string; trackingNumber: string; at: Date; autoConfirmAt: Date }): void {
    throwIf(splitParentRejection(this.state));
    throwIf(transitionRejection(this.state, 'shipped'));
    const carrier = typeof s.carrier === 'string' ? s.carrier.trim() : '';
    const trackingNumber = typeof s.trackingNumber === 'string' ? s.trackingNumber.trim() : '';
    if (carrier.length === 0 || carrier.length > 60 || trackingNumber.length === 0 || trackingNumber.length > 64) {
      throw DomainError.invalid(ORDER_ERROR.INVALID_SHIPMENT, 'a shipment names a carrier (1–60 characters) and a tracking number (1–64)', {
        orderId: this.state.id,
      });
    }
    if (s.autoConfirmAt.getTime() <= s.at.getTime()) throw new RangeError('autoConfirmAt comes after shipping');
    this.transitionTo('shipped', s.at, { shipment: { carrier, trackingNumber, shippedAt: s.at, autoConfirmAt: s.autoConfirmAt } });
    this.record({ type: 'order.shipped', aggregateId: this.state.id, occurredAt: s.at, payload: { carrier, trackingNumber, memberId: this.memberId } });
  }

  /** The member confirms receipt (确认收货) of their own shipped order: received, and the order completes (交易成功). */
  confirmReceipt(memberId: string, at: Date): void {
    throwIf(memberRejection(this.state, memberId));
    throwIf(splitParentRejection(this.state));
    throwIf(transitionRejection(this.state, 'completed'));
    this.receive('member', at);
  }

  /** Automatic receipt confirmation N days after shipping; false (nothing changes) when not due or not shipped. */
  autoConfirmIfDue(now: Date): boolean {
    if (!autoConfirmDue(this.state, now)) return false;
    this.receive('auto', now);
    return true;
  }

  /** A service order: the shop redeems the verification code (核销) and the order completes. */
  redeem(r: { code: string; shopId: string; at: Date }): void {
    throwIf(splitParentRejection(this.state));
    throwIf(this.state.kind === 'goods' ? goodsNotRedeemable(this.state) : transitionRejection(this.state, 'completed'));
    const v = this.state.verification;
    if (v === null) throw new Error('a pending_redemption order has a verification code');
    if (r.code !== v.code || this.state.lines.some((l) => l.shopId !== r.shopId)) {
      throw DomainError.invalid(ORDER_ERROR.INVALID_CODE, 'the verification code is not valid for this order and shop', { orderId: this.state.id });
    }
    this.transitionTo('completed', r.at, { verification: { ...v, redeemedAt: r.at, redeemedByShop: r.shopId }, completedAt: r.at });
    this.record({
      type: 'order.completed',
      aggregateId: this.state.id,
      occurredAt: r.at,
      payload: { via: 'redemption', shopId: r.shopId, memberId: this.memberId, paidAt: this.state.payment?.paidAt.toISOString() ?? null },
    });
  }

  /**
   * ORD-2 交易关闭: a paid order whose money was refunded in full — a cancellation after payment that
   * ORD-6 allowed, or a full refund before completion.
   */
  close(c: { reason: CloseReason; at: Date }): void {
    throwIf(splitParentRejection(this.state));
    throwIf(transitionRejection(this.state, 'closed'));
    this.transitionTo('closed', c.at, { closure: { reason: c.reason, at: c.at } });
    this.record({ type: 'order.closed', aggregateId: this.state.id, occurredAt: c.at, payload: { reason: c.reason, memberId: this.memberId } });
  }

  /**
   * ORD-5: a split parent's stored status follows its children (`parentStatus`); true when it changed.
   * The parent records no events of its own: each child records its own.
   */
  followChildren(children: readonly OrderStatus[], at: Date): boolean {
    if (!this.isSplitParent) throw new Error(`order ${this.state.id} is not a split parent`);
    if (children.length !== this.state.childIds.length) throw new Error('one status per child order');
    const status = parentStatus(children);
    if (status === this.state.status) return false;
    this.state = { ...this.state, status, updatedAt: at };
    return true;
  }

  /** Used by `splitOrder` only: the parent now stands for its children. */
  markSplit(childIds: readonly string[], at: Date): void {
    if (childIds.length < 2 || this.isSplitParent) throw new Error('a parent is split once, into at least two children');
    this.state = { ...this.state, childIds: [...childIds], updatedAt: at };
    this.record({ type: 'order.split', aggregateId: this.state.id, occurredAt: at, payload: { childIds: [...childIds], memberId: this.memberId } });
  }

  toSnapshot(): OrderSnapshot {
    return this.state;
  }

  markSaved(version: number): void {
    this.state = { ...this.state, version };
  }

  private cancelNow(by: CancelCause, at: Date, reason: string | null): void {
    this.transitionTo('cancelled', at, { cancellation: { by, at, reason } });
    this.record({
      type: 'order.cancelled',
      aggregateId: this.state.id,
      occurredAt: at,
      payload: {
        by,
        reason,
        memberId: this.memberId,
        parentId: this.state.parentId,
        lines: this.state.lines.map((l) => ({ skuId: l.skuId, quantity: l.quantity })),
      },
    });
  }

  private receive(by: ReceiptBy, at: Date): void {
    this.transitionTo('completed', at, { receipt: { by, at }, completedAt: at });
    this.record({ type: 'order.received', aggregateId: this.state.id, occurredAt: at, payload: { by, memberId: this.memberId } });
    this.record({
      type: 'order.completed',
      aggregateId: this.state.id,
      occurredAt: at,
      payload: { via: 'receipt', memberId: this.memberId, paidAt: this.state.payment?.paidAt.toISOString() ?? null },
    });
  }

  /** The one place the status changes: refuses anything the table of the order's kind does not list. */
  private transitionTo(to: OrderStatus, at: Date, changes: Partial<OrderSnapshot>): void {
    const rejection = transitionRejection(this.state, to);
    if (rejection) throw new Error(`order ${this.state.id}: ${this.state.status} → ${to} is not a transition`);
    this.state = { ...this.state, ...changes, status: to, updatedAt: at };
  }
}

function throwIf(rejection: DomainError | null): void {
  if (rejection) throw rejection;
}
