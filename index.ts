/**
 * zhongtai: the domain, the use cases, and `createZhongtai()` to get them ready to call.
 * Adapters live in subpaths: `zhongtai/memory`, `zhongtai/mikro-orm`, `zhongtai/express`.
 */
export * from './domain/index.js';
export * from './application/index.js';
export * as pricing from './domain/pricing/index.js';
export { createZhongtai, type Zhongtai, type ZhongtaiOptions, type CatalogFacade, type InventoryFacade, type DispatchFacade, type CouponFacade, type PromotionFacade, type CartFacade } from './adapters/container/create-zhongtai.js';
