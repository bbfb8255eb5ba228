import type { CouponStore } from '../../../../application/coupon/store.js';
import { CouponTemplate, type CouponTemplateSnapshot, type TemplateStatus } from '../../../../domain/coupon/coupon-template.js';
import { COUPON_STATES, OwnedCoupon, type CouponState, type OwnedCouponSnapshot } from '../../../../domain/coupon/owned-coupon.js';
import type {
  ClaimCounts,
  ClaimOutcome,
  CouponClaims,
  CouponStatisticsQuery,
  CouponTemplates,
  OwnedCoupons,
  TemplateCounts,
} from '../../../../domain/coupon/ports.js';
import { DomainError } from '../../../../domain/shared/domain-error.js';
import type { MemoryTransactionState } from '../memory-transaction.js';

/** The coupon context's tables in the memory database. */
const TEMPLATES = 'couponTemplates';
/** The issued count of each template, moved only by claims. */
const ISSUED = 'couponIssued';
/** Keyed by (template, member): how many of the template the member was handed. */
const MEMBER_CLAIMS = 'couponMemberClaims';
const OWNED = 'ownedCoupons';
type IssuedRow = { id: string; issued: number; version: number };
type MemberClaimRow = { id: string; templateId: string; memberId: string; claimed: number; version: number };

/** The coupon store of one memory transaction. */
export const memoryCouponStore = (tx: MemoryTransactionState): CouponStore => ({
  templates: new MemoryCouponTemplates(tx),
  claims: new MemoryCouponClaims(tx),
  ownedCoupons: new MemoryOwnedCoupons(tx),
  statistics: new MemoryCouponStatistics(tx),
});

const memberKey = (templateId: string, memberId: string) => `${templateId}\u0000${memberId}`;
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const newestFirst = (a: { createdAt?: Date; claimedAt?: Date; id: string }, b: typeof a) =>
  (b.createdAt ?? b.claimedAt)!.getTime() - (a.createdAt ?? a.claimedAt)!.getTime() || cmp(b.id, a.id);

/** Coupon templates in memory: the definition, versioned; the issued count lives apart (`couponIssued`). Saving records the template's events. */
export class MemoryCouponTemplates implements CouponTemplates {
  constructor(private readonly tx: MemoryTransactionState) {}

  async get(id: string): Promise<CouponTemplate | null> {
    const s = this.tx.read<CouponTemplateSnapshot>(TEMPLATES, id);
    return s ? CouponTemplate.restore(s) : null;
  }
  async save(template: CouponTemplate): Promise<void> {
    template.markSaved(this.tx.write(TEMPLATES, template.toSnapshot()));
    this.tx.record(template.pullEvents());
  }
  async all(filter: { readonly status?: TemplateStatus } = {}): Promise<CouponTemplate[]> {
    return this.list((t) => filter.status === undefined || t.status === filter.status);
  }
  async claimable(at: Date): Promise<CouponTemplate[]> {
    const t = at.getTime();
    return this.list((s) => s.status === 'active' && s.visibility === 'public' && s.claimWindow.startsAt.getTime() <= t && t < s.claimWindow.endsAt.getTime());
  }
  async byIds(ids: readonly string[]): Promise<CouponTemplate[]> {
    const wanted = new Set(ids);
    return this.list((s) => wanted.has(s.id));
  }
  private list(keep: (s: CouponTemplateSnapshot) => boolean): CouponTemplate[] {
    return this.tx
      .rows<CouponTemplateSnapshot>(TEMPLATES)
      .filter(keep)
      .sort(newestFirst)
      .map((s) => CouponTemplate.restore(s));
  }
}

/** The claim counters in memory: transactions are serialised, so checking then writing is atomic. A stored coupon's events are recorded. */
export class MemoryCouponClaims implements CouponClaims {
  constructor(private readonly tx: MemoryTransactionState) {}

