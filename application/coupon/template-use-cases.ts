import { CouponTemplate, type CouponTemplateFields, type CouponTemplateSnapshot, type TemplateStatus } from '../../domain/coupon/coupon-template.js';
import { couponStatistics, type CouponStatistics } from '../../domain/coupon/statistics.js';
import type { Clock, IdGenerator } from '../../domain/shared/ports.js';
import type { Transaction, UnitOfWork } from '../shared/unit-of-work.js';
import { requireTemplate } from './lookups.js';

/** A template with how many of its coupons were handed out and how many are left. */
export interface CouponTemplateView extends CouponTemplateSnapshot {
  readonly issued: number;
  readonly remaining: number;
}

async function viewsOf(tx: Transaction, templates: readonly CouponTemplate[]): Promise<CouponTemplateView[]> {
  const counts = await tx.couponClaims.counts(templates.map((t) => t.id));
  return templates.map((t) => {
    const s = t.toSnapshot();
    const issued = counts.get(s.id)?.issued ?? 0;
    return { ...s, issued, remaining: s.totalQuantity - issued };
  });
}

/** Defines a coupon template (checked as a whole: COUPON.INVALID_TEMPLATE with the field and reason). */
export class CreateCouponTemplate {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  execute(cmd: CouponTemplateFields): Promise<CouponTemplateView> {
    return this.uow.run(async (tx) => {
      const template = CouponTemplate.create(this.ids.next(), cmd, this.clock.now());
      await tx.couponTemplates.save(template);
      tx.recordEvents(template.pullEvents());
      return { ...template.toSnapshot(), issued: 0, remaining: template.toSnapshot().totalQuantity };
    });
  }
}

/** Stops a template: no more claims or issues; coupons already handed out stay usable. Stopping twice is a no-op. */
export class StopCouponTemplate {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  execute(cmd: { readonly templateId: string }): Promise<CouponTemplateView> {
    return this.uow.run(async (tx) => {
      const template = await requireTemplate(tx, cmd.templateId);
      if (template.stop(this.clock.now())) {
        await tx.couponTemplates.save(template);
        tx.recordEvents(template.pullEvents());
      }
      return (await viewsOf(tx, [template]))[0]!;
    });
  }
}

/** Every template (or those of one status), newest first, with its counts; or one by id. */
export class ListCouponTemplates {
  constructor(private readonly uow: UnitOfWork) {}

  execute(cmd: { readonly status?: TemplateStatus } = {}): Promise<CouponTemplateView[]> {
    return this.uow.run(async (tx) => viewsOf(tx, await tx.couponTemplates.all(cmd)));
  }
}

export class GetCouponTemplate {
  constructor(private readonly uow: UnitOfWork) {}

  execute(cmd: { readonly templateId: string }): Promise<CouponTemplateView> {
    return this.uow.run(async (tx) => (await viewsOf(tx, [await requireTemplate(tx, cmd.templateId)]))[0]!);
  }
}

/** Spec §6 statistics of a template: issued, claimed, used, by state, redemption rate = used / issued (0 when none). */
export class GetCouponStatistics {
  constructor(private readonly uow: UnitOfWork) {}

  execute(cmd: { readonly templateId: string }): Promise<CouponStatistics> {
    return this.uow.run(async (tx) => {
      await requireTemplate(tx, cmd.templateId);
      return couponStatistics(cmd.templateId, await tx.couponStatistics.counts(cmd.templateId));
    });
  }
}
