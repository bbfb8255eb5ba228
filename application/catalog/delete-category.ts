import { assertDeletable } from '../../domain/catalog/category.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { requireCategory } from './lookups.js';
import { CATALOG_STORE } from './store.js';

/** CAT-1: only a leaf without products can be deleted. */
export class DeleteCategory {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { readonly categoryId: string }): Promise<void> {
    return this.d.uow.run(async (tx) => {
      const store = tx.use(CATALOG_STORE);
      const category = await requireCategory(tx, cmd.categoryId);
      assertDeletable(category, await store.categories.hasChildren(category.id), await store.spus.countInCategory(category.id));
      await store.categories.remove(category);
    });
  }
}
