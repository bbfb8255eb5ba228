import type { UseCaseDeps } from '../shared/deps.js';
import { requireFrontCategory } from './lookups.js';
import { CATALOG_STORE } from './store.js';

/** CAT-2: front categories can be deleted freely; children whose parent is gone show as roots. */
export class DeleteFrontCategory {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { readonly frontCategoryId: string }): Promise<void> {
    return this.d.uow.run(async (tx) => {
      await tx.use(CATALOG_STORE).frontCategories.remove(await requireFrontCategory(tx, cmd.frontCategoryId));
    });
  }
}
