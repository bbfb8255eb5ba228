import { z } from 'zod';
import { ATTRIBUTE_INPUTS, ATTRIBUTE_KINDS } from '../../../../domain/catalog/attribute.js';
import { BRAND_STATUSES } from '../../../../domain/catalog/brand.js';
import { id, int32, route, type Route } from '../route.js';
import { timestamp } from './fields.js';
import { brand, category, frontCategories, frontCategory } from './wire.js';

const name = z.string().min(1).max(60);
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

// The business codes each route may answer besides the generic ones: those of its use case and the domain code it calls.
const CATEGORY_NOT_FOUND = { 404: ['CATALOG.CATEGORY_NOT_FOUND'] };
/** A front category's fields: its parent and the targets of its mappings exist; its name and schedule hold (CAT-2). */
const FRONT_FIELDS = {
  404: ['CATALOG.FRONT_CATEGORY_NOT_FOUND', 'CATALOG.CATEGORY_NOT_FOUND', 'CATALOG.BRAND_NOT_FOUND', 'CATALOG.SPU_NOT_FOUND'],
  422: ['CATALOG.INVALID_NAME', 'CATALOG.INVALID_PARENT', 'CATALOG.INVALID_SCHEDULE', 'CATALOG.INVALID_ATTRIBUTE_VALUE'],
};

/** Staff routes (`/admin`) for back-end categories, brands and front categories. */
export const catalogStaffCategoryRoutes: Route[] = [
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
];
