import { AggregateRoot } from '../shared/domain-event.js';
import type { DomainError } from '../shared/domain-error.js';
import type { Money } from '../shared/money.js';
import { stateMachine } from '../shared/state-machine.js';
import { COUPON_ERRORS } from './errors.js';
import { memberCouponTerms, type CouponTerms, type TemplateCouponTerms } from './terms.js';

export const COUPON_STATES = ['available', 'locked', 'used', 'returned', 'expired'] as const;
/** 可用, 锁定 (held by an unpaid order), 已使用, 已退回 (CPN-2, usable again), 已过期. */
export type CouponState = (typeof COUPON_STATES)[number];

export const COUPON_SOURCES = ['claim', 'issue'] as const;
/** Claimed by the member (领取) or issued to them by staff or a flow (发放). */
export type CouponSource = (typeof COUPON_SOURCES)[number];

/** Every state change a member's coupon can make; the table is data so the docs can draw it (docs/contexts/coupon.md). */
export const COUPON_TRANSITIONS = {
  available: ['locked', 'expired'],
  locked: ['available', 'used', 'expired'],
  used: ['returned'],
  returned: ['locked', 'expired'],
  expired: [],
} as const satisfies Record<CouponState, readonly CouponState[]>;

/** The one guard every state change of a member's coupon goes through (`COUPON.INVALID_TRANSITION` otherwise). */
export const COUPON_MACHINE = stateMachine<CouponState>(
  COUPON_TRANSITIONS,
  COUPON_ERRORS.codes.INVALID_TRANSITION,
  (from, to) => `a coupon cannot move from ${from} to ${to}`,
);

export type CouponAction = 'lock' | 'release' | 'use' | 'return' | 'expire';

/**
 * Where each action starts and where it leads. `release` leads to `expired` instead when the coupon's
 * validity is over by then; `return` (CPN-2) keeps the coupon `used` when it is no longer valid, and a
 * partial refund returns nothing.
 */
export const COUPON_ACTIONS = {
  lock: { from: ['available', 'returned'], to: 'locked' },
  release: { from: ['locked'], to: 'available' },
  use: { from: ['locked'], to: 'used' },
  return: { from: ['used'], to: 'returned' },
  expire: { from: ['available', 'returned'], to: 'expired' },
} as const satisfies Record<CouponAction, { readonly from: readonly CouponState[]; readonly to: CouponState }>;

export interface OwnedCouponSnapshot {
  readonly id: string;
  readonly templateId: string;
  readonly memberId: string;
  readonly source: CouponSource;
  readonly claimedAt: Date;
  /** Validity [validFrom, validUntil). */
  readonly validFrom: Date;
  readonly validUntil: Date;
  /** A random-amount coupon's drawn amount; null for other kinds (the template's face value applies). */
  readonly amount: Money | null;
  readonly state: CouponState;
  /** The order that locked it last (and used it, if it was used); null before any. */
  readonly orderId: string | null;
  /** `<action>:<order id>` of every order action applied: replaying one changes nothing. */
  readonly handled: readonly string[];
  readonly updatedAt: Date;
  readonly version: number;
}

export interface ActionOutcome {
  /** The same action for the same order was applied before: nothing changed now. */
  readonly replayed: boolean;
}

export interface ReturnOutcome extends ActionOutcome {
  /** CPN-2: the coupon is back (usable again). */
  readonly returned: boolean;
  /** Why not: a partial refund returns nothing; a coupon past its validity stays used. */
  readonly reason: 'PARTIAL_REFUND' | 'EXPIRED' | null;
}

export type RefundExtent = 'full' | 'partial';

const key = (action: CouponAction, orderId: string) => `${action}:${orderId}`;

