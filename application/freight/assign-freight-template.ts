import { FREIGHT_ERROR } from '../../domain/freight/errors.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { requireSkus, requireTemplate } from './lookups.js';
import { FREIGHT_STORE } from './store.js';

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
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: AssignFreightTemplateCommand): Promise<{ templateId: string | null; skuIds: string[] }> {
    return this.d.uow.run(async (tx) => {
      const skuIds = [...new Set(cmd.skuIds)];
      if (skuIds.length === 0 || skuIds.length > MAX_ASSIGNED_SKUS) {
        throw DomainError.invalid(FREIGHT_ERROR.INVALID_TEMPLATE, `assign 1 to ${MAX_ASSIGNED_SKUS} SKUs at once`, { skuIds: skuIds.length });
      }
      if (cmd.templateId !== null) await requireTemplate(tx, cmd.templateId);
      await requireSkus(tx, skuIds);
      await tx.use(FREIGHT_STORE).skuTemplates.assign(skuIds, cmd.templateId);
      return { templateId: cmd.templateId, skuIds };
    });
  }
}
