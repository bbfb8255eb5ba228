export * from './warehouse-use-cases.js';
export * from './preview-dispatch.js';
