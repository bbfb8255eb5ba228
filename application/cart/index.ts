export * from './sources.js';
export * from './lookups.js';
export * from './cart-use-cases.js';
export * from './view-cart.js';
