import { CATALOG_ERRORS } from '../../domain/catalog/errors.js';
import type { FrontCategoryFields, FrontCategoryMapping } from '../../domain/catalog/front-category.js';
import type { Transaction } from '../shared/unit-of-work.js';
import { requireBrand, requireCategory, requireFrontCategory, requireSpu } from './lookups.js';

/** The parent exists and is not the category itself or one of its descendants (no cycles). */
export async function checkParent(tx: Transaction, selfId: string | null, parentId: string | null | undefined): Promise<void> {
  for (let id = parentId ?? null, hops = 0; id !== null; hops += 1) {
    if (id === selfId || hops > 100) {
      throw CATALOG_ERRORS.raise('INVALID_PARENT', 'a front category cannot sit under itself or its descendants', { parentId });
    }
    id = (await requireFrontCategory(tx, id)).toSnapshot().parentId;
  }
}

/** Every mapping must point at something that exists; an attribute mapping names a real option (CAT-2). */
export async function checkMappings(tx: Transaction, fields: Partial<FrontCategoryFields>): Promise<void> {
  for (const m of fields.mappings ?? ([] as FrontCategoryMapping[])) {
    if (m.kind === 'brand') await requireBrand(tx, m.brandId);
    else if (m.kind === 'spu') await requireSpu(tx, m.spuId);
    else {
      const category = await requireCategory(tx, m.categoryId);
      if (m.kind === 'attribute') {
        const a = category.attribute(m.attributeId);
        if (!a || (a.input !== 'text' && !a.options.includes(m.value))) {
          throw CATALOG_ERRORS.raise('INVALID_ATTRIBUTE_VALUE', `category ${m.categoryId} has no value ${m.value} for ${m.attributeId}`, {
            attributeId: m.attributeId,
          });
        }
      }
    }
  }
}
