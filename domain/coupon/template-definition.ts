import { isDomainError } from '../shared/domain-error.js';
import type { Decimal } from 'decimal.js';
import { toDec } from '../shared/decimal.js';
import { DEFAULT_CURRENCY, Money } from '../shared/money.js';
import {
  compileCoupon,
  PRICING_ERROR,
  validateWindow,
  type AmountInput,
  type Channel,
  type CouponIssuer,
  type CouponKind,
  type CouponScope,
  type MemberCoupon,
  type Stacking,
} from '../pricing/index.js';
import { invalidTemplate } from './errors.js';
import { memberCouponTerms } from './terms.js';

/**
 * A coupon template's definition (优惠券模板): its fields, their bounds, and the one check of a definition
 * as a whole (`checkedDefinition`, COUPON.INVALID_TEMPLATE with the field and a stable reason). The
 * aggregate and the hand-out policies are in coupon-template.ts.
 */

export const COUPON_VISIBILITIES = ['public', 'hidden'] as const;
/** 公开 (listed, members claim it) or 隐藏 (not listed, only issued by staff or a flow). */
export type CouponVisibility = (typeof COUPON_VISIBILITIES)[number];

export const COUPON_AUDIENCES = ['all', 'new_customers'] as const;
/** `new_customers`: members who never ordered (spec §6; a first order in a shop is another notion). */
export type CouponAudience = (typeof COUPON_AUDIENCES)[number];

export const TEMPLATE_STATUSES = ['active', 'stopped'] as const;
export type TemplateStatus = (typeof TEMPLATE_STATUSES)[number];

/** Validity of the coupons handed out: fixed dates [from, until), or N days from the claim. */
export type CouponValidity = { readonly kind: 'fixed'; readonly from: Date; readonly until: Date } | { readonly kind: 'relative'; readonly days: number };

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

/** [validFrom, validUntil) of a coupon handed out at `at`. */
export function validityFrom(v: CouponValidity, at: Date): [Date, Date] {
  return v.kind === 'fixed' ? [v.from, v.until] : [at, new Date(at.getTime() + v.days * DAY_MS)];
}

const isWhole = (n: unknown, min: number, max: number): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= min && n <= max;
const validDate = (d: unknown): d is Date => d instanceof Date && !Number.isNaN(d.getTime());

/** Checks a definition as a whole and gives its normalised snapshot, or throws COUPON.INVALID_TEMPLATE. */
export function checkedDefinition(id: string, f: CouponTemplateFields, at: Date): CouponTemplateSnapshot {
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
    let p: Decimal;
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
  if (!isWhole(priority, -MAX_PRIORITY, MAX_PRIORITY))
    throw invalidTemplate('priority', 'INVALID_PRIORITY', `a priority is a whole number from -${MAX_PRIORITY} to ${MAX_PRIORITY}`);

  const v = f.validity;
  if (v?.kind === 'fixed') {
    if (!validDate(v.from) || !validDate(v.until)) throw invalidTemplate('validity', 'INVALID_DATE');
    validateWindow(v.from, v.until, (reason) => invalidTemplate('validity', reason, 'a validity ends after it starts'));
  } else if (v?.kind === 'relative') {
    if (!isWhole(v.days, 1, MAX_VALIDITY_DAYS))
      throw invalidTemplate('validity', 'INVALID_DAYS', `a relative validity lasts 1 to ${MAX_VALIDITY_DAYS} whole days`);
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

  if (!isWhole(f.totalQuantity, 1, MAX_TOTAL_QUANTITY))
    throw invalidTemplate('totalQuantity', 'INVALID_QUANTITY', `a total quantity is a whole number from 1 to ${MAX_TOTAL_QUANTITY}`);
  const perMemberLimit = f.perMemberLimit ?? 1;
  if (!isWhole(perMemberLimit, 1, MAX_PER_MEMBER_LIMIT))
    throw invalidTemplate('perMemberLimit', 'INVALID_LIMIT', `a per-member limit is a whole number from 1 to ${MAX_PER_MEMBER_LIMIT}`);
  const visibility = f.visibility ?? 'public';
  if (!COUPON_VISIBILITIES.includes(visibility)) throw invalidTemplate('visibility', 'UNKNOWN_VISIBILITY');
  const audience = f.audience ?? 'all';
  if (!COUPON_AUDIENCES.includes(audience)) throw invalidTemplate('audience', 'UNKNOWN_AUDIENCE');

  return {
    id,
    name,
    kind: f.kind,
    issuer,
    scope,
    amount,
    threshold,
    percentOff,
    cap,
    randomRange,
    validity: v.kind === 'fixed' ? { kind: 'fixed', from: v.from, until: v.until } : { kind: 'relative', days: v.days },
    claimWindow: { startsAt: w.startsAt, endsAt: w.endsAt },
    totalQuantity: f.totalQuantity,
    perMemberLimit,
    visibility,
    audience,
    channels: [...channels],
    stacking,
    priority,
    status: 'active',
    createdAt: at,
    version: 0,
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
