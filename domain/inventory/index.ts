export * from './sales-stock.js';
export * from './movement.js';
export * from './ports.js';
export * from './layer-stock.js';
export * from './dispatch-stock.js';
export * from './location-stock.js';
export * from './layer-ports.js';
export * from './errors.js';
