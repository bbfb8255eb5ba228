export * from './shared/index.js';
export * from './catalog/index.js';