/** Lock: an available (or returned) coupon, inside its validity, not held by another order. */
export function lockRejection(c: OwnedCouponSnapshot, now: Date): DomainError | null {
  const details = { couponId: c.id, state: c.state };
  if (c.state === 'locked') return COUPON_ERRORS.raise('LOCKED_BY_ANOTHER_ORDER', `coupon ${c.id} is held by another order`, details);
  if (!(COUPON_ACTIONS.lock.from as readonly CouponState[]).includes(c.state)) {
    return COUPON_ERRORS.raise('NOT_USABLE', `coupon ${c.id} is ${c.state}`, { ...details, reason: c.state.toUpperCase() });
  }
  if (now.getTime() < c.validFrom.getTime()) return COUPON_ERRORS.raise('NOT_USABLE', `coupon ${c.id} is not valid yet`, { ...details, reason: 'NOT_STARTED' });
  if (now.getTime() >= c.validUntil.getTime()) return COUPON_ERRORS.raise('NOT_USABLE', `coupon ${c.id} has expired`, { ...details, reason: 'EXPIRED' });
  return null;
}

/** Release and use: only the order that holds the lock. */
export function heldRejection(c: OwnedCouponSnapshot, orderId: string): DomainError | null {
  return c.state === 'locked' && c.orderId === orderId
    ? null
    : COUPON_ERRORS.raise('NOT_LOCKED_BY_ORDER', `coupon ${c.id} is not held by order ${orderId}`, { couponId: c.id, orderId, state: c.state });
}

/** Return (CPN-2): only to the order that used it. */
export function returnRejection(c: OwnedCouponSnapshot, orderId: string): DomainError | null {
  return c.state === 'used' && c.orderId === orderId
    ? null
    : COUPON_ERRORS.raise('NOT_USED_BY_ORDER', `coupon ${c.id} was not used by order ${orderId}`, { couponId: c.id, orderId, state: c.state });
}

/** Past its validity, an available or returned coupon is expired even before the sweep marks it. */
export function effectiveState(c: Pick<OwnedCouponSnapshot, 'state' | 'validUntil'>, now: Date): CouponState {
  return (c.state === 'available' || c.state === 'returned') && now.getTime() >= c.validUntil.getTime() ? 'expired' : c.state;
}

/**
 * A member's coupon (会员优惠券): handed out from a template, then available → locked by an order →
 * used; the lock is released when the order is cancelled; a full refund returns a used coupon while
 * it is still valid (CPN-2), after which it is usable again; an unused coupon expires. Order actions
 * are keyed by order id, so an order's retries change nothing.
 */
export class OwnedCoupon extends AggregateRoot {
  private constructor(private state: OwnedCouponSnapshot) {
    super();
  }

  static handOut(c: {
    id: string;
    templateId: string;
    memberId: string;
    source: CouponSource;
    at: Date;
    validFrom: Date;
    validUntil: Date;
    amount: Money | null;
  }): OwnedCoupon {
    const coupon = new OwnedCoupon({
      id: c.id,
      templateId: c.templateId,
      memberId: c.memberId,
      source: c.source,
      claimedAt: c.at,
      validFrom: c.validFrom,
      validUntil: c.validUntil,
      amount: c.amount,
      state: 'available',
      orderId: null,
      handled: [],
      updatedAt: c.at,
      version: 0,
    });
    coupon.record({
      type: c.source === 'claim' ? 'coupon.claimed' : 'coupon.issued',
      aggregateId: c.id,
      occurredAt: c.at,
      payload: { templateId: c.templateId, memberId: c.memberId, validUntil: c.validUntil.toISOString(), ...(c.amount ? { amount: c.amount.toString() } : {}) },
    });
    return coupon;
  }

  static restore(snapshot: OwnedCouponSnapshot): OwnedCoupon {
    return new OwnedCoupon(snapshot);
  }

  get id(): string {
    return this.state.id;
  }
  get memberId(): string {
    return this.state.memberId;
  }
  get templateId(): string {
    return this.state.templateId;
  }
  get couponState(): CouponState {
    return this.state.state;
  }
  get version(): number {
    return this.state.version;
  }

  /** An order takes the coupon (下单锁定). */
  lock(orderId: string, at: Date): ActionOutcome {
    if (this.replays('lock', orderId)) return { replayed: true };
    throwIf(lockRejection(this.state, at));
    this.apply('lock', 'locked', orderId, at);
    return { replayed: false };
  }

