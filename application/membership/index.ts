export * from './support.js';
export * from './member-use-cases.js';
export * from './growth-use-cases.js';
export * from './points-use-cases.js';
export * from './order-use-cases.js';
export * from './rfm-use-cases.js';
export * from './checkout-points.js';
