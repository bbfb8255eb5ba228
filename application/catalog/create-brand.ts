import { Brand, type BrandFields, type BrandSnapshot } from '../../domain/catalog/brand.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { requireCategories } from './lookups.js';
import { CATALOG_STORE } from './store.js';

/** A brand and the categories it is linked to (every one must exist). */
export class CreateBrand {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: BrandFields): Promise<BrandSnapshot> {
    return this.d.uow.run(async (tx) => {
      await requireCategories(tx, cmd.categoryIds);
      const brand = Brand.create(this.d.ids.next(), cmd);
      await tx.use(CATALOG_STORE).brands.save(brand);
      return brand.toSnapshot();
    });
  }
}
