import { AggregateRoot } from '../shared/domain-event.js';
import { isDomainError, type DomainError } from '../shared/domain-error.js';
import { toDec } from '../shared/decimal.js';
import { DEFAULT_CURRENCY, Money } from '../shared/money.js';
import {
  compileCoupon, inWindow, PRICING_ERROR, validateWindow,
  type AmountInput, type Channel, type CouponIssuer, type CouponKind, type CouponScope, type MemberCoupon, type Stacking,
} from '../pricing/index.js';
import { COUPON_ERRORS, invalidTemplate } from './errors.js';
import { OwnedCoupon, type CouponSource } from './owned-coupon.js';
import type { RandomSource } from './ports.js';
import { memberCouponTerms } from './terms.js';

export const COUPON_VISIBILITIES = ['public', 'hidden'] as const;
/** 公开 (listed, members claim it) or 隐藏 (not listed, only issued by staff or a flow). */
export type CouponVisibility = (typeof COUPON_VISIBILITIES)[number];

export const COUPON_AUDIENCES = ['all', 'new_customers'] as const;
/** `new_customers`: members who never ordered (spec §6; a first order in a shop is another notion). */
export type CouponAudience = (typeof COUPON_AUDIENCES)[number];

export const TEMPLATE_STATUSES = ['active', 'stopped'] as const;
export type TemplateStatus = (typeof TEMPLATE_STATUSES)[number];

/** Validity of the coupons handed out: fixed dates [from, until), or N days from the claim. */
export type CouponValidity =
  | { readonly kind: 'fixed'; readonly from: Date; readonly until: Date }
  | { readonly kind: 'relative'; readonly days: number };

/** When members may claim: [startsAt, endsAt). */
export interface ClaimWindow {
  readonly startsAt: Date;
  readonly endsAt: Date;
}

export const MAX_TOTAL_QUANTITY = 100_000_000;
export const MAX_PER_MEMBER_LIMIT = 10_000;
export const MAX_VALIDITY_DAYS = 3650;
export const MAX_PRIORITY = 1_000_000;
const DAY_MS = 86_400_000;

export interface CouponTemplateSnapshot {
  readonly id: string;
  readonly name: string;
  readonly kind: CouponKind;
  readonly issuer: CouponIssuer;
  readonly scope: CouponScope;
  /** cash, threshold: the face value; shipping: the most freight it covers (null = all of it); else null. */
  readonly amount: Money | null;
  /** Spend at least this on the scope's lines (PRM-3); null = no threshold. Never on cash coupons. */
  readonly threshold: Money | null;
  /** discount: percent off ("15" = 15 % off), 0 < p ≤ 100, at most 2 decimals. */
  readonly percentOff: string | null;
  /** discount: the most it takes off; null = no cap. */
  readonly cap: Money | null;
  /** random (随机红包): each coupon's amount is drawn in [min, max] when it is handed out. */
  readonly randomRange: { readonly min: Money; readonly max: Money } | null;
  readonly validity: CouponValidity;
  readonly claimWindow: ClaimWindow;
  readonly totalQuantity: number;
  readonly perMemberLimit: number;
  readonly visibility: CouponVisibility;
  readonly audience: CouponAudience;
  /** Empty = every channel. */
  readonly channels: readonly Channel[];
  readonly stacking: Stacking;
  readonly priority: number;
  readonly status: TemplateStatus;
  readonly createdAt: Date;
  readonly version: number;
}

/** What staff give to define a template; amounts as Money or decimal strings ("199.00"). */
export interface CouponTemplateFields {
  readonly name: string;
  readonly kind: CouponKind;
  /** Default: the platform. */
  readonly issuer?: CouponIssuer;
  /** Default: the whole platform, or the issuing shop. */
  readonly scope?: CouponScope;
  readonly amount?: AmountInput;
  readonly threshold?: AmountInput;
  readonly percentOff?: string;
  readonly cap?: AmountInput;
  readonly randomRange?: { readonly min: AmountInput; readonly max: AmountInput };
  readonly validity: CouponValidity;
  readonly claimWindow: ClaimWindow;
  readonly totalQuantity: number;
  /** Default 1. */
  readonly perMemberLimit?: number;
  /** Default public. */
  readonly visibility?: CouponVisibility;
  /** Default all. */
  readonly audience?: CouponAudience;
  readonly channels?: readonly Channel[];
  readonly stacking?: Stacking;
  readonly priority?: number;
}

type BenefitField = 'amount' | 'threshold' | 'percentOff' | 'cap' | 'randomRange';

