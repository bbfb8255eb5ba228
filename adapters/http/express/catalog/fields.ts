// What the catalog's public and staff routes share: the product id, paging, the search filter and timestamps.
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
