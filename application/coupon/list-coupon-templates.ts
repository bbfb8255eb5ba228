import type { TemplateStatus } from '../../domain/coupon/coupon-template.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { templateViews, type CouponTemplateView } from './lookups.js';
import { COUPON_STORE } from './store.js';

/** Every template (or those of one status), newest first, with its counts. */
export class ListCouponTemplates {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { readonly status?: TemplateStatus } = {}): Promise<CouponTemplateView[]> {
    return this.d.uow.run(async (tx) => templateViews(tx, await tx.use(COUPON_STORE).templates.all(cmd)));
  }
}
