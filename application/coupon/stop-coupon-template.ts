import type { UseCaseDeps } from '../shared/deps.js';
import { requireTemplate, templateViews, type CouponTemplateView } from './lookups.js';
import { COUPON_STORE } from './store.js';

/** Stops a template: no more claims or issues; coupons already handed out stay usable. Stopping twice is a no-op. */
export class StopCouponTemplate {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { readonly templateId: string }): Promise<CouponTemplateView> {
    return this.d.uow.run(async (tx) => {
      const template = await requireTemplate(tx, cmd.templateId);
      if (template.stop(this.d.clock.now())) await tx.use(COUPON_STORE).templates.save(template);
      return (await templateViews(tx, [template]))[0]!;
    });
  }
}
