import { FreightTemplate, type FreightTemplateFields, type FreightTemplateSnapshot } from '../../domain/freight/template.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { FREIGHT_STORE } from './store.js';

/** Creates a per-item freight template of a shop (no two region rules may overlap: `FREIGHT.OVERLAPPING_REGIONS`). */
export class CreateFreightTemplate {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: FreightTemplateFields): Promise<FreightTemplateSnapshot> {
    return this.d.uow.run(async (tx) => {
      const template = FreightTemplate.create(this.d.ids.next(), cmd);
      await tx.use(FREIGHT_STORE).templates.save(template);
      return template.toSnapshot();
    });
  }
}
