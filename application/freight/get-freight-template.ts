import type { FreightTemplateSnapshot } from '../../domain/freight/template.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { requireTemplate } from './lookups.js';

/** One template (`FREIGHT.TEMPLATE_NOT_FOUND` when there is none). */
export class GetFreightTemplate {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { readonly templateId: string }): Promise<FreightTemplateSnapshot> {
    return this.d.uow.run(async (tx) => (await requireTemplate(tx, cmd.templateId)).toSnapshot());
  }
}
