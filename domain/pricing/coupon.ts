import type { Decimal } from 'decimal.js';
import type { DecimalInput } from '../shared/decimal.js';
import { centsOf, minCents, rateOfPercent, roundedDiscount, type AmountInput, type Cents } from './amounts.js';
import type { Stacking } from './activity.js';
import { PRICING_ERROR, pricingError } from './errors.js';
import { channelAdmits, inWindow, validateChannels, validateWindow, type Channel, type ScopedLine } from './scope.js';

/** Kinds by benefit (spec §6). A random-amount coupon's amount was drawn when it was claimed. */
export type CouponKind = 'cash' | 'threshold' | 'discount' | 'random' | 'shipping';

/** Narrowest first: CPN-1 prefers the narrower scope between coupons that deduct the same. */
export const COUPON_SCOPE_KINDS = ['sku', 'product', 'category', 'brand', 'shop', 'self_run', 'platform'] as const;
export type CouponScopeKind = (typeof COUPON_SCOPE_KINDS)[number];

export type CouponScope =
  | { readonly kind: 'platform' }
  | { readonly kind: 'self_run' }
  | { readonly kind: 'sku' | 'product' | 'category' | 'brand' | 'shop'; readonly ids: readonly string[] };

/** Who pays for the coupon; it also decides its slot (PRM-4 / CPN-1 combination rule). */
export type CouponIssuer = { readonly kind: 'platform' } | { readonly kind: 'shop'; readonly shopId: string };

/** One of the member's claimed, unused coupons, as the engine prices it. */
export interface MemberCoupon {
  readonly id: string;
  readonly name?: string;
  readonly kind: CouponKind;
  readonly issuer: CouponIssuer;
  readonly scope: CouponScope;
  /** cash, threshold, random: the face value; shipping: the most freight it covers (none = all of it). */
  readonly amount?: AmountInput;
  /** Spend at least this on the scope's lines after activities (PRM-3); none = 0. Not for cash. */
  readonly threshold?: AmountInput;
  /** discount: percent off ("15" = 15 % off), with an optional cap on the amount. */
  readonly percentOff?: DecimalInput;
  readonly cap?: AmountInput;
  /** Validity [validFrom, validUntil), checked against the input's `now`. */
  readonly validFrom: Date;
  readonly validUntil: Date;
  readonly channels?: readonly Channel[];
  /** Default `shared`; an exclusive coupon is the order's only coupon. */
  readonly stacking?: Stacking;
  /** Higher wins ties between equally good plans. Default 0. */
  readonly priority?: number;
}

/** Why a coupon cannot be used on this order (CPN-1: time, channel, scope, threshold). */
export type CouponRejection = 'NOT_STARTED' | 'EXPIRED' | 'WRONG_CHANNEL' | 'OUT_OF_SCOPE' | 'NO_FREIGHT' | 'BELOW_THRESHOLD' | 'NOTHING_TO_DEDUCT';

export interface CompiledCoupon {
  readonly id: string;
  readonly name: string;
  readonly kind: CouponKind;
  /** The issuing shop, or null for the platform. */
  readonly shopId: string | null;
  readonly scopeKind: CouponScopeKind;
  readonly scopeRank: number;
  readonly exclusive: boolean;
  readonly priority: number;
  readonly face: Cents | null;
  readonly threshold: Cents;
  readonly rate: Decimal | null;
  readonly percent: Decimal | null;
  readonly cap: Cents | null;
  readonly source: MemberCoupon;
  readonly covers: (line: ScopedLine) => boolean;
}

const KINDS: readonly CouponKind[] = ['cash', 'threshold', 'discount', 'random', 'shipping'];

