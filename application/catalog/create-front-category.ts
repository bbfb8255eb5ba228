import { FrontCategory, type FrontCategoryFields, type FrontCategorySnapshot } from '../../domain/catalog/front-category.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { checkMappings, checkParent } from './front-category-checks.js';
import { CATALOG_STORE } from './store.js';

/** A front category (CAT-2): its parent and the targets of its mappings must exist. */
export class CreateFrontCategory {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: FrontCategoryFields): Promise<FrontCategorySnapshot> {
    return this.d.uow.run(async (tx) => {
      await checkParent(tx, null, cmd.parentId);
      await checkMappings(tx, cmd);
      const fc = FrontCategory.create(this.d.ids.next(), cmd);
      await tx.use(CATALOG_STORE).frontCategories.save(fc);
      return fc.toSnapshot();
    });
  }
}
