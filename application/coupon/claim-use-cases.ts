import { handOutRejection, type CouponTemplate, type CouponTemplateSnapshot } from '../../domain/coupon/coupon-template.js';
import { COUPON_ERROR } from '../../domain/coupon/errors.js';
import type { CustomerHistory, RandomSource } from '../../domain/coupon/ports.js';
import { DomainError, isDomainError } from '../../domain/shared/domain-error.js';
import type { Clock, IdGenerator } from '../../domain/shared/ports.js';
import type { Transaction, UnitOfWork } from '../shared/unit-of-work.js';
import { checkMemberId, couponView, refusalError, requireTemplate, type OwnedCouponView } from './lookups.js';

export const MAX_ISSUE_MEMBERS = 1000;

interface HandOutDeps {
  readonly ids: IdGenerator;
  readonly random: RandomSource;
  readonly customers: CustomerHistory;
}

/**
 * Hands one coupon of `template` to the member, or throws why not: the template's policies (member
 * claims: visible, active, in the claim window, still valid, audience), then the guarded counters
 * (total quantity, per-member limit). Events are recorded only for a coupon that was stored.
 */
async function handOut(tx: Transaction, deps: HandOutDeps, template: CouponTemplate, memberId: string, source: 'claim' | 'issue', at: Date): Promise<OwnedCouponView> {
  const t = template.toSnapshot();
  // New customer (spec §6: no order ever) is asked of the CustomerHistory port, never taken from the caller.
  const isNewCustomer = t.audience === 'new_customers' ? await deps.customers.isNewCustomer(memberId) : true;
  const coupon = template.handOut({ couponId: deps.ids.next(), memberId, at, source, isNewCustomer, random: deps.random });
  const outcome = await tx.couponClaims.claim(coupon);
  if (!outcome.ok) throw refusalError(outcome.refusal, t, memberId);
  tx.recordEvents(coupon.pullEvents());
  return couponView(coupon, t, at);
}

/**
 * A member claims a coupon (领券). Hidden templates cannot be claimed (COUPON.NOT_CLAIMABLE), nor
 * outside the claim window (COUPON.CLAIM_WINDOW_CLOSED), nor beyond the total quantity
 * (COUPON.SOLD_OUT) or the member's limit (COUPON.LIMIT_REACHED) — both held under concurrent claims.
 */
export class ClaimCoupon {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly deps: HandOutDeps,
  ) {}

  execute(cmd: { readonly templateId: string; readonly memberId: string }): Promise<OwnedCouponView> {
    checkMemberId(cmd.memberId);
    return this.uow.run(async (tx) => handOut(tx, this.deps, await requireTemplate(tx, cmd.templateId), cmd.memberId, 'claim', this.clock.now()));
  }
}

export type IssueResult =
  | { readonly memberId: string; readonly issued: true; readonly couponId: string }
  | { readonly memberId: string; readonly issued: false; readonly code: string; readonly message: string };

export interface IssueReport {
  readonly templateId: string;
  readonly issued: number;
  readonly refused: number;
  /** One entry per member asked for, in the order given. */
  readonly results: readonly IssueResult[];
}

/**
 * Staff push a template's coupons to a list of members (发放, bulk), hidden templates included and
 * outside the claim window too, in one transaction. Each member is held to the same limits as a claim:
 * the report says, per member, the coupon issued or why not (sold out, limit reached, not a new
 * customer). A stopped template or one whose validity is over refuses the whole list.
 */
export class IssueCoupons {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly deps: HandOutDeps,
  ) {}

  execute(cmd: { readonly templateId: string; readonly memberIds: readonly string[] }): Promise<IssueReport> {
    if (!Array.isArray(cmd.memberIds) || cmd.memberIds.length === 0 || cmd.memberIds.length > MAX_ISSUE_MEMBERS) {
      throw DomainError.invalid(COUPON_ERROR.INVALID_COMMAND, `issue to 1 to ${MAX_ISSUE_MEMBERS} members at once`, { members: cmd.memberIds?.length });
    }
    for (const m of cmd.memberIds) checkMemberId(m);
    return this.uow.run(async (tx) => {
      const template = await requireTemplate(tx, cmd.templateId);
      const at = this.clock.now();
      // What refuses every member alike fails the whole issue.
      const whole = handOutRejection(template.toSnapshot(), { at, isNewCustomer: true, source: 'issue' });
      if (whole) throw whole;
      const results: IssueResult[] = [];
      for (const memberId of cmd.memberIds) {
        try {
          const coupon = await handOut(tx, this.deps, template, memberId, 'issue', at);
          results.push({ memberId, issued: true, couponId: coupon.id });
        } catch (e) {
          if (!isDomainError(e)) throw e;
          results.push({ memberId, issued: false, code: e.code, message: e.message });
        }
      }
      const issued = results.filter((r) => r.issued).length;
      return { templateId: template.id, issued, refused: results.length - issued, results };
    });
  }
}

/** A template the member may claim now, with what is left and how many the member already has. */
export interface ClaimableCoupon {
  readonly template: CouponTemplateSnapshot;
  readonly remaining: number;
  readonly claimed: number;
}

/** 领券中心: public, active templates in their claim window and still valid, in the member's audience, with coupons left and the member under the limit. */
export class ListClaimableCoupons {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly customers: CustomerHistory,
  ) {}

  execute(cmd: { readonly memberId: string; readonly at?: Date }): Promise<ClaimableCoupon[]> {
    checkMemberId(cmd.memberId);
    return this.uow.run(async (tx) => {
      const at = cmd.at ?? this.clock.now();
      const templates = (await tx.couponTemplates.claimable(at)).map((t) => t.toSnapshot());
      const isNewCustomer = templates.some((t) => t.audience === 'new_customers') ? await this.customers.isNewCustomer(cmd.memberId) : true;
      const open = templates.filter((t) => handOutRejection(t, { at, isNewCustomer, source: 'claim' }) === null);
      const counts = await tx.couponClaims.counts(open.map((t) => t.id), cmd.memberId);
      return open.flatMap((template) => {
        const c = counts.get(template.id)!;
        const remaining = template.totalQuantity - c.issued;
        return remaining > 0 && c.claimed < template.perMemberLimit ? [{ template, remaining, claimed: c.claimed }] : [];
      });
    });
  }
}
