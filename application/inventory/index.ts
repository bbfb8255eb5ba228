export * from './stock-use-cases.js';
export * from './order-stock-locks.js';
