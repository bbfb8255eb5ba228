import { priceOrder, type MemberContext, type PricingLineInput, type PricingResult } from '../../domain/pricing/index.js';
import type { Activity as PricingActivity } from '../../domain/pricing/index.js';
import type { Clock } from '../../domain/shared/ports.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import { servingActivities } from './activity-use-cases.js';

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
 * only inside a group and bargains only to their member, so neither takes part here.
 */
export class PreviewPrice {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(cmd: PreviewPriceCommand): Promise<PricePreview> {
    const now = this.clock.now();
    const serving = await this.uow.run((tx) => servingActivities(tx, now));
    const activities = serving.map((a) => a.activeAt(now)).filter((a): a is PricingActivity => a !== null && a.kind !== 'group_buy');
    const result = priceOrder({ now, member: cmd.member, lines: cmd.lines, activities, ...(cmd.freight !== undefined ? { freight: cmd.freight } : {}) });
    return { ...result, at: now };
  }
}
