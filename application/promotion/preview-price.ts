import { priceOrder, type MemberContext, type PricingLineInput, type PricingResult } from '../../domain/pricing/index.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { promotionsForPricing } from './serving.js';

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
  constructor(private readonly d: UseCaseDeps) {}

  async execute(cmd: PreviewPriceCommand): Promise<PricePreview> {
    const now = this.d.clock.now();
    const { activities, purchaseLimits } = await this.d.uow.run((tx) => promotionsForPricing(tx, now, cmd.member.memberId));
    const result = priceOrder({
      now,
      member: cmd.member,
      lines: cmd.lines,
      activities,
      ...(purchaseLimits.length > 0 ? { purchaseLimits } : {}),
      ...(cmd.freight !== undefined ? { freight: cmd.freight } : {}),
    });
    return { ...result, at: now };
  }
}
