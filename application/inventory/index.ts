export * from './stock-use-cases.js';
export * from './layered-stock.js';
export * from './warehouse-stock-use-cases.js';
export * from './outbound-stock-use-cases.js';
export * from './layered-stock-queries.js';
export * from './order-stock-locks.js';
