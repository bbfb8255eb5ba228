import type { CouponTemplate, TemplateStatus } from './coupon-template.js';
import type { CouponState, OwnedCoupon } from './owned-coupon.js';

/** Port: uniform numbers in [0, 1) for random-amount coupons (随机红包); tests pass a seeded source. */
export interface RandomSource {
  next(): number;
}

/**
 * Port: whether a member is a new customer — no order ever (spec §6). The coupon context asks it
 * rather than trusting a flag from the caller. The coupon context publishes it (checkout asks it too);
 * until ordering answers it, the default answers "new" for everyone (no member has ordered).
 */
export interface CustomerHistory {
  isNewCustomer(memberId: string): Promise<boolean>;
}

/**
 * Port: coupon templates, read like a collection. `save` is optimistic on the definition's version
 * (`CONCURRENCY.STALE_AGGREGATE` when it moved; creating an id that exists is stale too) and records the
 * template's pending events in the transaction. The count of coupons handed out is not saved here: it
 * moves only through `CouponClaims.claim`.
 */
export interface CouponTemplates {
  get(id: string): Promise<CouponTemplate | null>;
  save(template: CouponTemplate): Promise<void>;
  /** Newest first (created at, then id). */
  all(filter?: { readonly status?: TemplateStatus }): Promise<CouponTemplate[]>;
  /** Active public templates whose claim window contains `at`, newest first. */
  claimable(at: Date): Promise<CouponTemplate[]>;
  byIds(ids: readonly string[]): Promise<CouponTemplate[]>;
}

export type ClaimRefusal = 'UNKNOWN_TEMPLATE' | 'NOT_ACTIVE' | 'SOLD_OUT' | 'LIMIT_REACHED';

export type ClaimOutcome =
  | { readonly ok: true /** The template's count after this claim. */; readonly issued: number /** The member's count after it. */; readonly claimed: number }
  | { readonly ok: false; readonly refusal: ClaimRefusal };

/** How many coupons of a template were handed out, and how many of them to one member. */
export interface ClaimCounts {
  readonly issued: number;
  readonly claimed: number;
}

/**
 * Port: the counters of handing out, atomic. `claim` stores the new coupon only if the stored template
 * is active, its count is below its total quantity and the member's count below its per-member limit,
 * and then moves both counts by one: all three or nothing (a stored coupon's pending events are recorded
 * in the transaction). A refusal changes nothing, records nothing, and is returned, not thrown, so a
 * bulk issue can go on with the next member in the same transaction. Adapters must hold issued ≤ total
 * quantity and member count ≤ limit under any interleaving of concurrent callers (PostgreSQL: one
 * statement of guarded data-modifying CTEs under the template's row lock).
 */
export interface CouponClaims {
  claim(coupon: OwnedCoupon): Promise<ClaimOutcome>;
  /** Per template id (every one asked for; zeros when nothing was handed out): its count and the member's (0 without a member). */
  counts(templateIds: readonly string[], memberId?: string): Promise<Map<string, ClaimCounts>>;
}

/**
 * Port: the members' coupons. `save` changes a stored coupon (optimistic on its version) and records its
 * pending events in the transaction; coupons are created by `CouponClaims.claim`.
 */
export interface OwnedCoupons {
  get(id: string): Promise<OwnedCoupon | null>;
  save(coupon: OwnedCoupon): Promise<void>;
  /** A member's coupons, newest first (claimed at, then id). */
  ofMember(memberId: string): Promise<OwnedCoupon[]>;
  /** Available or returned coupons whose validity ended at or before `at`, oldest validity first, at most `limit`. */
  dueForExpiry(at: Date, limit: number): Promise<OwnedCoupon[]>;
}

export interface TemplateCounts {
  /** The template's counter (claimed + issued by staff). */
  readonly issued: number;
  /** Of those, claimed by members themselves. */
  readonly claimed: number;
  readonly byState: Readonly<Record<CouponState, number>>;
}

/** Port: what the statistics are computed from. */
export interface CouponStatisticsQuery {
  counts(templateId: string): Promise<TemplateCounts>;
}
