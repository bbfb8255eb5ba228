import { handOutRejection } from '../../domain/coupon/coupon-template.js';
import { COUPON_ERRORS } from '../../domain/coupon/errors.js';
import { isDomainError } from '../../domain/shared/domain-error.js';
import type { CouponDeps } from './deps.js';
import { handOut } from './hand-out.js';
import { checkMemberId, requireTemplate } from './lookups.js';

export const MAX_ISSUE_MEMBERS = 1000;

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
  constructor(private readonly d: CouponDeps) {}

  execute(cmd: { readonly templateId: string; readonly memberIds: readonly string[] }): Promise<IssueReport> {
    if (!Array.isArray(cmd.memberIds) || cmd.memberIds.length === 0 || cmd.memberIds.length > MAX_ISSUE_MEMBERS) {
      throw COUPON_ERRORS.raise('INVALID_COMMAND', `issue to 1 to ${MAX_ISSUE_MEMBERS} members at once`, { members: cmd.memberIds?.length });
    }
    for (const m of cmd.memberIds) checkMemberId(m);
    return this.d.uow.run(async (tx) => {
      const template = await requireTemplate(tx, cmd.templateId);
      const at = this.d.clock.now();
      // What refuses every member alike fails the whole issue.
      const whole = handOutRejection(template.toSnapshot(), { at, isNewCustomer: true, source: 'issue' });
      if (whole) throw whole;
      const results: IssueResult[] = [];
      for (const memberId of cmd.memberIds) {
        try {
          const coupon = await handOut(tx, this.d, template, memberId, 'issue', at);
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
