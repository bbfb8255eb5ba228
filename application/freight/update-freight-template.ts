import type { FreightTemplateFields, FreightTemplateSnapshot } from '../../domain/freight/template.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { requireTemplate } from './lookups.js';
import { FREIGHT_STORE } from './store.js';

export type UpdateFreightTemplateCommand = Partial<Omit<FreightTemplateFields, 'shopId'>> & { readonly templateId: string };

/** Changes a template's fields; given lists (`regionRates`, `freeRules`) replace the old ones, and the whole template is checked again. */
export class UpdateFreightTemplate {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: UpdateFreightTemplateCommand): Promise<FreightTemplateSnapshot> {
    return this.d.uow.run(async (tx) => {
      const { templateId, ...fields } = cmd;
      const template = await requireTemplate(tx, templateId);
      template.update(fields);
      await tx.use(FREIGHT_STORE).templates.save(template);
      return template.toSnapshot();
    });
  }
}
