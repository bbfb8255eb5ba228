import type { FreightTemplateSnapshot } from '../../domain/freight/template.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { FREIGHT_STORE } from './store.js';

/** A shop's templates (or every template), by name then id. */
export class ListFreightTemplates {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { readonly shopId?: string } = {}): Promise<FreightTemplateSnapshot[]> {
    return this.d.uow.run(async (tx) => (await tx.use(FREIGHT_STORE).templates.list(cmd)).map((t) => t.toSnapshot()));
  }
}
