import type { UseCaseDeps } from '../shared/deps.js';
import { requireTemplate } from './lookups.js';
import { FREIGHT_STORE } from './store.js';

/** The SKUs that use a template. */
export class ListTemplateSkus {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { readonly templateId: string }): Promise<{ templateId: string; skuIds: string[] }> {
    return this.d.uow.run(async (tx) => {
      await requireTemplate(tx, cmd.templateId);
      return { templateId: cmd.templateId, skuIds: await tx.use(FREIGHT_STORE).skuTemplates.skusOf(cmd.templateId) };
    });
  }
}
