export * from './create-zhongtai.js';
export * from './tokens.js';
export * from './catalog-module.js';
export * from './shared-module.js';
export * from './inventory-module.js';
export * from './dispatch-module.js';
export * from './coupon-module.js';
export * from './promotion-module.js';
