import { periodKey } from '../../domain/promotion/purchase-limit.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { requireActivity } from './lookups.js';
import { allowancesOf, servingDefinition, type PurchaseAllowance } from './purchase-limits.js';

/** What a member may still buy under an activity now (限购: the product page's "you may buy N more"). */
export class GetPurchaseAllowance {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { readonly activityId: string; readonly memberId: string }): Promise<PurchaseAllowance> {
    return this.d.uow.run(async (tx) => {
      const now = this.d.clock.now();
      const a = await requireActivity(tx, cmd.activityId);
      const d = servingDefinition(a, now);
      const [found] = await allowancesOf(tx, [a], cmd.memberId, now);
      return (
        found ?? {
          activityId: a.id,
          memberId: cmd.memberId,
          limit: null,
          limitPeriod: d.limitPeriod,
          period: periodKey(d.limitPeriod, now),
          used: 0,
          remaining: null,
        }
      );
    });
  }
}
