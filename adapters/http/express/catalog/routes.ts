import { z } from 'zod';
import { ATTRIBUTE_INPUTS, ATTRIBUTE_KINDS } from '../../../../domain/catalog/attribute.js';
import { BRAND_STATUSES } from '../../../../domain/catalog/brand.js';
import { FrontCategory } from '../../../../domain/catalog/front-category.js';
import { SPU_STATUSES, TAG_KINDS } from '../../../../domain/catalog/spu.js';
import { DomainError } from '../../../../domain/shared/domain-error.js';
import { MAX_PAGE_SIZE } from '../../../../domain/shared/page.js';
import { amount, errorsOf, id, int32, pageQuery, route, type Route } from '../route.js';
import { brand, brandPage, category, categoryTree, frontCategories, frontCategory, spuDetail, spuPage } from './wire.js';

const name = z.string().min(1).max(60);
const tags = z.array(z.object({ kind: z.enum(TAG_KINDS), name: z.string().min(1).max(30) }).strict()).max(20);
const attributeValues = z.record(id, z.array(z.string().min(1).max(100)).max(50));
const attributeTemplate = z
  .object({
    id,
    name,
    kind: z.enum(ATTRIBUTE_KINDS),
    required: z.boolean().default(false),
    input: z.enum(ATTRIBUTE_INPUTS),
    options: z.array(z.string().min(1).max(100)).max(200).default([]),
  })
  .strict();
const spuId = z.object({ spuId: id });
const page = (q: { page: number; size: number }) => ({ page: q.page, size: Math.min(q.size, MAX_PAGE_SIZE) });
const code = z.string().min(1).max(64);
const timestamp = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

const spuFilter = z.object({
  categoryId: id.optional(),
  brandId: id.optional(),
  frontCategoryId: id.optional(),
  minPrice: amount.optional(),
  maxPrice: amount.optional(),
  keyword: z.string().min(1).max(100).optional(),
  ...pageQuery,
});

const frontMapping = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('category'), categoryId: id }).strict(),
  z.object({ kind: z.literal('attribute'), categoryId: id, attributeId: id, value: z.string().min(1).max(100) }).strict(),
  z.object({ kind: z.literal('brand'), brandId: id }).strict(),
  z.object({ kind: z.literal('spu'), spuId: id }).strict(),
]);
const frontFields = {
  name,
  parentId: id.nullable().optional(),
  sort: int32.optional(),
  visible: z.boolean().optional(),
  visibleFrom: timestamp.nullable().optional(),
  visibleUntil: timestamp.nullable().optional(),
  mappings: z.array(frontMapping).max(100).optional(),
};
const brandFields = {
  nameZh: name,
  nameEn: z.string().max(60).nullable().optional(),
  logoUrl: z.url().max(500).nullable().optional(),
  origin: z.string().max(60).nullable().optional(),
  status: z.enum(BRAND_STATUSES).optional(),
  categoryIds: z.array(id).max(100).optional(),
};
const spuBase = {
  code: code.optional(),
  title: z.string().min(1).max(200),
  description: z.string().max(10_000).optional(),
  categoryId: id,
  brandId: id.nullable().optional(),
  attributes: attributeValues.optional(),
  tags: tags.optional(),
};

// The business codes each route may answer besides the generic ones: those of its use case and the domain code it calls.
const SPU_NOT_FOUND = { 404: ['CATALOG.SPU_NOT_FOUND'] };
const CATEGORY_NOT_FOUND = { 404: ['CATALOG.CATEGORY_NOT_FOUND'] };
const PRICES = { 422: ['MONEY.TOO_MANY_DECIMALS', 'CATALOG.INVALID_PRICE', 'CATALOG.MARKET_PRICE_BELOW_SALE_PRICE'] };
/** Creating a product or a combo: where it hangs, its brand, its attribute values, codes, title, prices and tags. */
const NEW_SPU = errorsOf(PRICES, {
  404: ['CATALOG.CATEGORY_NOT_FOUND', 'CATALOG.BRAND_NOT_FOUND'],
  409: ['CATALOG.DUPLICATE_SPU_CODE', 'CATALOG.DUPLICATE_SKU_CODE'],
  422: [
    'CATALOG.CATEGORY_NOT_LEAF',
    'CATALOG.BRAND_NOT_ALLOWED',
    'CATALOG.UNKNOWN_ATTRIBUTE',
    'CATALOG.REQUIRED_ATTRIBUTE_MISSING',
    'CATALOG.INVALID_ATTRIBUTE_VALUE',
    'CATALOG.INVALID_CODE',
    'CATALOG.INVALID_TITLE',
    'CATALOG.INVALID_TAG',
  ],
});
/** A front category's fields: its parent and the targets of its mappings exist; its name and schedule hold (CAT-2). */
const FRONT_FIELDS = {
  404: ['CATALOG.FRONT_CATEGORY_NOT_FOUND', 'CATALOG.CATEGORY_NOT_FOUND', 'CATALOG.BRAND_NOT_FOUND', 'CATALOG.SPU_NOT_FOUND'],
  422: ['CATALOG.INVALID_NAME', 'CATALOG.INVALID_PARENT', 'CATALOG.INVALID_SCHEDULE', 'CATALOG.INVALID_ATTRIBUTE_VALUE'],
};

