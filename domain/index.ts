export * from './shared/index.js';
export * as catalog from './catalog/index.js';
