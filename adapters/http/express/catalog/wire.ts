import { z } from 'zod';
import { ATTRIBUTE_INPUTS, ATTRIBUTE_KINDS } from '../../../../domain/catalog/attribute.js';
import { BRAND_STATUSES, type BrandSnapshot } from '../../../../domain/catalog/brand.js';
import type { CategorySnapshot } from '../../../../domain/catalog/category.js';
import type { FrontCategorySnapshot } from '../../../../domain/catalog/front-category.js';
import type { CategoryNode, SpuSummary } from '../../../../domain/catalog/ports.js';
import { SPU_STATUSES, TAG_KINDS, type SpuSnapshot } from '../../../../domain/catalog/spu.js';
import type { Page } from '../../../../domain/shared/page.js';
import { component, count, int, money, pageOf, stringMap, timestamp, wireId, wireObject, type Check, type Json, type Same } from '../wire/shared.js';

/** The catalog's answers (routes.ts): categories, brands, front categories, products and their SKUs. */

const nullableId = wireId.nullable();

export const attributeTemplate = component(
  'AttributeTemplate',
  wireObject({
    id: wireId,
    name: z.string(),
    kind: z.enum(ATTRIBUTE_KINDS),
    required: z.boolean(),
    input: z.enum(ATTRIBUTE_INPUTS),
    options: z.array(z.string()),
  }),
);

/** A back-end category as the staff routes answer it (the path lists the ids from the root down to it). */
export const category = component(
  'Category',
  wireObject({
    id: wireId,
    name: z.string(),
    parentId: nullableId,
    path: z.array(wireId),
    sort: int,
    attributes: z.array(attributeTemplate),
    version: count,
  }),
);

/** A node of the public category tree, with its children (recursive). */
export const categoryNode = component(
  'CategoryNode',
  wireObject({
    id: wireId,
    name: z.string(),
    parentId: nullableId,
    level: int.min(1),
    sort: int,
    attributes: z.array(attributeTemplate),
    get children(): z.ZodArray<typeof categoryNode> {
      return z.array(categoryNode);
    },
  }),
);
export const categoryTree = z.array(categoryNode);

export const brand = component(
  'Brand',
  wireObject({
    id: wireId,
    nameZh: z.string(),
    nameEn: z.string().nullable(),
    logoUrl: z.string().nullable(),
    origin: z.string().nullable(),
    status: z.enum(BRAND_STATUSES),
    categoryIds: z.array(wireId),
    version: count,
  }),
);
export const brandPage = component('BrandPage', pageOf(brand));

const frontMapping = z.discriminatedUnion('kind', [
  wireObject({ kind: z.literal('category'), categoryId: wireId }),
  wireObject({ kind: z.literal('attribute'), categoryId: wireId, attributeId: wireId, value: z.string() }),
  wireObject({ kind: z.literal('brand'), brandId: wireId }),
  wireObject({ kind: z.literal('spu'), spuId: wireId }),
]);

export const frontCategory = component(
  'FrontCategory',
  wireObject({
    id: wireId,
    name: z.string(),
    parentId: nullableId,
    sort: int,
    visible: z.boolean(),
    visibleFrom: timestamp.nullable(),
    visibleUntil: timestamp.nullable(),
    mappings: z.array(frontMapping),
    version: count,
  }),
);
export const frontCategories = z.array(frontCategory);

const status = z.enum(SPU_STATUSES);
const tag = wireObject({ kind: z.enum(TAG_KINDS), name: z.string() });

export const spuSummary = component(
  'SpuSummary',
  wireObject({
    id: wireId,
    code: z.string(),
    title: z.string(),
    categoryId: wireId,
    brandId: nullableId,
    status,
    platformPrice: money,
    skuCount: count,
    tags: z.array(tag),
  }),
);
export const spuPage = component('SpuPage', pageOf(spuSummary));

export const sku = component(
  'Sku',
  wireObject({
    id: wireId,
    code: z.string(),
    specs: stringMap,
    salePrice: money,
    marketPrice: money.nullable(),
    components: z.array(wireObject({ skuId: wireId, quantity: int })),
  }),
);

/** A product (SPU) with its SKUs, as the product routes and the public detail answer it. */
export const spuDetail = component(
  'Spu',
  wireObject({
    id: wireId,
    code: z.string(),
    title: z.string(),
    description: z.string(),
    categoryId: wireId,
    categoryPath: z.array(wireId),
    brandId: nullableId,
    kind: z.enum(['standard', 'combo']),
    attributes: z.record(z.string(), z.array(z.string())),
    salesAttributes: z.array(wireObject({ attributeId: wireId, values: z.array(z.string()) })),
    skus: z.array(sku),
    tags: z.array(tag),
    status,
    listAt: timestamp.nullable(),
    unlistAt: timestamp.nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
    version: count,
  }),
);

// Each schema is the JSON form of the type the use case or query returns (a compile error when either drifts).
export type CatalogWireChecks = [
  Check<Same<z.output<typeof category>, Json<CategorySnapshot>>>,
  Check<Same<z.output<typeof categoryTree>, Json<CategoryNode[]>>>,
  Check<Same<z.output<typeof brand>, Json<BrandSnapshot>>>,
  Check<Same<z.output<typeof brandPage>, Json<Page<BrandSnapshot>>>>,
  Check<Same<z.output<typeof frontCategories>, Json<FrontCategorySnapshot[]>>>,
  Check<Same<z.output<typeof spuPage>, Json<Page<SpuSummary>>>>,
  Check<Same<z.output<typeof spuDetail>, Json<SpuSnapshot>>>,
];
