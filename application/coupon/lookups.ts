import type { CouponTemplate, CouponTemplateSnapshot } from '../../domain/coupon/coupon-template.js';
import { COUPON_ERRORS, couponNotFound, templateNotFound } from '../../domain/coupon/errors.js';
import { effectiveState, type CouponState, type OwnedCoupon, type OwnedCouponSnapshot } from '../../domain/coupon/owned-coupon.js';
import type { ClaimRefusal } from '../../domain/coupon/ports.js';
import type { TemplateCouponTerms } from '../../domain/coupon/terms.js';
import type { DomainError } from '../../domain/shared/domain-error.js';
import type { Transaction } from '../shared/unit-of-work.js';
import { COUPON_STORE } from './store.js';

export async function requireTemplate(tx: Transaction, id: string): Promise<CouponTemplate> {
  const t = await tx.use(COUPON_STORE).templates.get(id);
  if (!t) throw templateNotFound(id);
  return t;
}

/** A member's coupon; another member's is not found (nobody learns that it exists). */
export async function requireCoupon(tx: Transaction, couponId: string, memberId?: string): Promise<OwnedCoupon> {
  const c = await tx.use(COUPON_STORE).ownedCoupons.get(couponId);
  if (!c || (memberId !== undefined && c.memberId !== memberId)) throw couponNotFound(couponId);
  return c;
}

export function checkMemberId(memberId: unknown): asserts memberId is string {
  if (typeof memberId !== 'string' || memberId.length === 0 || memberId.length > 64) {
    throw COUPON_ERRORS.raise('INVALID_COMMAND', 'a member id has 1 to 64 characters', { memberId });
  }
}

/** What the guarded claim refused, as the business error a caller sees. */
export function refusalError(refusal: ClaimRefusal, t: CouponTemplateSnapshot, memberId: string): DomainError {
  switch (refusal) {
    case 'UNKNOWN_TEMPLATE':
      return templateNotFound(t.id);
    case 'NOT_ACTIVE':
      return COUPON_ERRORS.raise('TEMPLATE_STOPPED', `coupon template ${t.id} is stopped`, { templateId: t.id });
    case 'SOLD_OUT':
      return COUPON_ERRORS.raise('SOLD_OUT', `all ${t.totalQuantity} coupons of template ${t.id} are handed out`, {
        templateId: t.id,
        totalQuantity: t.totalQuantity,
      });
    case 'LIMIT_REACHED':
      return COUPON_ERRORS.raise('LIMIT_REACHED', `member ${memberId} already holds ${t.perMemberLimit} of template ${t.id}`, {
        templateId: t.id,
        memberId,
        perMemberLimit: t.perMemberLimit,
      });
  }
}

/** A member's coupon as clients see it: its own facts, its state at `at`, and its terms as the pricing engine reads them. */
export interface OwnedCouponView extends Omit<OwnedCouponSnapshot, 'handled' | 'version' | 'amount'> {
  /** `expired` already when an available or returned coupon is past its validity, before the sweep marks it. */
  readonly state: CouponState;
  readonly terms: TemplateCouponTerms;
}

export function couponView(c: OwnedCoupon, template: CouponTemplateSnapshot, at: Date): OwnedCouponView {
  const { handled: _h, version: _v, amount: _a, ...facts } = c.toSnapshot();
  return { ...facts, state: effectiveState(facts, at), terms: c.toMemberCoupon(template) };
}

/** The templates of these coupons, by id (one query). */
export async function templatesOf(tx: Transaction, coupons: readonly OwnedCoupon[]): Promise<Map<string, CouponTemplateSnapshot>> {
  const ids = [...new Set(coupons.map((c) => c.templateId))];
  if (ids.length === 0) return new Map();
  return new Map((await tx.use(COUPON_STORE).templates.byIds(ids)).map((t) => [t.id, t.toSnapshot()]));
}

/** A template with how many of its coupons were handed out and how many are left. */
export interface CouponTemplateView extends CouponTemplateSnapshot {
  readonly issued: number;
  readonly remaining: number;
}

/** The templates with their counts (one query for the counts). */
export async function templateViews(tx: Transaction, templates: readonly CouponTemplate[]): Promise<CouponTemplateView[]> {
  const counts = await tx.use(COUPON_STORE).claims.counts(templates.map((t) => t.id));
  return templates.map((t) => {
    const s = t.toSnapshot();
    const issued = counts.get(s.id)?.issued ?? 0;
    return { ...s, issued, remaining: s.totalQuantity - issued };
  });
}
