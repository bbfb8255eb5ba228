import { priceOrder, type MemberContext, type PricingLineInput, type PricingResult } from '../../domain/pricing/index.js';
import type { Activity as PricingActivity, PurchaseLimitInput } from '../../domain/pricing/index.js';
import type { Clock } from '../../domain/shared/ports.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import { servingActivities } from './activity-use-cases.js';
import { allowancesOf } from './purchase-limit-use-cases.js';

export interface PreviewPriceCommand {
  readonly lines: readonly PricingLineInput[];
  readonly member: MemberContext;
  /** The order's freight, if known (default 0). */
  readonly freight?: string;
}

export interface PricePreview extends PricingResult {
  readonly at: Date;
}

/**
 * Prices lines for a member with the activities serving now (PRM-3 order, PRM-4 best plan): the pricing
 * engine over `activeAt(now)` of every live activity whose budget is not used up. Group-buy prices apply
 * only inside a group and bargains only to their member, so neither takes part here. 限购: for a known
 * member, what they may still take under each limited activity goes to the engine (`purchaseLimits`), so
 * an activity price covers no more units than they have left and the rest are at the normal price.
 */
export class PreviewPrice {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(cmd: PreviewPriceCommand): Promise<PricePreview> {
    const now = this.clock.now();
    const memberId = cmd.member.memberId;
    const { serving, allowances } = await this.uow.run(async (tx) => {
      const serving = await servingActivities(tx, now);
      return { serving, allowances: memberId === undefined ? [] : await allowancesOf(tx, serving, memberId, now) };
    });
    const activities = serving.map((a) => a.activeAt(now)).filter((a): a is PricingActivity => a !== null && a.kind !== 'group_buy');
    const priced = new Set(activities.map((a) => a.id));
    const purchaseLimits: PurchaseLimitInput[] = allowances.flatMap((x) => (x.remaining !== null && priced.has(x.activityId) ? [{ activityId: x.activityId, remaining: x.remaining }] : []));
    const result = priceOrder({
      now, member: cmd.member, lines: cmd.lines, activities, ...(purchaseLimits.length > 0 ? { purchaseLimits } : {}), ...(cmd.freight !== undefined ? { freight: cmd.freight } : {}),
    });
    return { ...result, at: now };
  }
}
