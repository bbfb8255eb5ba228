import { Brand, type BrandFields, type BrandSnapshot } from '../../domain/catalog/brand.js';
import type { IdGenerator } from '../../domain/shared/ports.js';
import type { Transaction, UnitOfWork } from '../shared/unit-of-work.js';
import { requireBrand, requireCategory } from './lookups.js';

async function checkCategories(tx: Transaction, ids: readonly string[] | undefined): Promise<void> {
  for (const id of ids ?? []) await requireCategory(tx, id);
}

export class CreateBrand {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly ids: IdGenerator,
  ) {}

  execute(cmd: BrandFields): Promise<BrandSnapshot> {
    return this.uow.run(async (tx) => {
      await checkCategories(tx, cmd.categoryIds);
      const brand = Brand.create(this.ids.next(), cmd);
      await tx.brands.save(brand);
      return brand.toSnapshot();
    });
  }
}

export class UpdateBrand {
  constructor(private readonly uow: UnitOfWork) {}

  execute(cmd: Partial<BrandFields> & { readonly brandId: string }): Promise<BrandSnapshot> {
    return this.uow.run(async (tx) => {
      const { brandId, ...fields } = cmd;
      const brand = await requireBrand(tx, brandId);
      await checkCategories(tx, fields.categoryIds);
      brand.update(fields);
      await tx.brands.save(brand);
      return brand.toSnapshot();
    });
  }
}
