export * from './warehouse-use-cases.js';
export * from './set-warehouse-stock.js';
export * from './preview-dispatch.js';
