export * from './errors.js';
export * from './tax.js';
export * from './limits.js';
export * from './documents.js';
export * from './ports.js';
