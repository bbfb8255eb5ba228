export * from './shared/index.js';
export * as catalog from './catalog/index.js';
export * as inventory from './inventory/index.js';
export * as dispatch from './dispatch/index.js';
export * as coupon from './coupon/index.js';
export * as promotion from './promotion/index.js';
export * as cart from './cart/index.js';
export * as freight from './freight/index.js';
export * as crossborder from './crossborder/index.js';