export function compileCoupon(c: MemberCoupon, currency: string): CompiledCoupon {
  const fail = (field: string) => (reason: string) =>
    pricingError(PRICING_ERROR.INVALID_COUPON, reason, `coupon ${JSON.stringify(c?.id)}: invalid ${field} (${reason})`, {
      couponId: c?.id,
      field,
    });
  if (typeof c?.id !== 'string' || c.id === '') throw fail('id')('MISSING');
  if (!KINDS.includes(c.kind)) throw fail('kind')('UNKNOWN_KIND');
  const priority = c.priority ?? 0;
  if (!Number.isSafeInteger(priority)) throw fail('priority')('NOT_AN_INTEGER');
  const stacking = c.stacking ?? 'shared';
  if (stacking !== 'shared' && stacking !== 'exclusive') throw fail('stacking')('UNKNOWN_STACKING');
  validateChannels(c.channels, fail('channels'));
  if (!(c.validFrom instanceof Date) || !(c.validUntil instanceof Date)) throw fail('validity')('INVALID_DATE');
  validateWindow(c.validFrom, c.validUntil, fail('validity'));

  const issuerShop = c.issuer?.kind === 'shop' ? c.issuer.shopId : c.issuer?.kind === 'platform' ? null : undefined;
  if (issuerShop === undefined || issuerShop === '') throw fail('issuer')('UNKNOWN_ISSUER');
  const scopeKind = c.scope?.kind;
  if (!COUPON_SCOPE_KINDS.includes(scopeKind)) throw fail('scope')('UNKNOWN_SCOPE');
  const ids = 'ids' in c.scope ? c.scope.ids : [];
  if ('ids' in c.scope && (!Array.isArray(ids) || ids.length === 0)) throw fail('scope')('EMPTY_SCOPE');
  if (issuerShop !== null) {
    if (scopeKind === 'platform' || scopeKind === 'self_run') throw fail('scope')('SCOPE_OUTSIDE_SHOP');
    if (scopeKind === 'shop' && ids.some((s) => s !== issuerShop)) throw fail('scope')('SCOPE_OUTSIDE_SHOP');
  }

  const cents = (v: AmountInput, field: string) => centsOf(v, currency, fail(field));
  const amount = c.amount === undefined ? null : cents(c.amount, 'amount');
  const threshold = c.threshold === undefined ? 0n : cents(c.threshold, 'threshold');
  let rate: Decimal | null = null;
  let percent: Decimal | null = null;
  let cap: Cents | null = null;
  switch (c.kind) {
    case 'cash':
      if (amount === null || amount === 0n) throw fail('amount')('ZERO_DISCOUNT');
      if (threshold !== 0n) throw fail('threshold')('CASH_HAS_NO_THRESHOLD');
      break;
    case 'threshold':
    case 'random':
      if (amount === null || amount === 0n) throw fail('amount')('ZERO_DISCOUNT');
      if ((c.kind === 'threshold' || threshold > 0n) && threshold < amount) throw fail('threshold')('THRESHOLD_BELOW_DISCOUNT');
      break;
    case 'discount':
      if (c.percentOff === undefined) throw fail('percentOff')('MISSING');
      ({ rate, percent } = rateOfPercent(c.percentOff, fail('percentOff')));
      cap = c.cap === undefined ? null : cents(c.cap, 'cap');
      if (cap === 0n) throw fail('cap')('ZERO_CAP');
      break;
    case 'shipping':
      if (amount === 0n) throw fail('amount')('ZERO_DISCOUNT');
      break;
  }

  const set = new Set(ids);
  const inScope: (l: ScopedLine) => boolean =
    scopeKind === 'platform'
      ? () => true
      : scopeKind === 'self_run'
        ? (l) => l.selfRun
        : scopeKind === 'sku'
          ? (l) => set.has(l.skuId)
          : scopeKind === 'product'
            ? (l) => set.has(l.productId)
            : scopeKind === 'category'
              ? (l) => l.categoryIds.some((x) => set.has(x))
              : scopeKind === 'brand'
                ? (l) => l.brandId !== null && set.has(l.brandId)
                : (l) => set.has(l.shopId);
  return {
    id: c.id,
    name: c.name ?? c.id,
    kind: c.kind,
    shopId: issuerShop,
    scopeKind,
    scopeRank: COUPON_SCOPE_KINDS.indexOf(scopeKind),
    exclusive: stacking === 'exclusive',
    priority,
    face: amount,
    threshold,
    rate,
    percent,
    cap,
    source: c,
    covers: issuerShop === null ? inScope : (l) => l.shopId === issuerShop && inScope(l),
  };
}

/** What does not depend on the activity plan: validity time, channel, scope (and freight for shipping). */
export function staticRejection(c: CompiledCoupon, now: Date, channel: Channel, scopeLines: number, freight: Cents): CouponRejection | null {
  if (now.getTime() < c.source.validFrom.getTime()) return 'NOT_STARTED';
  if (!inWindow(undefined, c.source.validUntil, now)) return 'EXPIRED';
  if (!channelAdmits(c.source.channels, channel)) return 'WRONG_CHANNEL';
  if (scopeLines === 0) return 'OUT_OF_SCOPE';
  if (c.kind === 'shipping' && freight === 0n) return 'NO_FREIGHT';
  return null;
}

/** Given the scope's amount after activities (`base`): the threshold (PRM-3), and something to deduct. */
export function planRejection(c: CompiledCoupon, base: Cents): CouponRejection | null {
  if (base < c.threshold) return 'BELOW_THRESHOLD';
  if (c.kind !== 'shipping' && base === 0n) return 'NOTHING_TO_DEDUCT';
  return null;
}

/**
 * What the coupon takes off before it meets what is left to take from: the face value; for a discount
 * coupon its rate of `base` (rounded once, the engine's rounding point), capped; for a shipping coupon
 * the freight, up to its amount.
 */
export function faceDeduction(c: CompiledCoupon, base: Cents, freight: Cents, currency: string): Cents {
  switch (c.kind) {
    case 'cash':
    case 'threshold':
    case 'random':
      return c.face!;
    case 'discount': {
      const d = roundedDiscount(base, c.rate!, currency);
      return c.cap === null ? d : minCents(d, c.cap);
    }
    case 'shipping':
      return c.face === null ? freight : minCents(c.face, freight);
  }
}

/** CPN-1 candidate: a coupon usable on this order, and what it would deduct alone. */
export interface CouponCandidate {
  readonly couponId: string;
  readonly deduction: Cents;
  readonly scopeRank: number;
  readonly priority: number;
}

/**
 * CPN-1 recommendation: among the usable coupons, the one that deducts most; ties → the narrower
 * scope (sku < product < category < brand < shop < self-run < platform), then the higher priority,
 * then the smaller id. Null when none deducts anything.
 */
export function recommendCoupon(candidates: readonly CouponCandidate[]): string | null {
  let best: CouponCandidate | null = null;
  for (const c of candidates) {
    if (c.deduction <= 0n) continue;
    if (
      best === null ||
      c.deduction > best.deduction ||
      (c.deduction === best.deduction &&
        (c.scopeRank < best.scopeRank ||
          (c.scopeRank === best.scopeRank && (c.priority > best.priority || (c.priority === best.priority && c.couponId < best.couponId)))))
    ) {
      best = c;
    }
  }
  return best?.couponId ?? null;
}
