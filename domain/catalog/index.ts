export * from './errors.js';
export * from './attribute.js';
export * from './category.js';
export * from './brand.js';
export * from './front-category.js';
export * from './spu.js';
export * from './ports.js';
export * from './category-tree.js';