/** Which benefit fields each kind takes (spec §6): required first, then optional; any other is refused. */
export const BENEFIT_FIELDS = {
  cash: { required: ['amount'], optional: [] },
  threshold: { required: ['amount', 'threshold'], optional: [] },
  discount: { required: ['percentOff'], optional: ['cap', 'threshold'] },
  random: { required: ['randomRange'], optional: ['threshold'] },
  shipping: { required: [], optional: ['amount', 'threshold'] },
} as const satisfies Record<CouponKind, { required: readonly BenefitField[]; optional: readonly BenefitField[] }>;

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
  return COUPON_ERRORS.raise('CLAIM_WINDOW_CLOSED', `coupon template ${t.id} is claimed from ${t.claimWindow.startsAt.toISOString()} until ${t.claimWindow.endsAt.toISOString()}`, {
    templateId: t.id,
    reason,
    startsAt: t.claimWindow.startsAt.toISOString(),
    endsAt: t.claimWindow.endsAt.toISOString(),
  });
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
    t.record({ type: 'coupon.template.created', aggregateId: id, occurredAt: at, payload: { name: t.state.name, kind: t.state.kind, totalQuantity: t.state.totalQuantity } });
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

/** [validFrom, validUntil) of a coupon handed out at `at`. */
export function validityFrom(v: CouponValidity, at: Date): [Date, Date] {
  return v.kind === 'fixed' ? [v.from, v.until] : [at, new Date(at.getTime() + v.days * DAY_MS)];
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

const isWhole = (n: unknown, min: number, max: number): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= min && n <= max;
const validDate = (d: unknown): d is Date => d instanceof Date && !Number.isNaN(d.getTime());

/** Checks a definition as a whole and gives its normalised snapshot, or throws COUPON.INVALID_TEMPLATE. */
function checkedDefinition(id: string, f: CouponTemplateFields, at: Date): CouponTemplateSnapshot {
  const name = typeof f.name === 'string' ? f.name.trim() : '';
  if (name.length === 0 || name.length > 60) throw invalidTemplate('name', 'INVALID_NAME', 'a coupon template name has 1 to 60 characters');
  const fields = BENEFIT_FIELDS[f.kind];
  if (!fields) throw invalidTemplate('kind', 'UNKNOWN_KIND');
  for (const field of fields.required) if (f[field] === undefined) throw invalidTemplate(field, 'MISSING', `a ${f.kind} coupon needs ${field}`);
  for (const field of ['amount', 'threshold', 'percentOff', 'cap', 'randomRange'] as const) {
    if (f[field] !== undefined && !(fields.required as readonly string[]).includes(field) && !(fields.optional as readonly string[]).includes(field)) {
      throw invalidTemplate(field, 'NOT_FOR_KIND', `a ${f.kind} coupon has no ${field}`);
    }
  }
  const money = (v: AmountInput | undefined, field: string): Money | null => (v === undefined ? null : amountOf(v, field));
  const amount = money(f.amount, 'amount');
  const threshold = money(f.threshold, 'threshold');
  const cap = money(f.cap, 'cap');
  let randomRange: CouponTemplateSnapshot['randomRange'] = null;
  if (f.randomRange !== undefined) {
    const min = money(f.randomRange?.min, 'randomRange');
    const max = money(f.randomRange?.max, 'randomRange');
    if (!min || !max) throw invalidTemplate('randomRange', 'MISSING', 'a random range has a min and a max');
    if (min.greaterThan(max)) throw invalidTemplate('randomRange', 'RANGE_INVERTED', 'a random range has min ≤ max');
    randomRange = { min, max };
  }
  let percentOff: string | null = null;
  if (f.percentOff !== undefined) {
    let p;
    try {
      p = toDec(f.percentOff);
    } catch {
      throw invalidTemplate('percentOff', 'NOT_A_PERCENTAGE');
    }
    if (p.decimalPlaces() > 2) throw invalidTemplate('percentOff', 'TOO_MANY_DECIMALS', 'a percentage has at most 2 decimals');
    percentOff = p.toString();
  }

  const issuer: CouponIssuer = f.issuer ?? { kind: 'platform' };
  const scope: CouponScope = f.scope ?? (issuer.kind === 'shop' ? { kind: 'shop', ids: [issuer.shopId] } : { kind: 'platform' });
  const channels = f.channels ?? [];
  const stacking = f.stacking ?? 'shared';
  const priority = f.priority ?? 0;
  if (!isWhole(priority, -MAX_PRIORITY, MAX_PRIORITY)) throw invalidTemplate('priority', 'INVALID_PRIORITY', `a priority is a whole number from -${MAX_PRIORITY} to ${MAX_PRIORITY}`);

  const v = f.validity;
  if (v?.kind === 'fixed') {
    if (!validDate(v.from) || !validDate(v.until)) throw invalidTemplate('validity', 'INVALID_DATE');
    validateWindow(v.from, v.until, (reason) => invalidTemplate('validity', reason, 'a validity ends after it starts'));
  } else if (v?.kind === 'relative') {
    if (!isWhole(v.days, 1, MAX_VALIDITY_DAYS)) throw invalidTemplate('validity', 'INVALID_DAYS', `a relative validity lasts 1 to ${MAX_VALIDITY_DAYS} whole days`);
  } else throw invalidTemplate('validity', 'UNKNOWN_VALIDITY');
  const w = f.claimWindow;
  if (!validDate(w?.startsAt) || !validDate(w?.endsAt)) throw invalidTemplate('claimWindow', 'INVALID_DATE');
  validateWindow(w.startsAt, w.endsAt, (reason) => invalidTemplate('claimWindow', reason, 'a claim window ends after it starts'));
  if (v.kind === 'fixed' && w.startsAt.getTime() >= v.until.getTime()) {
    throw invalidTemplate('claimWindow', 'CLAIM_AFTER_VALIDITY', 'the claim window opens after the coupons stop being valid');
  }

  // The pricing engine's own rules (kind, issuer and scope, amounts, threshold ≥ discount, 0 < percent ≤ 100,
  // cap, channels, stacking, priority): a coupon from this template must always be one the engine prices.
  const validFrom = v.kind === 'fixed' ? v.from : at;
  const validUntil = validityFrom(v, at)[1];
  const probe = (drawn: Money | null, field: string) =>
    engineCheck(
      memberCouponTerms(
        { name, kind: f.kind, issuer, scope, amount, threshold, percentOff, cap, channels, stacking, priority },
        { id, validFrom, validUntil, amount: drawn },
      ),
      field,
    );
  if (randomRange) {
    probe(randomRange.min, 'randomRange');
    probe(randomRange.max, 'randomRange');
  } else probe(null, '');

  if (!isWhole(f.totalQuantity, 1, MAX_TOTAL_QUANTITY)) throw invalidTemplate('totalQuantity', 'INVALID_QUANTITY', `a total quantity is a whole number from 1 to ${MAX_TOTAL_QUANTITY}`);
  const perMemberLimit = f.perMemberLimit ?? 1;
  if (!isWhole(perMemberLimit, 1, MAX_PER_MEMBER_LIMIT)) throw invalidTemplate('perMemberLimit', 'INVALID_LIMIT', `a per-member limit is a whole number from 1 to ${MAX_PER_MEMBER_LIMIT}`);
  const visibility = f.visibility ?? 'public';
  if (!COUPON_VISIBILITIES.includes(visibility)) throw invalidTemplate('visibility', 'UNKNOWN_VISIBILITY');
  const audience = f.audience ?? 'all';
  if (!COUPON_AUDIENCES.includes(audience)) throw invalidTemplate('audience', 'UNKNOWN_AUDIENCE');

  return {
    id, name, kind: f.kind, issuer, scope, amount, threshold, percentOff, cap, randomRange,
    validity: v.kind === 'fixed' ? { kind: 'fixed', from: v.from, until: v.until } : { kind: 'relative', days: v.days },
    claimWindow: { startsAt: w.startsAt, endsAt: w.endsAt },
    totalQuantity: f.totalQuantity, perMemberLimit, visibility, audience, channels: [...channels], stacking, priority,
    status: 'active', createdAt: at, version: 0,
  };
}

/** A non-negative amount in whole cents of the default currency, or COUPON.INVALID_TEMPLATE naming the field. */
function amountOf(v: AmountInput, field: string): Money {
  let m: Money;
  if (v instanceof Money) m = v;
  else if (typeof v === 'string' && /^-?\d{1,15}(\.\d+)?$/.test(v)) m = Money.of(v, DEFAULT_CURRENCY);
  else throw invalidTemplate(field, 'NOT_AN_AMOUNT');
  if (m.currency !== DEFAULT_CURRENCY) throw invalidTemplate(field, 'CURRENCY_MISMATCH');
  if (!m.isWholeMinorUnits()) throw invalidTemplate(field, 'TOO_MANY_DECIMALS', `${field} is in whole cents`);
  if (m.isNegative()) throw invalidTemplate(field, 'NEGATIVE_AMOUNT', `${field} is not negative`);
  return Money.fromMinor(m.toMinor(), DEFAULT_CURRENCY);
}

/** Runs the engine's coupon check; its rejection becomes COUPON.INVALID_TEMPLATE with the same field and reason. */
function engineCheck(c: MemberCoupon, fieldOverride: string): void {
  try {
    compileCoupon(c, DEFAULT_CURRENCY);
  } catch (e) {
    if (!isDomainError(e) || e.code !== PRICING_ERROR.INVALID_COUPON) throw e;
    const field = fieldOverride && e.details.field === 'amount' ? fieldOverride : String(e.details.field ?? 'definition');
    throw invalidTemplate(field, String(e.details.reason ?? 'INVALID'));
  }
}
