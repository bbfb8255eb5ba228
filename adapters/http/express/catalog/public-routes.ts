import { z } from 'zod';
import { FrontCategory } from '../../../../domain/catalog/front-category.js';
import { DomainError } from '../../../../domain/shared/domain-error.js';
import { pageQuery, route, type Route } from '../route.js';
import { page, spuFilter, spuId } from './fields.js';
import { brandPage, categoryTree, frontCategories, spuDetail, spuPage } from './wire.js';

// The business codes each route may answer besides the generic ones: those of its use case and the domain code it calls.
export const SPU_NOT_FOUND = { 404: ['CATALOG.SPU_NOT_FOUND'] };

const notListed = (spuIdValue: string) => DomainError.notFound('CATALOG.SPU_NOT_FOUND', `no listed product ${spuIdValue}`, { spuId: spuIdValue });

/** Public reads of what shoppers may see. */
export const catalogPublicRoutes: Route[] = [
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
    sharedAnswers: true, // the read cache hands every request the same detail until the product changes
    handler: async ({ zt, params }) => {
      const spu = await zt.catalog.queries.spu(params.spuId);
      if (spu?.status !== 'listed') throw notListed(params.spuId);
      return spu;
    },
  }),
];
