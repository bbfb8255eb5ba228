import { z } from 'zod';
import { SPU_STATUSES, TAG_KINDS } from '../../../../domain/catalog/spu.js';
import { DomainError } from '../../../../domain/shared/domain-error.js';
import { amount, errorsOf, id, route, type Route } from '../route.js';
import { page, spuFilter, spuId, timestamp } from './fields.js';
import { SPU_NOT_FOUND } from './public-routes.js';
import { spuDetail, spuPage } from './wire.js';

const tags = z.array(z.object({ kind: z.enum(TAG_KINDS), name: z.string().min(1).max(30) }).strict()).max(20);
const attributeValues = z.record(id, z.array(z.string().min(1).max(100)).max(50));
const code = z.string().min(1).max(64);
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

/** Staff routes (`/admin`) for products: search, create (products and combos), change, price and list. */
export const catalogStaffProductRoutes: Route[] = [
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
