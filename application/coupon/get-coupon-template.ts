import type { UseCaseDeps } from '../shared/deps.js';
import { requireTemplate, templateViews, type CouponTemplateView } from './lookups.js';

/** One template with its counts (COUPON.TEMPLATE_NOT_FOUND when there is none). */
export class GetCouponTemplate {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { readonly templateId: string }): Promise<CouponTemplateView> {
    return this.d.uow.run(async (tx) => (await templateViews(tx, [await requireTemplate(tx, cmd.templateId)]))[0]!);
  }
}
