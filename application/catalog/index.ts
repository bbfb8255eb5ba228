export * from './category-use-cases.js';
export * from './brand-use-cases.js';
export * from './front-category-use-cases.js';
export * from './spu-use-cases.js';
export * from './services.js';
