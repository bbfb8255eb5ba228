export * from './lookups.js';
export * from './activity-use-cases.js';
export * from './budget-use-cases.js';
export * from './group-buy-use-cases.js';
export * from './bargain-use-cases.js';
export * from './preview-price.js';
export * from './purchase-limit-use-cases.js';
export * from './group-orders.js';
