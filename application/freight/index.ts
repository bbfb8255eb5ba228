export * from './template-use-cases.js';
export * from './shop-settings-use-cases.js';
export * from './quote-freight.js';
