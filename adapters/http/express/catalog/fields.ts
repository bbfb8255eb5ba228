// What the catalog's public and staff routes share: the product id, paging, the search filter, timestamps and the not-found code.
import { z } from 'zod';
import { MAX_PAGE_SIZE } from '../../../../domain/shared/page.js';
import { amount, id, pageQuery } from '../route.js';

export const spuId = z.object({ spuId: id });
export const page = (q: { page: number; size: number }) => ({ page: q.page, size: Math.min(q.size, MAX_PAGE_SIZE) });
export const timestamp = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

export const spuFilter = z.object({
  categoryId: id.optional(),
  brandId: id.optional(),
  frontCategoryId: id.optional(),
  minPrice: amount.optional(),
  maxPrice: amount.optional(),
  keyword: z.string().min(1).max(100).optional(),
  ...pageQuery,
});

// The business codes each route may answer besides the generic ones: those of its use case and the domain code it calls.
export const SPU_NOT_FOUND = { 404: ['CATALOG.SPU_NOT_FOUND'] };