const notListed = (spuIdValue: string) => DomainError.notFound('CATALOG.SPU_NOT_FOUND', `no listed product ${spuIdValue}`, { spuId: spuIdValue });

/** Catalog routes: public reads of what shoppers may see, staff routes (`/admin`) for everything else. */
export const catalogRoutes: Route[] = [
  route({
    method: 'get',
    path: '/catalog/categories',
    tag: 'catalog',
    access: 'public',
    summary: 'The back-end category tree with attribute templates',
    response: categoryTree,
    errors: {},
    handler: ({ zt }) => zt.catalog.queries.categoryTree(),
  }),
  route({
    method: 'get',
    path: '/catalog/front-categories',
    tag: 'catalog',
    access: 'public',
    summary: 'Front categories shown to shoppers now (CAT-2)',
    response: frontCategories,
    errors: {},
    handler: async ({ zt }) => {
      const now = zt.clock.now();
      return (await zt.catalog.queries.frontCategories()).filter((f) => FrontCategory.restore(f).isShownAt(now));
    },
  }),
  route({
    method: 'get',
    path: '/catalog/brands',
    tag: 'catalog',
    access: 'public',
    summary: 'Brands, paginated',
    query: z.object(pageQuery),
    response: brandPage,
    errors: {},
    handler: ({ zt, query }) => zt.catalog.queries.brands(page(query)),
  }),
  route({
    method: 'get',
    path: '/catalog/spus',
    tag: 'catalog',
    access: 'public',
    query: spuFilter,
    summary: 'Search listed products by category (with descendants), brand, front category, price band and keyword',
    response: spuPage,
    errors: {},
    handler: ({ zt, query: { page: p, size, ...filter } }) => zt.catalog.queries.searchSpus({ ...filter, status: 'listed' }, page({ page: p, size })),
  }),
  route({
    method: 'get',
    path: '/catalog/spus/:spuId',
    tag: 'catalog',
    access: 'public',
    params: spuId,
    summary: 'A listed product with its SKUs',
    response: spuDetail,
    errors: SPU_NOT_FOUND,
    handler: async ({ zt, params }) => {
      const spu = await zt.catalog.queries.spu(params.spuId);
      if (spu?.status !== 'listed') throw notListed(params.spuId);
      return spu;
    },
  }),

  // Staff: categories
  route({
    method: 'post',
    path: '/admin/catalog/categories',
    tag: 'catalog-admin',
    access: 'staff',
    roles: ['catalog'],
    status: 201,
    summary: 'Create a back-end category (at most 4 levels, CAT-1)',
    body: z.object({ name, parentId: id.nullable().optional(), sort: int32.optional() }).strict(),
    response: category,
    errors: {
      ...CATEGORY_NOT_FOUND,
      409: ['CATALOG.CATEGORY_HAS_PRODUCTS', 'CATALOG.CATEGORY_HAS_ATTRIBUTES'],
      422: ['CATALOG.CATEGORY_TOO_DEEP', 'CATALOG.INVALID_NAME'],
    },
    handler: ({ zt, body }) => zt.catalog.createCategory(body),
  }),
  route({
    method: 'patch',
    path: '/admin/catalog/categories/:categoryId',
    tag: 'catalog-admin',
    access: 'staff',
    roles: ['catalog'],
    summary: 'Rename a category or replace the attribute templates of a leaf',
    params: z.object({ categoryId: id }),
    body: z.object({ name: name.optional(), sort: int32.optional(), attributes: z.array(attributeTemplate).max(100).optional() }).strict(),
    response: category,
    errors: { ...CATEGORY_NOT_FOUND, 422: ['CATALOG.INVALID_NAME', 'CATALOG.CATEGORY_NOT_LEAF', 'CATALOG.INVALID_ATTRIBUTE'] },
    handler: ({ zt, params, body }) => zt.catalog.updateCategory({ categoryId: params.categoryId, ...body }),
  }),
  route({
    method: 'delete',
    path: '/admin/catalog/categories/:categoryId',
    tag: 'catalog-admin',
    access: 'staff',
    roles: ['catalog'],
    status: 204,
    summary: 'Delete a leaf category without products (CAT-1)',
    params: z.object({ categoryId: id }),
    errors: { ...CATEGORY_NOT_FOUND, 409: ['CATALOG.CATEGORY_HAS_PRODUCTS', 'CATALOG.CATEGORY_HAS_CHILDREN'] },
    handler: ({ zt, params }) => zt.catalog.deleteCategory(params),
  }),

  // Staff: brands and front categories
  route({
    method: 'post',
    path: '/admin/catalog/brands',
    tag: 'catalog-admin',
    access: 'staff',
    roles: ['catalog'],
    status: 201,
    summary: 'Create a brand, optionally linked to categories',
    body: z.object(brandFields).strict(),
    response: brand,
    errors: { ...CATEGORY_NOT_FOUND, 422: ['CATALOG.INVALID_NAME'] },
    handler: ({ zt, body }) => zt.catalog.createBrand(body),
  }),
  route({
    method: 'patch',
    path: '/admin/catalog/brands/:brandId',
    tag: 'catalog-admin',
    access: 'staff',
    roles: ['catalog'],
    summary: 'Change a brand',
    params: z.object({ brandId: id }),
    body: z.object(brandFields).partial().strict(),
    response: brand,
    errors: { 404: ['CATALOG.BRAND_NOT_FOUND', 'CATALOG.CATEGORY_NOT_FOUND'], 422: ['CATALOG.INVALID_NAME'] },
    handler: ({ zt, params, body }) => zt.catalog.updateBrand({ brandId: params.brandId, ...body }),
  }),
  route({
    method: 'get',
    path: '/admin/catalog/front-categories',
    tag: 'catalog-admin',
    access: 'staff',
    roles: ['catalog'],
    summary: 'All front categories, hidden and scheduled ones included',
    response: frontCategories,
    errors: {},
    handler: ({ zt }) => zt.catalog.queries.frontCategories(),
  }),
  route({
    method: 'post',
    path: '/admin/catalog/front-categories',
    tag: 'catalog-admin',
    access: 'staff',
    roles: ['catalog'],
    status: 201,
    summary: 'Create a front category mapped to categories, attribute values, brands or products (CAT-2)',
    body: z.object(frontFields).strict(),
    response: frontCategory,
    errors: FRONT_FIELDS,
    handler: ({ zt, body }) => zt.catalog.createFrontCategory(body),
  }),
  route({
    method: 'patch',
    path: '/admin/catalog/front-categories/:frontCategoryId',
    tag: 'catalog-admin',
    access: 'staff',
    roles: ['catalog'],
    summary: 'Edit, hide or schedule a front category',
    params: z.object({ frontCategoryId: id }),
    body: z.object(frontFields).partial().strict(),
    response: frontCategory,
    errors: FRONT_FIELDS,
    handler: ({ zt, params, body }) => zt.catalog.updateFrontCategory({ frontCategoryId: params.frontCategoryId, ...body }),
  }),
  route({
    method: 'delete',
    path: '/admin/catalog/front-categories/:frontCategoryId',
    tag: 'catalog-admin',
    access: 'staff',
    roles: ['catalog'],
    status: 204,
    summary: 'Delete a front category',
    params: z.object({ frontCategoryId: id }),
    errors: { 404: ['CATALOG.FRONT_CATEGORY_NOT_FOUND'] },
    handler: ({ zt, params }) => zt.catalog.deleteFrontCategory(params),
  }),

  // Staff: products
  route({
    method: 'get',
    path: '/admin/catalog/spus',
    tag: 'catalog-admin',
    access: 'staff',
    roles: ['catalog'],
    summary: 'Search all products, any status',
    query: spuFilter.extend({ status: z.enum(SPU_STATUSES).optional() }),
    response: spuPage,
    errors: {},
    handler: ({ zt, query: { page: p, size, ...filter } }) => zt.catalog.queries.searchSpus(filter, page({ page: p, size })),
  }),
  route({
    method: 'get',
    path: '/admin/catalog/spus/:spuId',
    tag: 'catalog-admin',
    access: 'staff',
    roles: ['catalog'],
    params: spuId,
    summary: 'A product with its SKUs, any status',
    response: spuDetail,
    errors: SPU_NOT_FOUND,
    handler: async ({ zt, params }) => {
      const spu = await zt.catalog.queries.spu(params.spuId);
      if (!spu) throw DomainError.notFound('CATALOG.SPU_NOT_FOUND', `no product ${params.spuId}`, { spuId: params.spuId });
      return spu;
    },
  }),
  route({
    method: 'post',
    path: '/admin/catalog/spus',
    tag: 'catalog-admin',
    access: 'staff',
    roles: ['catalog'],
    status: 201,
    summary: 'Create a product; its SKUs are every combination of the sales attribute values',
    body: z
      .object({
        ...spuBase,
        salesAttributes: z
          .array(z.object({ attributeId: id, values: z.array(z.string().min(1).max(100)).min(1).max(100) }).strict())
          .max(5)
          .optional(),
        salePrice: amount.optional(),
        marketPrice: amount.nullable().optional(),
        skus: z
          .array(
            z
              .object({ specs: z.record(id, z.string()), code: code.optional(), salePrice: amount.optional(), marketPrice: amount.nullable().optional() })
              .strict(),
          )
          .max(600)
          .optional(),
      })
      .strict(),
    response: spuDetail,
    errors: errorsOf(NEW_SPU, { 422: ['CATALOG.TOO_MANY_SKUS', 'CATALOG.DUPLICATE_SKU_SPECS', 'CATALOG.UNKNOWN_SKU_SPECS', 'CATALOG.PRICE_REQUIRED'] }),
    handler: ({ zt, body }) => zt.catalog.createSpu(body),
  }),
  route({
    method: 'post',
    path: '/admin/catalog/combos',
    tag: 'catalog-admin',
    access: 'staff',
    roles: ['catalog'],
    status: 201,
    summary: 'Create a combo product: one SKU made of other SKUs × quantities',
    body: z
      .object({
        ...spuBase,
        skuCode: code.optional(),
        salePrice: amount,
        marketPrice: amount.nullable().optional(),
        components: z
          .array(z.object({ skuId: id, quantity: z.number().int().min(1).max(1000) }).strict())
          .min(1)
          .max(50),
      })
      .strict(),
    response: spuDetail,
    errors: errorsOf(NEW_SPU, { 422: ['CATALOG.INVALID_COMBO'] }),
    handler: ({ zt, body }) => zt.catalog.createComboSpu(body),
  }),
  route({
    method: 'patch',
    path: '/admin/catalog/spus/:spuId',
    tag: 'catalog-admin',
    access: 'staff',
    roles: ['catalog'],
    params: spuId,
    summary: 'Change title, description or tags',
    body: z.object({ title: z.string().min(1).max(200).optional(), description: z.string().max(10_000).optional(), tags: tags.optional() }).strict(),
    response: spuDetail,
    errors: { ...SPU_NOT_FOUND, 422: ['CATALOG.INVALID_TITLE', 'CATALOG.INVALID_TAG'] },
    handler: ({ zt, params, body }) => zt.catalog.updateSpu({ spuId: params.spuId, ...body }),
  }),
  route({
    method: 'patch',
    path: '/admin/catalog/spus/:spuId/skus/:skuId',
    tag: 'catalog-admin',
    access: 'staff',
    roles: ['catalog'],
    summary: 'Change the sale or market price of a SKU',
    params: z.object({ spuId: id, skuId: id }),
    body: z.object({ salePrice: amount.optional(), marketPrice: amount.nullable().optional() }).strict(),
    response: spuDetail,
    errors: errorsOf(PRICES, { 404: ['CATALOG.SPU_NOT_FOUND', 'CATALOG.SKU_NOT_FOUND'] }),
    handler: ({ zt, params, body }) => zt.catalog.changeSkuPrice({ ...params, ...body }),
  }),
  route({
    method: 'post',
    path: '/admin/catalog/spus/:spuId/listing',
    tag: 'catalog-admin',
    access: 'staff',
    roles: ['catalog'],
    params: spuId,
    summary: 'List or unlist now, or schedule listing and unlisting (CAT-3)',
    body: z.discriminatedUnion('action', [
      z.object({ action: z.literal('list') }).strict(),
      z.object({ action: z.literal('unlist') }).strict(),
      z.object({ action: z.literal('schedule'), listAt: timestamp.nullable().optional(), unlistAt: timestamp.nullable().optional() }).strict(),
    ]),
    response: spuDetail,
    errors: { ...SPU_NOT_FOUND, 409: ['CATALOG.INVALID_STATUS_CHANGE'], 422: ['CATALOG.SCHEDULE_IN_PAST', 'CATALOG.INVALID_SCHEDULE'] },
    handler: ({ zt, params, body }) => zt.catalog.changeListing({ spuId: params.spuId, ...body }),
  }),
];
