import {
  FrontCategory,
  type FrontCategoryFields,
  type FrontCategoryMapping,
  type FrontCategorySnapshot,
} from '../../domain/catalog/front-category.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import type { IdGenerator } from '../../domain/shared/ports.js';
import type { Transaction, UnitOfWork } from '../shared/unit-of-work.js';
import { requireBrand, requireCategory, requireFrontCategory, requireSpu } from './lookups.js';

/** The parent exists and is not the category itself or one of its descendants (no cycles). */
async function checkParent(tx: Transaction, selfId: string | null, parentId: string | null | undefined): Promise<void> {
  for (let id = parentId ?? null, hops = 0; id !== null; hops += 1) {
    if (id === selfId || hops > 100) {
      throw DomainError.invalid('CATALOG.INVALID_PARENT', 'a front category cannot sit under itself or its descendants', { parentId });
    }
    id = (await requireFrontCategory(tx, id)).toSnapshot().parentId;
  }
}

/** Every mapping must point at something that exists; an attribute mapping names a real option. */
async function checkMappings(tx: Transaction, fields: Partial<FrontCategoryFields>): Promise<void> {
  for (const m of fields.mappings ?? ([] as FrontCategoryMapping[])) {
    if (m.kind === 'brand') await requireBrand(tx, m.brandId);
    else if (m.kind === 'spu') await requireSpu(tx, m.spuId);
    else {
      const category = await requireCategory(tx, m.categoryId);
      if (m.kind === 'attribute') {
        const a = category.attribute(m.attributeId);
        if (!a || (a.input !== 'text' && !a.options.includes(m.value))) {
          throw DomainError.invalid('CATALOG.INVALID_ATTRIBUTE_VALUE', `category ${m.categoryId} has no value ${m.value} for ${m.attributeId}`, {
            attributeId: m.attributeId,
          });
        }
      }
    }
  }
}

export class CreateFrontCategory {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly ids: IdGenerator,
  ) {}

  execute(cmd: FrontCategoryFields): Promise<FrontCategorySnapshot> {
    return this.uow.run(async (tx) => {
      await checkParent(tx, null, cmd.parentId);
      await checkMappings(tx, cmd);
      const fc = FrontCategory.create(this.ids.next(), cmd);
      await tx.frontCategories.save(fc);
      return fc.toSnapshot();
    });
  }
}

export class UpdateFrontCategory {
  constructor(private readonly uow: UnitOfWork) {}

  execute(cmd: Partial<FrontCategoryFields> & { readonly frontCategoryId: string }): Promise<FrontCategorySnapshot> {
    return this.uow.run(async (tx) => {
      const { frontCategoryId, ...fields } = cmd;
      const fc = await requireFrontCategory(tx, frontCategoryId);
      await checkParent(tx, fc.id, fields.parentId);
      await checkMappings(tx, fields);
      fc.update(fields);
      await tx.frontCategories.save(fc);
      return fc.toSnapshot();
    });
  }
}

/** CAT-2: front categories can be deleted freely; children whose parent is gone show as roots. */
export class DeleteFrontCategory {
  constructor(private readonly uow: UnitOfWork) {}

  execute(cmd: { readonly frontCategoryId: string }): Promise<void> {
    return this.uow.run(async (tx) => {
      await tx.frontCategories.remove(await requireFrontCategory(tx, cmd.frontCategoryId));
    });
  }
}
