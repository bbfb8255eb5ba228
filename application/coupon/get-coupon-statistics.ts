import { couponStatistics, type CouponStatistics } from '../../domain/coupon/statistics.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { requireTemplate } from './lookups.js';
import { COUPON_STORE } from './store.js';

/** Spec §6 statistics of a template: issued, claimed, used, by state, redemption rate = used / issued (0 when none). */
export class GetCouponStatistics {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { readonly templateId: string }): Promise<CouponStatistics> {
    return this.d.uow.run(async (tx) => {
      await requireTemplate(tx, cmd.templateId);
      return couponStatistics(cmd.templateId, await tx.use(COUPON_STORE).statistics.counts(cmd.templateId));
    });
  }
}
