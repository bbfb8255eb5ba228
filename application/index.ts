export * from './shared/index.js';
export * from './catalog/index.js';
export * from './inventory/index.js';
export * from './dispatch/index.js';
export * from './coupon/index.js';
export * from './promotion/index.js';
export * from './freight/index.js';
export * from './crossborder/index.js';
