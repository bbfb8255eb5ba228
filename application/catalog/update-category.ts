import type { AttributeTemplate } from '../../domain/catalog/attribute.js';
import type { CategorySnapshot } from '../../domain/catalog/category.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { requireCategory } from './lookups.js';
import { CATALOG_STORE } from './store.js';

export interface UpdateCategoryCommand {
  readonly categoryId: string;
  readonly name?: string;
  readonly sort?: number;
  /** Replaces the attribute templates (leaf categories only). */
  readonly attributes?: readonly AttributeTemplate[];
}

/** Renames, re-sorts, or replaces the attribute templates of a leaf (CAT-1: templates belong on leaves). */
export class UpdateCategory {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: UpdateCategoryCommand): Promise<CategorySnapshot> {
    return this.d.uow.run(async (tx) => {
      const categories = tx.use(CATALOG_STORE).categories;
      const category = await requireCategory(tx, cmd.categoryId);
      if (cmd.name !== undefined || cmd.sort !== undefined) category.rename(cmd.name ?? category.name, cmd.sort);
      if (cmd.attributes) category.defineAttributes(cmd.attributes, await categories.hasChildren(category.id));
      await categories.save(category);
      return category.toSnapshot();
    });
  }
}
