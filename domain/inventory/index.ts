export * from './sales-stock.js';
export * from './movement.js';
export * from './ports.js';
