import { CouponTemplate, type CouponTemplateFields } from '../../domain/coupon/coupon-template.js';
import type { UseCaseDeps } from '../shared/deps.js';
import type { CouponTemplateView } from './lookups.js';
import { COUPON_STORE } from './store.js';

/** Defines a coupon template (checked as a whole: COUPON.INVALID_TEMPLATE with the field and reason). */
export class CreateCouponTemplate {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: CouponTemplateFields): Promise<CouponTemplateView> {
    return this.d.uow.run(async (tx) => {
      const template = CouponTemplate.create(this.d.ids.next(), cmd, this.d.clock.now());
      await tx.use(COUPON_STORE).templates.save(template);
      return { ...template.toSnapshot(), issued: 0, remaining: template.toSnapshot().totalQuantity };
    });
  }
}
