import { DomainError } from '../../domain/shared/domain-error.js';
import { FREIGHT_ERROR } from '../../domain/freight/errors.js';
import { FreightTemplate, type FreightTemplateFields, type FreightTemplateSnapshot } from '../../domain/freight/template.js';
import type { IdGenerator } from '../../domain/shared/ports.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import { requireSkus, requireTemplate } from './lookups.js';

/** Creates a per-item freight template of a shop (no two region rules may overlap: `FREIGHT.OVERLAPPING_REGIONS`). */
export class CreateFreightTemplate {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly ids: IdGenerator,
  ) {}

  execute(cmd: FreightTemplateFields): Promise<FreightTemplateSnapshot> {
    return this.uow.run(async (tx) => {
      const template = FreightTemplate.create(this.ids.next(), cmd);
      await tx.freightTemplates.save(template);
      return template.toSnapshot();
    });
  }
}

export type UpdateFreightTemplateCommand = Partial<Omit<FreightTemplateFields, 'shopId'>> & { readonly templateId: string };

/** Changes a template's fields; given lists (`regionRates`, `freeRules`) replace the old ones, and the whole template is checked again. */
export class UpdateFreightTemplate {
  constructor(private readonly uow: UnitOfWork) {}

  execute(cmd: UpdateFreightTemplateCommand): Promise<FreightTemplateSnapshot> {
    return this.uow.run(async (tx) => {
      const { templateId, ...fields } = cmd;
      const template = await requireTemplate(tx, templateId);
      template.update(fields);
      await tx.freightTemplates.save(template);
      return template.toSnapshot();
    });
  }
}

/** A shop's templates (or every template), by name then id. */
export class ListFreightTemplates {
  constructor(private readonly uow: UnitOfWork) {}

  execute(cmd: { readonly shopId?: string } = {}): Promise<FreightTemplateSnapshot[]> {
    return this.uow.run(async (tx) => (await tx.freightTemplates.list(cmd)).map((t) => t.toSnapshot()));
  }
}

export class GetFreightTemplate {
  constructor(private readonly uow: UnitOfWork) {}

  execute(cmd: { readonly templateId: string }): Promise<FreightTemplateSnapshot> {
    return this.uow.run(async (tx) => (await requireTemplate(tx, cmd.templateId)).toSnapshot());
  }
}

export const MAX_ASSIGNED_SKUS = 500;

export interface AssignFreightTemplateCommand {
  /** The template the SKUs will use; null takes their template away. */
  readonly templateId: string | null;
  readonly skuIds: readonly string[];
}

/**
 * Says which per-item template SKUs use (a table of the freight context; the catalog is not changed).
 * Every SKU must be in the catalog (`FREIGHT.UNKNOWN_SKU`) and the template must exist.
 */
export class AssignFreightTemplate {
  constructor(private readonly uow: UnitOfWork) {}

  execute(cmd: AssignFreightTemplateCommand): Promise<{ templateId: string | null; skuIds: string[] }> {
    return this.uow.run(async (tx) => {
      const skuIds = [...new Set(cmd.skuIds)];
      if (skuIds.length === 0 || skuIds.length > MAX_ASSIGNED_SKUS) {
        throw DomainError.invalid(FREIGHT_ERROR.INVALID_TEMPLATE, `assign 1 to ${MAX_ASSIGNED_SKUS} SKUs at once`, { skuIds: skuIds.length });
      }
      if (cmd.templateId !== null) await requireTemplate(tx, cmd.templateId);
      await requireSkus(tx, skuIds);
      await tx.skuFreightTemplates.assign(skuIds, cmd.templateId);
      return { templateId: cmd.templateId, skuIds };
    });
  }
}

/** The SKUs that use a template. */
export class ListTemplateSkus {
  constructor(private readonly uow: UnitOfWork) {}

  execute(cmd: { readonly templateId: string }): Promise<{ templateId: string; skuIds: string[] }> {
    return this.uow.run(async (tx) => {
      await requireTemplate(tx, cmd.templateId);
      return { templateId: cmd.templateId, skuIds: await tx.skuFreightTemplates.skusOf(cmd.templateId) };
    });
  }
}
