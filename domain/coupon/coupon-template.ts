import { AggregateRoot } from '../shared/domain-event.js';
import type { DomainError } from '../shared/domain-error.js';
import { Money } from '../shared/money.js';
import { inWindow } from '../pricing/index.js';
import { COUPON_ERRORS } from './errors.js';
import { OwnedCoupon, type CouponSource } from './owned-coupon.js';
import type { RandomSource } from './ports.js';
import { checkedDefinition, validityFrom, type CouponTemplateFields, type CouponTemplateSnapshot, type TemplateStatus } from './template-definition.js';

// The definition's fields, bounds and check live in template-definition.ts; they are part of this module's surface.
export * from './template-definition.js';

/** Who asks for a coupon, when, and whether they are a new customer (no order ever). */
export interface HandOutRequest {
  readonly couponId: string;
  readonly memberId: string;
  readonly at: Date;
  /** A member claiming it (领取), or staff pushing it (发放: registration, service, bulk …). */
  readonly source: CouponSource;
  readonly isNewCustomer: boolean;
  readonly random: RandomSource;
}

/** A named rule of handing out: null when it allows, the rejection otherwise. */
export type HandOutPolicy = (t: CouponTemplateSnapshot, r: Pick<HandOutRequest, 'at' | 'isNewCustomer'>) => DomainError | null;

export const hiddenFromMembers: HandOutPolicy = (t) =>
  t.visibility === 'hidden'
    ? COUPON_ERRORS.raise('NOT_CLAIMABLE', `coupon template ${t.id} is hidden: it is issued, not claimed`, { templateId: t.id, reason: 'HIDDEN' })
    : null;

export const activeTemplate: HandOutPolicy = (t) =>
  t.status === 'active' ? null : COUPON_ERRORS.raise('TEMPLATE_STOPPED', `coupon template ${t.id} is stopped`, { templateId: t.id });

export const withinClaimWindow: HandOutPolicy = (t, r) => {
  if (inWindow(t.claimWindow.startsAt, t.claimWindow.endsAt, r.at)) return null;
  const reason = r.at.getTime() < t.claimWindow.startsAt.getTime() ? 'NOT_STARTED' : 'ENDED';
  return COUPON_ERRORS.raise(
    'CLAIM_WINDOW_CLOSED',
    `coupon template ${t.id} is claimed from ${t.claimWindow.startsAt.toISOString()} until ${t.claimWindow.endsAt.toISOString()}`,
    {
      templateId: t.id,
      reason,
      startsAt: t.claimWindow.startsAt.toISOString(),
      endsAt: t.claimWindow.endsAt.toISOString(),
    },
  );
};

/** A coupon whose fixed validity is over would arrive expired: nothing is handed out any more. */
export const validityNotOver: HandOutPolicy = (t, r) =>
  t.validity.kind === 'fixed' && r.at.getTime() >= t.validity.until.getTime()
    ? COUPON_ERRORS.raise('CLAIM_WINDOW_CLOSED', `the coupons of template ${t.id} were valid until ${t.validity.until.toISOString()}`, {
        templateId: t.id,
        reason: 'VALIDITY_ENDED',
      })
    : null;

export const audienceAdmits: HandOutPolicy = (t, r) =>
  t.audience === 'new_customers' && !r.isNewCustomer
    ? COUPON_ERRORS.raise('NEW_CUSTOMERS_ONLY', `coupon template ${t.id} is for new customers (no order yet)`, { templateId: t.id })
    : null;

/** A member claiming (领券): visible, active, in the claim window, still valid, in the audience — in this order. */
export const MEMBER_CLAIM_POLICIES: readonly HandOutPolicy[] = [hiddenFromMembers, activeTemplate, withinClaimWindow, validityNotOver, audienceAdmits];
/** Staff issuing (发放): hidden templates too, outside the claim window too; the rest as for members. */
export const STAFF_ISSUE_POLICIES: readonly HandOutPolicy[] = [activeTemplate, validityNotOver, audienceAdmits];

/**
 * A coupon template (优惠券模板): what a coupon gives (kind, face value, threshold, scope, issuer), how
 * long coupons from it are valid, when members may claim them, how many exist (total quantity) and
 * how many one member may hold (per-member limit). The definition does not change once created; it
 * can only be stopped. How many were handed out is not part of the aggregate: the `CouponClaims` port
 * counts them under guards (the counters are concurrency-sensitive, the definition is not).
 */
export class CouponTemplate extends AggregateRoot {
  private constructor(private state: CouponTemplateSnapshot) {
    super();
  }

  static create(id: string, fields: CouponTemplateFields, at: Date): CouponTemplate {
    const t = new CouponTemplate(checkedDefinition(id, fields, at));
    t.record({
      type: 'coupon.template.created',
      aggregateId: id,
      occurredAt: at,
      payload: { name: t.state.name, kind: t.state.kind, totalQuantity: t.state.totalQuantity },
    });
    return t;
  }

  static restore(snapshot: CouponTemplateSnapshot): CouponTemplate {
    return new CouponTemplate(snapshot);
  }

  get id(): string {
    return this.state.id;
  }
  get status(): TemplateStatus {
    return this.state.status;
  }
  get version(): number {
    return this.state.version;
  }

  /** Stops claims and issuing; coupons already handed out stay usable. Stopping twice changes nothing (false). */
  stop(at: Date): boolean {
    if (this.state.status === 'stopped') return false;
    this.state = { ...this.state, status: 'stopped' };
    this.record({ type: 'coupon.template.stopped', aggregateId: this.state.id, occurredAt: at, payload: {} });
    return true;
  }

  /**
   * A coupon for the member, if the policies allow (the counters — total quantity, per-member limit —
   * are judged by the `CouponClaims` port when it is stored). A random amount is drawn here.
   */
  handOut(r: HandOutRequest): OwnedCoupon {
    const rejection = handOutRejection(this.state, r);
    if (rejection) throw rejection;
    const [validFrom, validUntil] = validityFrom(this.state.validity, r.at);
    const amount = this.state.randomRange ? drawAmount(this.state.randomRange, r.random) : null;
    return OwnedCoupon.handOut({ id: r.couponId, templateId: this.state.id, memberId: r.memberId, source: r.source, at: r.at, validFrom, validUntil, amount });
  }

  toSnapshot(): CouponTemplateSnapshot {
    return this.state;
  }

  markSaved(version: number): void {
    this.state = { ...this.state, version };
  }
}

/** The first policy that refuses, for a member's claim or a staff issue. */
export function handOutRejection(t: CouponTemplateSnapshot, r: Pick<HandOutRequest, 'at' | 'isNewCustomer' | 'source'>): DomainError | null {
  for (const policy of r.source === 'claim' ? MEMBER_CLAIM_POLICIES : STAFF_ISSUE_POLICIES) {
    const rejection = policy(t, r);
    if (rejection) return rejection;
  }
  return null;
}

/** A whole number of cents in [min, max], uniformly from `random` (reproducible with a seeded source). */
export function drawAmount(range: { readonly min: Money; readonly max: Money }, random: RandomSource): Money {
  const r = random.next();
  if (!(typeof r === 'number' && r >= 0 && r < 1)) throw new RangeError(`a random source gives numbers in [0, 1): ${String(r)}`);
  const min = range.min.toMinor();
  const span = range.max.toMinor() - min + 1n;
  const offset = BigInt(Math.floor(r * Number(span)));
  return Money.fromMinor(min + (offset < span ? offset : span - 1n), range.min.currency);
}
