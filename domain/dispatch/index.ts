export * from './region.js';
export * from './warehouse.js';
export * from './selection.js';
export * from './ports.js';
export * from './errors.js';
