import type { FrontCategoryFields, FrontCategorySnapshot } from '../../domain/catalog/front-category.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { checkMappings, checkParent } from './front-category-checks.js';
import { requireFrontCategory } from './lookups.js';
import { CATALOG_STORE } from './store.js';

/** Edits, hides or schedules a front category (CAT-2); never under itself or its descendants. */
export class UpdateFrontCategory {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: Partial<FrontCategoryFields> & { readonly frontCategoryId: string }): Promise<FrontCategorySnapshot> {
    return this.d.uow.run(async (tx) => {
      const { frontCategoryId, ...fields } = cmd;
      const fc = await requireFrontCategory(tx, frontCategoryId);
      await checkParent(tx, fc.id, fields.parentId);
      await checkMappings(tx, fields);
      fc.update(fields);
      await tx.use(CATALOG_STORE).frontCategories.save(fc);
      return fc.toSnapshot();
    });
  }
}
