import type { BrandFields, BrandSnapshot } from '../../domain/catalog/brand.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { requireBrand, requireCategories } from './lookups.js';
import { CATALOG_STORE } from './store.js';

/** Changes a brand's fields; given category links replace the old ones (every one must exist). */
export class UpdateBrand {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: Partial<BrandFields> & { readonly brandId: string }): Promise<BrandSnapshot> {
    return this.d.uow.run(async (tx) => {
      const { brandId, ...fields } = cmd;
      const brand = await requireBrand(tx, brandId);
      await requireCategories(tx, fields.categoryIds);
      brand.update(fields);
      await tx.use(CATALOG_STORE).brands.save(brand);
      return brand.toSnapshot();
    });
  }
}
