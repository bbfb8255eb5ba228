// The catalog's public edge (商品中心, spec §1): its use cases, and what other contexts read of it inside
// their own transaction (`findSkus`, `findSpus`, `findSpusOfSkus`, `findSpu`).
export * from './create-category.js';
export * from './update-category.js';
export * from './delete-category.js';
export * from './create-brand.js';
export * from './update-brand.js';
export * from './create-front-category.js';
export * from './update-front-category.js';
export * from './delete-front-category.js';
export * from './create-spu.js';
export * from './create-combo-spu.js';
export * from './update-spu.js';
export * from './change-sku-price.js';
export * from './change-listing.js';
export * from './apply-due-listing-schedules.js';
export * from './services.js';
