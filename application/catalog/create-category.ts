import { Category, type CategorySnapshot } from '../../domain/catalog/category.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { requireCategory } from './lookups.js';
import { CATALOG_STORE } from './store.js';

export interface CreateCategoryCommand {
  readonly name: string;
  readonly parentId?: string | null;
  readonly sort?: number;
}

/** Adds a back-end category under a parent (or as a root); CAT-1 depth and product rules apply. */
export class CreateCategory {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: CreateCategoryCommand): Promise<CategorySnapshot> {
    return this.d.uow.run(async (tx) => {
      const store = tx.use(CATALOG_STORE);
      const parent = cmd.parentId ? await requireCategory(tx, cmd.parentId) : null;
      const parentProductCount = parent ? await store.spus.countInCategory(parent.id) : 0;
      const category = Category.create({
        id: this.d.ids.next(),
        name: cmd.name,
        parent,
        parentProductCount,
        sort: cmd.sort,
        now: this.d.clock.now(),
      });
      await store.categories.save(category);
      return category.toSnapshot();
    });
  }
}