  /** The order was cancelled: the coupon is available again, or expired if its validity is over. */
  release(orderId: string, at: Date): ActionOutcome {
    if (this.replays('release', orderId)) return { replayed: true };
    throwIf(heldRejection(this.state, orderId));
    this.apply('release', 'available', orderId, at);
    if (at.getTime() >= this.state.validUntil.getTime()) this.expire(at);
    return { replayed: false };
  }

  /** The order was paid: the coupon is used (核销). */
  use(orderId: string, at: Date): ActionOutcome {
    if (this.replays('use', orderId)) return { replayed: true };
    throwIf(heldRejection(this.state, orderId));
    this.apply('use', 'used', orderId, at);
    return { replayed: false };
  }

  /**
   * CPN-2: a full refund of the order that used the coupon returns it if it is still valid; it can be
   * used again. A partial refund returns nothing; the deduction itself is never refunded as cash.
   */
  returnOnRefund(orderId: string, refund: RefundExtent, at: Date): ReturnOutcome {
    if (refund !== 'full' && refund !== 'partial') throw COUPON_ERRORS.raise('INVALID_COMMAND', `a refund is full or partial: ${String(refund)}`);
    if (this.replays('return', orderId)) {
      // Applied before: returned then, unless it was kept because it had expired (still used by this order).
      const kept = this.state.state === 'used' && this.state.orderId === orderId;
      return { replayed: true, returned: !kept, reason: kept ? 'EXPIRED' : null };
    }
    throwIf(returnRejection(this.state, orderId));
    if (refund === 'partial') return { replayed: false, returned: false, reason: 'PARTIAL_REFUND' };
    if (at.getTime() >= this.state.validUntil.getTime()) {
      this.state = { ...this.state, handled: [...this.state.handled, key('return', orderId)], updatedAt: at };
      return { replayed: false, returned: false, reason: 'EXPIRED' };
    }
    this.apply('return', 'returned', orderId, at);
    return { replayed: false, returned: true, reason: null };
  }

  /** The sweep: an available or returned coupon past its validity expires. False when it is not due. */
  expire(at: Date): boolean {
    const s = this.state;
    if (!(COUPON_ACTIONS.expire.from as readonly CouponState[]).includes(s.state) || at.getTime() < s.validUntil.getTime()) return false;
    this.transitionTo('expired', at);
    this.record({ type: 'coupon.expired', aggregateId: s.id, occurredAt: at, payload: { templateId: s.templateId, memberId: s.memberId } });
    return true;
  }

  /** The coupon as the pricing engine prices it, with the terms of its template. */
  toMemberCoupon(template: CouponTerms): TemplateCouponTerms {
    return memberCouponTerms(template, this.state);
  }

  toSnapshot(): OwnedCouponSnapshot {
    return this.state;
  }

  markSaved(version: number): void {
    this.state = { ...this.state, version };
  }

  private replays(action: CouponAction, orderId: string): boolean {
    if (typeof orderId !== 'string' || orderId.length === 0 || orderId.length > 64) {
      throw COUPON_ERRORS.raise('INVALID_COMMAND', 'an order id has 1 to 64 characters', { orderId });
    }
    return this.state.handled.includes(key(action, orderId));
  }

  private apply(action: Exclude<CouponAction, 'expire'>, to: CouponState, orderId: string, at: Date): void {
    this.transitionTo(to, at);
    const orderIdNow = action === 'lock' ? orderId : this.state.orderId;
    this.state = { ...this.state, orderId: orderIdNow, handled: [...this.state.handled, key(action, orderId)] };
    const type = { lock: 'coupon.locked', release: 'coupon.released', use: 'coupon.used', return: 'coupon.returned' }[action];
    this.record({ type, aggregateId: this.state.id, occurredAt: at, payload: { templateId: this.state.templateId, memberId: this.state.memberId, orderId } });
  }

  /** The one place the state changes: refuses anything the transition table does not list (`COUPON.INVALID_TRANSITION`). */
  private transitionTo(to: CouponState, at: Date): void {
    COUPON_MACHINE.assert(this.state.state, to, { couponId: this.state.id });
    this.state = { ...this.state, state: to, updatedAt: at };
  }
}

function throwIf(rejection: DomainError | null): void {
  if (rejection) throw rejection;
}