  async claim(coupon: OwnedCoupon): Promise<ClaimOutcome> {
    const c = coupon.toSnapshot();
    const template = this.tx.read<CouponTemplateSnapshot>(TEMPLATES, c.templateId);
    if (!template) return { ok: false, refusal: 'UNKNOWN_TEMPLATE' };
    if (template.status !== 'active') return { ok: false, refusal: 'NOT_ACTIVE' };
    const issued = this.tx.read<IssuedRow>(ISSUED, c.templateId) ?? { id: c.templateId, issued: 0, version: 0 };
    if (issued.issued >= template.totalQuantity) return { ok: false, refusal: 'SOLD_OUT' };
    const key = memberKey(c.templateId, c.memberId);
    const member = this.tx.read<MemberClaimRow>(MEMBER_CLAIMS, key) ?? { id: key, templateId: c.templateId, memberId: c.memberId, claimed: 0, version: 0 };
    if (member.claimed >= template.perMemberLimit) return { ok: false, refusal: 'LIMIT_REACHED' };
    if (this.tx.read(OWNED, c.id))
      throw DomainError.conflict('CONCURRENCY.STALE_AGGREGATE', `ownedCoupons ${c.id} was changed by someone else; reload and retry`);
    const next = { issued: { ...issued, issued: issued.issued + 1 }, member: { ...member, claimed: member.claimed + 1 } };
    this.tx.write(ISSUED, next.issued);
    this.tx.write(MEMBER_CLAIMS, next.member);
    coupon.markSaved(this.tx.write(OWNED, c));
    this.tx.record(coupon.pullEvents());
    return { ok: true, issued: issued.issued + 1, claimed: member.claimed + 1 };
  }

  async counts(templateIds: readonly string[], memberId?: string): Promise<Map<string, ClaimCounts>> {
    return new Map(
      templateIds.map((id) => [
        id,
        {
          issued: this.tx.read<IssuedRow>(ISSUED, id)?.issued ?? 0,
          claimed: memberId === undefined ? 0 : (this.tx.read<MemberClaimRow>(MEMBER_CLAIMS, memberKey(id, memberId))?.claimed ?? 0),
        },
      ]),
    );
  }
}

/** Members' coupons in memory. Saving records the coupon's events. */
export class MemoryOwnedCoupons implements OwnedCoupons {
  constructor(private readonly tx: MemoryTransactionState) {}

  async get(id: string): Promise<OwnedCoupon | null> {
    const s = this.tx.read<OwnedCouponSnapshot>(OWNED, id);
    return s ? OwnedCoupon.restore(s) : null;
  }
  async save(coupon: OwnedCoupon): Promise<void> {
    const s = coupon.toSnapshot();
    if (s.version === 0) throw new Error('a coupon is created by CouponClaims.claim, not saved');
    coupon.markSaved(this.tx.write(OWNED, s));
    this.tx.record(coupon.pullEvents());
  }
  async ofMember(memberId: string): Promise<OwnedCoupon[]> {
    return this.tx
      .rows<OwnedCouponSnapshot>(OWNED)
      .filter((c) => c.memberId === memberId)
      .sort(newestFirst)
      .map((s) => OwnedCoupon.restore(s));
  }
  async dueForExpiry(at: Date, limit: number): Promise<OwnedCoupon[]> {
    return this.tx
      .rows<OwnedCouponSnapshot>(OWNED)
      .filter((c) => (c.state === 'available' || c.state === 'returned') && c.validUntil.getTime() <= at.getTime())
      .sort((a, b) => a.validUntil.getTime() - b.validUntil.getTime() || cmp(a.id, b.id))
      .slice(0, limit)
      .map((s) => OwnedCoupon.restore(s));
  }
}

export class MemoryCouponStatistics implements CouponStatisticsQuery {
  constructor(private readonly tx: MemoryTransactionState) {}

  async counts(templateId: string): Promise<TemplateCounts> {
    const byState = Object.fromEntries(COUPON_STATES.map((s) => [s, 0])) as Record<CouponState, number>;
    let claimed = 0;
    for (const c of this.tx.rows<OwnedCouponSnapshot>(OWNED)) {
      if (c.templateId !== templateId) continue;
      byState[c.state] += 1;
      if (c.source === 'claim') claimed += 1;
    }
    return { issued: this.tx.read<IssuedRow>(ISSUED, templateId)?.issued ?? 0, claimed, byState };
  }
}
